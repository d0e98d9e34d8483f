import { PageHeader } from '../../../components/PageHeader.js';

export function DeadlinePoliciesPage() {
  return <PageHeader title="DeadlinePolicies" />;
}
