import { PageHeader } from '../../../components/PageHeader.js';

export function CasePage() {
  return <PageHeader title="Cases" description="Coming shortly." />;
}
