import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS, ATTACHMENT_TYPES, type AttachmentType } from '../../../contracts/attachments.js';
import { detectType, sanitiseFileName } from './content.js';

const TYPES = Object.keys(ATTACHMENT_TYPES) as AttachmentType[];

describe('sanitiseFileName', () => {
  it('keeps the last path segment and says what the content is', () => {
    expect(sanitiseFileName('../../etc/passwd', 'text/plain')).toBe('passwd.txt');
    expect(sanitiseFileName('C:\\temp\\Report.PDF', 'application/pdf')).toBe('Report.pdf');
    expect(sanitiseFileName('photo.txt', 'image/png')).toBe('photo.txt.png');
    expect(sanitiseFileName('..', 'image/png')).toBe('file.png');
    expect(sanitiseFileName('.htaccess', 'text/plain')).toBe('htaccess.txt');
    expect(sanitiseFileName('invoice\u202Efdp.exe', 'application/pdf')).toBe('invoicefdp.exe.pdf');
  });

  it('never leaves a separator, control character, leading dot or overlong name (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom(...TYPES), (raw, type) => {
        const name = sanitiseFileName(raw, type);
        expect(name).not.toMatch(/[/\\<>:"|?*]/);
        expect(name).not.toMatch(/[\p{Cc}\p{Cf}]/u);
        expect(name.startsWith('.')).toBe(false);
        expect([...name].length).toBeLessThanOrEqual(ATTACHMENT_LIMITS.nameLength);
        expect(name).toMatch(/\.[a-z]+$/);
      }),
    );
  });
});

describe('detectType', () => {
  it('reads binary signatures and tells text kinds apart, whatever the name says', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n');
    expect(await detectType(pdf, 'x.png')).toEqual({ ok: true, type: 'application/pdf' });
    expect(await detectType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'a.png')).toEqual({
      ok: true,
      type: 'image/svg+xml',
    });
    expect(await detectType(Buffer.from('<?xml version="1.0"?><note/>'), 'a.txt')).toEqual({
      ok: true,
      type: 'application/xml',
    });
    expect(await detectType(Buffer.from('<!DOCTYPE html><p>hi'), 'a.txt')).toEqual({
      ok: true,
      type: 'text/html',
    });
    expect(await detectType(Buffer.from('a,b\n1,2\n'), 'data.csv')).toEqual({ ok: true, type: 'text/csv' });
    expect(await detectType(Buffer.from('a,b\n1,2\n'), 'data.png')).toEqual({ ok: true, type: 'text/plain' });
    expect(await detectType(Buffer.from('Subject: hi\nThis is not mail'), 'a.eml')).toEqual({
      ok: true,
      type: 'text/plain',
    });
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Array(60).fill(0)]);
    expect((await detectType(zip, 'a.docx')).ok).toBe(false);
    expect(await detectType(Buffer.from([0x00, 0x01, 0x02, 0x03]), 'a.txt')).toEqual({
      ok: false,
      found: 'unrecognised binary data',
    });
  });
});
