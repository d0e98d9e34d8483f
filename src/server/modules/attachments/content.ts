import { fileTypeFromBuffer } from 'file-type';
import { ATTACHMENT_LIMITS, ATTACHMENT_TYPES, type AttachmentType } from '../../../contracts/attachments.js';

/** File name endings that honestly describe each accepted type; the first is added when none fits. */
const EXTENSIONS: Record<AttachmentType, string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jfif'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/heic': ['heic', 'heif'],
  'image/tiff': ['tif', 'tiff'],
  'image/bmp': ['bmp'],
  'image/svg+xml': ['svg'],
  'application/pdf': ['pdf'],
  'text/plain': ['txt', 'text', 'log', 'md'],
  'text/csv': ['csv'],
  'text/html': ['html', 'htm'],
  'application/xml': ['xml'],
  'message/rfc822': ['eml'],
  'application/rtf': ['rtf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'application/vnd.oasis.opendocument.presentation': ['odp'],
  'application/x-cfb': ['doc', 'xls', 'ppt', 'msg'],
};

const isAccepted = (mime: string): mime is AttachmentType => Object.hasOwn(ATTACHMENT_TYPES, mime);

/** What the content is: an accepted type, or what it was found to be and why it is refused. */
export type Detection = { ok: true; type: AttachmentType } | { ok: false; found: string };

/**
 * The type of a file from its first bytes (never from its name or the sender's Content-Type). Binary
 * formats come from their signatures (`file-type`); text is told apart by its first lines. The name only
 * chooses between text kinds (CSV or plain text), which are all served as downloads.
 */
export async function detectType(head: Buffer, name: string): Promise<Detection> {
  const found = await fileTypeFromBuffer(head);
  if (found && found.mime !== 'application/xml') {
    return isAccepted(found.mime) ? { ok: true, type: found.mime } : { ok: false, found: found.mime };
  }
  if (!looksLikeText(head)) return { ok: false, found: found?.mime ?? 'unrecognised binary data' };
  return { ok: true, type: textKind(head, name) };
}

/** No NUL and no control characters other than tab, line breaks, form feed and escape. */
function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return true;
  for (const b of head) {
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b) || b === 0x7f) return false;
  }
  return true;
}

function textKind(head: Buffer, name: string): AttachmentType {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const start = text.trimStart().slice(0, 2048).toLowerCase();
  if (isEmailMessage(text)) return 'message/rfc822';
  if (/<svg[\s>]/.test(start) && /^(<\?xml|<!doctype svg|<svg|<!--)/.test(start)) return 'image/svg+xml';
  if (start.startsWith('<?xml')) return 'application/xml';
  if (
    /^<!doctype html|^<html[\s>]/.test(start) ||
    /<(script|iframe|body|head|object|embed)[\s>/]/.test(start)
  )
    return 'text/html';
  if (/\.csv$/i.test(name)) return 'text/csv';
  return 'text/plain';
}

/** An RFC 5322 message: it opens with header fields, among them at least two of the usual ones. */
function isEmailMessage(text: string): boolean {
  const end = text.search(/\r?\n\r?\n/);
  if (end <= 0) return false;
  const lines = text.slice(0, end).split(/\r?\n/);
  if (!/^[!-9;-~]+:/.test(lines[0] ?? '')) return false;
  const names = new Set<string>();
  for (const line of lines) {
    if (/^[ \t]/.test(line)) continue;
    const m = /^([!-9;-~]+):/.exec(line);
    if (!m) return false;
    names.add(m[1]!.toLowerCase());
  }
  const usual = ['from', 'to', 'subject', 'date', 'message-id', 'mime-version', 'received', 'return-path'];
  return usual.filter((n) => names.has(n)).length >= 2;
}

/**
 * A harmless display name for a file: no folders (`../../etc/passwd` becomes `passwd`), no control or
 * direction-changing characters, none of `<>:"/\|?*`, no leading dots, at most 120 characters, and an
 * ending that says what the content really is.
 */
export function sanitiseFileName(raw: string, type: AttachmentType): string {
  const max = ATTACHMENT_LIMITS.nameLength;
  let name = raw.normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const dot = name.lastIndexOf('.');
  let stem = dot > 0 ? name.slice(0, dot) : name;
  let ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const fitting = EXTENSIONS[type];
  if (!fitting.includes(ext)) {
    // Keep what the person called it, and say what it is: `photo.txt` holding a PNG becomes `photo.txt.png`.
    stem = name;
    ext = fitting[0]!;
  }
  if (!stem) stem = 'file';
  const room = max - ext.length - 1;
  if ([...stem].length > room) stem = [...stem].slice(0, room).join('').trimEnd();
  return `${stem}.${ext}`;
}
