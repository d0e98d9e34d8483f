import { PageHeader } from '../../../components/PageHeader.js';

export function AssignmentRulesPage() {
  return <PageHeader title="AssignmentRules" />;
}
