import { TEMPLATE_PLACEHOLDERS } from '../../../contracts/cases.js';

/** `customer.name` → `{{customer.name}}`. */
export function placeholderToken(name: string): string {
  return `{{${name}}}`;
}

/**
 * Puts a placeholder where the cursor is (replacing any selection) and says where the cursor goes next:
 * just after what was inserted. Out-of-range positions are clamped, so a lost cursor inserts at the end.
 */
export function insertAtCursor(
  text: string,
  name: string,
  selectionStart: number | null,
  selectionEnd: number | null = selectionStart,
): { text: string; cursor: number } {
  const token = placeholderToken(name);
  const start = Math.min(Math.max(selectionStart ?? text.length, 0), text.length);
  const end = Math.min(Math.max(selectionEnd ?? start, start), text.length);
  return { text: text.slice(0, start) + token + text.slice(end), cursor: start + token.length };
}

// The server's pattern: only these are placeholders (and refused when unknown); other braces are text.
const TOKEN = /\{\{\s*([a-zA-Z.]+)\s*\}\}/g;

/** The placeholders a text uses that the server does not know, each once, in order of appearance. */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(TEMPLATE_PLACEHOLDERS);
  const found: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const name = match[1] ?? '';
    if (!known.has(name) && !found.includes(name)) found.push(name);
  }
  return found;
}

/** What each placeholder becomes, for the editor's help text. */
export const PLACEHOLDER_HELP: Record<(typeof TEMPLATE_PLACEHOLDERS)[number], string> = {
  'customer.name': 'The customer’s name',
  'case.reference': 'The case reference, e.g. VR-26-7KQ4-MX',
  'case.subject': 'The case subject',
  'case.status': 'The case status',
  'case.receivedAt': 'When the case was received',
  'area.name': 'The business area',
  'organisation.name': 'Your organisation’s name',
  'resolution.summary': 'The proposed resolution',
  'resolution.total': 'The total amount awarded',
  'handler.name': 'The staff member handling the case',
  'deadline.resolution': 'The resolution deadline',
};
