import { createHash } from 'node:crypto';
import EmailReplyParser from 'email-reply-parser';
import { htmlToText } from 'html-to-text';
import type { AddressObject, ParsedMail } from 'mailparser';
import sanitizeHtml from 'sanitize-html';
import { LIMITS } from '../../../contracts/common.js';

/**
 * What staff see of an email: the text part when there is one; otherwise the HTML part, sanitised, read as
 * text. Quoted history (the earlier messages a reply repeats) is trimmed.
 */

const SANITISE: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'style'),
    'img',
    'span',
    'font',
    'center',
  ],
  // No style or class attributes at all: that removes every url() and every CSS trick in one rule.
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  // Only images carried inside the message itself; a remote image is a tracking beacon.
  allowedSchemesByTag: { img: ['cid', 'data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    img: (tagName, attribs) => {
      const src = attribs.src ?? '';
      if (/^(cid|data):/i.test(src)) return { tagName, attribs };
      return {
        tagName: 'span',
        attribs: {},
        text: `[image blocked${attribs.alt ? `: ${attribs.alt}` : ''}]`,
      };
    },
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' },
    }),
  },
};

/** HTML from an email, made safe to show to staff: no scripts, event handlers, styles or remote images. */
export function sanitiseEmailHtml(html: string): string {
  return sanitizeHtml(html, SANITISE);
}

/** Plain text of already sanitised HTML. */
function textOfHtml(safeHtml: string): string {
  return htmlToText(safeHtml, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'img', format: 'skip' },
    ],
  });
}

/** The new part of a reply, without the history it quotes; the whole text when all of it is quoted. */
export function trimQuotedHistory(text: string): string {
  const visible = new EmailReplyParser().read(text.replace(/\r\n/g, '\n')).getVisibleText().trim();
  return visible || text.trim();
}

export interface EmailBody {
  /** What staff read: text, quoted history trimmed, within the case description's limit. */
  text: string;
  /** The sanitised HTML part, when the email had one. */
  html: string | null;
}

/** Reads an email parsed with `skipHtmlToText`: `text` is then only the sender's own text part. */
export function readBody(mail: Pick<ParsedMail, 'text' | 'html'>): EmailBody {
  const html = typeof mail.html === 'string' && mail.html.trim() ? sanitiseEmailHtml(mail.html) : null;
  const own = (mail.text ?? '').trim();
  const full = own || (html ? textOfHtml(html) : '');
  return { text: fitText(trimQuotedHistory(full), LIMITS.longText), html };
}

/** Cuts text to `max` characters, saying so. */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = '\n[… the rest of this email was cut: it is longer than a case can hold]';
  return text.slice(0, max - note.length) + note;
}

/** One line of plain text: control characters (CR, LF, NUL…) become spaces, so a name can inject nothing. */
export function oneLine(value: string, max: number): string {
  return value
    .replace(/\p{Cc}+|[\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

/** The sender's address and display name from the From header. */
export function senderOf(mail: Pick<ParsedMail, 'from'>): { email: string | null; name: string } {
  const first = (mail.from as AddressObject | undefined)?.value?.[0];
  const email = first?.address?.trim().toLowerCase() || null;
  return {
    email: email && email.length <= LIMITS.email ? email : null,
    name: oneLine(first?.name ?? '', LIMITS.name),
  };
}

/** Every address the message was sent to, from its headers (for mail read from a mailbox). */
export function headerRecipients(mail: Pick<ParsedMail, 'to' | 'cc' | 'headers'>): string[] {
  const out: string[] = [];
  for (const field of [mail.to, mail.cc]) {
    for (const obj of [field].flat()) for (const v of obj?.value ?? []) if (v.address) out.push(v.address);
  }
  for (const name of ['delivered-to', 'x-original-to']) {
    const value = mail.headers.get(name);
    for (const v of [value].flat()) if (typeof v === 'string') out.push(v.trim());
  }
  return out.map((a) => a.toLowerCase());
}

/**
 * The key a message is received once under: its Message-ID, or a hash of sender, date, subject and body for
 * the rare message without one.
 */
export function messageKeyOf(
  mail: Pick<ParsedMail, 'messageId' | 'from' | 'date' | 'subject' | 'text' | 'html'>,
) {
  const id = mail.messageId?.trim();
  if (id) return id.slice(0, 300);
  const hash = createHash('sha256')
    .update(
      JSON.stringify([
        senderOf(mail).email ?? '',
        mail.date?.toISOString() ?? '',
        mail.subject ?? '',
        mail.text ?? '',
        typeof mail.html === 'string' ? mail.html : '',
      ]),
    )
    .digest('hex');
  return `sha256:${hash}`;
}
