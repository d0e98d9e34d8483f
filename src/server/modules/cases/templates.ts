import { TEMPLATE_PLACEHOLDERS } from '../../../contracts/cases.js';
import { escapeHtml } from '../../platform/mail.js';

export type TemplateValues = Partial<Record<(typeof TEMPLATE_PLACEHOLDERS)[number], string>>;

const PLACEHOLDER = /\{\{\s*([a-zA-Z.]+)\s*\}\}/g;
const KNOWN = new Set<string>(TEMPLATE_PLACEHOLDERS);

/** Placeholders in a template that Verity does not know (a template with any is refused). */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !KNOWN.has(name));
}

/**
 * Fills a template. The text part takes values as they are; the HTML part escapes the template and every
 * value, so a customer's `<script>` in a subject arrives as text. Values never expand placeholders again.
 */
export function renderTemplate(
  template: { subject: string; body: string },
  values: TemplateValues,
): { subject: string; text: string; html: string } {
  const fill = (source: string, escape: (v: string) => string) =>
    source.replace(PLACEHOLDER, (_m, name: string) => escape(values[name as keyof TemplateValues] ?? ''));
  const subject = fill(template.subject, (v) => v).replace(/[\r\n]+/g, ' ');
  const text = fill(template.body, (v) => v);
  const escapedTemplate = escapeHtml(template.body);
  const htmlBody = fill(escapedTemplate, escapeHtml)
    .split(/\n{2,}/)
    .map((para) => `<p>${para.replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return {
    subject,
    text,
    html: `<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">${htmlBody}</body></html>`,
  };
}
