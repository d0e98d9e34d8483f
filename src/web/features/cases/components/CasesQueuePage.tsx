import { PageHeader } from '../../../components/PageHeader.js';

export function CasesQueuePage() {
  return <PageHeader title="Cases" description="Coming shortly." />;
}
