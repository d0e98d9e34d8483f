import { PageHeader } from '../../../components/PageHeader.js';

export function TemplatesPage() {
  return <PageHeader title="Templates" />;
}
