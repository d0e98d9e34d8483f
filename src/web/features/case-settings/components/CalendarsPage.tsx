import { PageHeader } from '../../../components/PageHeader.js';

export function CalendarsPage() {
  return <PageHeader title="Calendars" />;
}
