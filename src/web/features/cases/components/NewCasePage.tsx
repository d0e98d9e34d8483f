import { PageHeader } from '../../../components/PageHeader.js';

export function NewCasePage() {
  return <PageHeader title="Cases" description="Coming shortly." />;
}
