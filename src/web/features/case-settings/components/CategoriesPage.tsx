import { PageHeader } from '../../../components/PageHeader.js';

export function CategoriesPage() {
  return <PageHeader title="Categories" />;
}
