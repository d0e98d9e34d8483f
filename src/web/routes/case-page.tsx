import { AttachmentsCard } from '../features/attachments/AttachmentsCard.js';
import { CasePage } from '../features/cases/components/CasePage.js';

/** The case page with the cards of other features (features do not import each other; routes compose). */
export function CaseRoutePage() {
  return <CasePage sideCards={(c) => <AttachmentsCard caseId={c.id} canUpload={c.allowed.update} />} />;
}
