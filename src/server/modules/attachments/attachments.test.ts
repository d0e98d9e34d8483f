import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createArea,
  createStaff,
  createTestApp,
  setupOrganisation,
  type Session,
  type TestApp,
} from '../../../../test/support/app.js';
import { multipart, type FilePart } from '../../../../test/support/multipart.js';
import { ATTACHMENT_LIMITS, type Attachment, type AttachmentList } from '../../../contracts/attachments.js';
import type { Case } from '../../../contracts/cases.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
);
const SVG_WITH_SCRIPT = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">' +
    '<script>alert(document.cookie)</script><circle r="5"/></svg>',
);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0)]);

/** Every file under a folder, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('attachments: storage, types, limits and access', () => {
  let t: TestApp;
  let sandbox: string;
  let storeRoot: string;
  let admin: Session;
  let officer: Session;
  let officerId: string;
  let officer2: Session;
  let officerB: Session;
  let executive: Session;
  let caseA: Case;
  let areaA: { id: string };

  const newCase = async (as: Session = officer) => {
    const res = await as.post('/api/v1/cases', {
      areaId: areaA.id,
      channel: 'phone',
      subject: 'Broken kettle',
      description: 'The kettle in room 12 sparked.',
      desiredOutcome: 'A refund',
      customer: { name: 'Jane Citizen', email: 'jane@example.net' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Case>();
  };
  const upload = (as: Session, caseId: string, parts: FilePart[]) =>
    as.request({ method: 'POST', url: `/api/v1/cases/${caseId}/attachments`, ...multipart(parts) });
  const uploadOk = async (caseId: string, parts: FilePart[]) => {
    const res = await upload(officer, caseId, parts);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ items: Attachment[] }>().items;
  };
  const rowsOf = async (caseId: string) =>
    t.database.query<{ name: string; content_type: string }>(
      'SELECT name, content_type FROM attachments WHERE case_id = $1 ORDER BY seq',
      [caseId],
    );
  const problem = (res: { json: () => unknown }) =>
    res.json() as { title: string; detail: string; errors?: { path: string; message: string }[] };

  beforeAll(async () => {
    sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'verity-attachments-'));
    const dataDir = path.join(sandbox, 'data');
    storeRoot = path.join(dataDir, 'attachments');
    t = await createTestApp({ config: { dataDir } });
    admin = await setupOrganisation(t);
    areaA = await createArea(admin, { name: 'Front office', code: 'FO' });
    const areaB = await createArea(admin, { name: 'Online store', code: 'WEB' });
    const o = await createStaff(t, admin, { role: 'officer', areaIds: [areaA.id], name: 'Olivia Officer' });
    officer = o.session;
    officerId = o.user.id;
    officer2 = (await createStaff(t, admin, { role: 'officer', areaIds: [areaA.id] })).session;
    officerB = (await createStaff(t, admin, { role: 'officer', areaIds: [areaB.id], name: 'Bob Officer' }))
      .session;
    executive = (await createStaff(t, admin, { role: 'executive', name: 'Eve Executive' })).session;
    caseA = await newCase();
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(sandbox, { recursive: true, force: true });
  });

  it('stores an upload and gives back the same bytes, with a timeline entry and an audit event', async () => {
    const items = await uploadOk(caseA.id, [
      { name: 'kettle.png', content: PNG, type: 'image/png' },
      { name: 'invoice.pdf', content: PDF, type: 'application/pdf' },
    ]);
    expect(items.map((a) => [a.name, a.contentType, a.sizeBytes])).toEqual([
      ['kettle.png', 'image/png', PNG.length],
      ['invoice.pdf', 'application/pdf', PDF.length],
    ]);
    expect(items[0]!.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
    expect(items[0]!.addedBy).toEqual({ kind: 'staff', id: officerId, name: 'Olivia Officer' });

    const list = await officer.get(`/api/v1/cases/${caseA.id}/attachments`);
    expect(list.statusCode, list.body).toBe(200);
    const listed = list.json<AttachmentList>();
    expect(listed.items.map((a) => a.name)).toEqual(['kettle.png', 'invoice.pdf']);
    expect(listed.limits.fileBytes).toBe(ATTACHMENT_LIMITS.fileBytes);

    const png = await officer.get(items[0]!.downloadUrl);
    expect(png.statusCode).toBe(200);
    expect(png.rawPayload.equals(PNG)).toBe(true);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-disposition']).toBe(
      `inline; filename="kettle.png"; filename*=UTF-8''kettle.png`,
    );
    expect(png.headers['x-content-type-options']).toBe('nosniff');
    expect(png.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    const pdf = await officer.get(items[1]!.downloadUrl);
    expect(pdf.rawPayload.equals(PDF)).toBe(true);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    const timeline = await t.database.query<{ type: string; actor_id: string; body: string; data: unknown }>(
      "SELECT type, actor_id, body, data FROM case_events WHERE case_id = $1 AND type = 'attachment'",
      [caseA.id],
    );
    expect(timeline).toHaveLength(1);
    expect(timeline[0]!.actor_id).toBe(officerId);
    expect(timeline[0]!.body).toBe('Added kettle.png, invoice.pdf');
    const audit = await t.database.query<{ actor_id: string; after: { attachments: { id: string }[] } }>(
      "SELECT actor_id, after FROM audit_events WHERE entity_id = $1 AND action = 'case.attachments_added'",
      [caseA.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(officerId);
    expect(audit[0]!.after.attachments.map((a) => a.id)).toEqual(items.map((a) => a.id));
  });

  it('takes the type from the content, never from the name or the browser', async () => {
    const [png, script, shell, mail] = await uploadOk(caseA.id, [
      { name: 'notes.txt', content: PNG, type: 'text/plain' },
      { name: 'photo.png', content: Buffer.from('<script>alert(1)</script>'), type: 'image/png' },
      { name: 'scan.png', content: Buffer.from('#!/bin/sh\nrm -rf ~\n'), type: 'image/png' },
      {
        name: 'complaint.txt',
        content: Buffer.from(
          'From: jane@example.net\r\nTo: help@example.com\r\nSubject: Kettle\r\n\r\nIt sparked.',
        ),
      },
    ]);
    expect([png!.contentType, png!.name]).toEqual(['image/png', 'notes.txt.png']);
    expect([script!.contentType, script!.name]).toEqual(['text/html', 'photo.png.html']);
    expect([shell!.contentType, shell!.name]).toEqual(['text/plain', 'scan.png.txt']);
    expect([mail!.contentType, mail!.name]).toEqual(['message/rfc822', 'complaint.txt.eml']);

    for (const a of [script!, shell!, mail!]) {
      const res = await officer.get(a.downloadUrl);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/^attachment; /);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    }
  });

  it('serves an SVG carrying a script only as a download, with nosniff and a sandbox', async () => {
    const [svg] = await uploadOk(caseA.id, [
      { name: 'diagram.svg', content: SVG_WITH_SCRIPT, type: 'image/svg+xml' },
    ]);
    expect(svg!.contentType).toBe('image/svg+xml');
    const res = await officer.get(svg!.downloadUrl);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="diagram.svg"; filename*=UTF-8''diagram.svg`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(res.rawPayload.equals(SVG_WITH_SCRIPT)).toBe(true);
  });

  it('detects Office documents from their content', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Refunds').addRow(['Room', 'Amount']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const [sheet] = await uploadOk(caseA.id, [{ name: 'refunds', content: xlsx }]);
    expect(sheet!.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(sheet!.name).toBe('refunds.xlsx');
    const res = await officer.get(sheet!.downloadUrl);
    expect(res.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('keeps a harmless name for ../../etc/passwd and writes nothing outside the store', async () => {
    const [passwd, odd] = await uploadOk(caseA.id, [
      { name: '../../etc/passwd', content: Buffer.from('root:x:0:0:root:/root:/bin/bash\n') },
      { name: '..\\..\\\u202Egnp\u0007<b>|x?.exe', content: Buffer.from('hello') },
    ]);
    expect(passwd!.name).toBe('passwd.txt');
    expect(odd!.name).toBe('gnp_b__x_.exe.txt');
    expect(fs.existsSync(path.join(sandbox, 'etc'))).toBe(false);
    expect(fs.existsSync(path.join(storeRoot, '..', '..', 'etc', 'passwd'))).toBe(false);
    // Every file Verity wrote in the sandbox is a store object named by a random key.
    const written = filesUnder(sandbox);
    expect(written.length).toBeGreaterThan(0);
    for (const f of written) expect(f).toMatch(/^data\/attachments\/[0-9a-f]{2}\/[0-9a-f]{32}$/);
    const res = await officer.get(passwd!.downloadUrl);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="passwd.txt"; filename*=UTF-8''passwd.txt`,
    );
    // A long name is cut, keeping its ending; a name beyond ASCII survives in filename*.
    const [long, accented] = await uploadOk(caseA.id, [
      { name: `${'a'.repeat(300)}.pdf`, content: PDF },
      { name: 'réclamation été.pdf', content: PDF },
    ]);
    expect(long!.name).toBe(`${'a'.repeat(ATTACHMENT_LIMITS.nameLength - 4)}.pdf`);
    expect(accented!.name).toBe('réclamation été.pdf');
    const dl = await officer.get(accented!.downloadUrl);
    expect(dl.headers['content-disposition']).toBe(
      `inline; filename="r_clamation _t_.pdf"; filename*=UTF-8''r%C3%A9clamation%20%C3%A9t%C3%A9.pdf`,
    );
  });

  it('refuses a file over the size limit with 413 naming it, leaving nothing on disk', async () => {
    const c = await newCase();
    const before = filesUnder(storeRoot).sort();
    const big = Buffer.alloc(ATTACHMENT_LIMITS.fileBytes + 1, 0x61);
    const res = await upload(officer, c.id, [
      { name: 'fine.png', content: PNG },
      { name: 'huge.txt', content: big },
    ]);
    expect(res.statusCode, res.body).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problem(res).detail).toContain('huge.txt');
    expect(problem(res).errors).toEqual([{ path: 'files[1]', message: expect.stringContaining('huge.txt') }]);
    // The file before it in the same upload is gone too, and no partial file is left in tmp/.
    expect(filesUnder(storeRoot).sort()).toEqual(before);
    expect(await rowsOf(c.id)).toEqual([]);

    const exact = Buffer.alloc(ATTACHMENT_LIMITS.fileBytes, 0x61);
    const ok = await upload(officer, c.id, [{ name: 'exactly-the-limit.txt', content: exact }]);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<{ items: Attachment[] }>().items[0]!.sizeBytes).toBe(ATTACHMENT_LIMITS.fileBytes);
  });

  it('refuses a type not on the allow-list with 415 and keeps nothing of the upload', async () => {
    const c = await newCase();
    const before = filesUnder(storeRoot).sort();
    const res = await upload(officer, c.id, [
      { name: 'ok.pdf', content: PDF },
      { name: 'invoice.pdf', content: ELF, type: 'application/pdf' },
    ]);
    expect(res.statusCode, res.body).toBe(415);
    expect(problem(res).detail).toContain('invoice.pdf');
    expect(problem(res).errors?.[0]?.path).toBe('files[1]');
    expect(filesUnder(storeRoot).sort()).toEqual(before);
    expect(await rowsOf(c.id)).toEqual([]);
    const empty = await upload(officer, c.id, [{ name: 'empty.txt', content: Buffer.alloc(0) }]);
    expect(empty.statusCode, empty.body).toBe(400);
    expect(problem(empty).detail).toContain('empty.txt');
  });

  it('limits the files per upload and per case', async () => {
    const c = await newCase();
    const before = filesUnder(storeRoot).sort();
    const many = Array.from({ length: ATTACHMENT_LIMITS.perUpload + 1 }, (_, i) => ({
      name: `page-${i}.png`,
      content: PNG,
    }));
    const tooMany = await upload(officer, c.id, many);
    expect(tooMany.statusCode, tooMany.body).toBe(413);
    expect(problem(tooMany).detail).toContain(`at most ${ATTACHMENT_LIMITS.perUpload} files`);
    expect(filesUnder(storeRoot).sort()).toEqual(before);
    expect(await rowsOf(c.id)).toEqual([]);

    const batch = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => ({ name: `photo-${from + i}.png`, content: PNG }));
    let added = 0;
    while (added < ATTACHMENT_LIMITS.perCase) {
      const n = Math.min(ATTACHMENT_LIMITS.perUpload, ATTACHMENT_LIMITS.perCase - added);
      await uploadOk(c.id, batch(n, added));
      added += n;
    }
    const full = await upload(officer, c.id, batch(1, added));
    expect(full.statusCode, full.body).toBe(409);
    expect(problem(full).detail).toContain(`at most ${ATTACHMENT_LIMITS.perCase} files`);
    expect(await rowsOf(c.id)).toHaveLength(ATTACHMENT_LIMITS.perCase);
    expect(filesUnder(storeRoot)).toHaveLength(before.length + ATTACHMENT_LIMITS.perCase);
  });

  it('checks access to the case on every request: other areas 404, anonymous 401, forged ids 404', async () => {
    const [a] = await uploadOk(caseA.id, [{ name: 'private.png', content: PNG }]);
    expect((await officerB.get(a!.downloadUrl)).statusCode).toBe(404);
    expect((await officerB.get(`/api/v1/cases/${caseA.id}/attachments`)).statusCode).toBe(404);
    const foreignUpload = await upload(officerB, caseA.id, [{ name: 'x.png', content: PNG }]);
    expect(foreignUpload.statusCode).toBe(404);
    const anonymous = await t.app.inject({ method: 'GET', url: a!.downloadUrl });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).not.toContain('PNG');
    expect((await officer.get(`/api/v1/attachments/${randomUUID()}/download`)).statusCode).toBe(404);
    expect((await officer.get('/api/v1/attachments/..%2F..%2Fetc%2Fpasswd/download')).statusCode).toBe(400);
    // Seeing cases is not enough to add files: that needs cases:update.
    expect((await upload(executive, caseA.id, [{ name: 'x.png', content: PNG }])).statusCode).toBe(403);
    // Someone else who works the area may download.
    expect((await officer2.get(a!.downloadUrl)).statusCode).toBe(200);
    expect((await upload(officer, randomUUID(), [{ name: 'x.png', content: PNG }])).statusCode).toBe(404);
  });

  it('answers a request that is not multipart with 415', async () => {
    const res = await officer.post(`/api/v1/cases/${caseA.id}/attachments`, { files: ['x'] });
    expect(res.statusCode, res.body).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  describe('customer side (called by the public routes once the tracking token is verified)', () => {
    const files = (parts: FilePart[]) =>
      (async function* () {
        for (const p of parts) yield { filename: p.name, stream: Readable.from([p.content]) };
      })();

    it('adds the customer’s files, lists only theirs, and opens only theirs on their own case', async () => {
      const c = await newCase();
      const [staffFile] = await uploadOk(c.id, [{ name: 'internal-memo.pdf', content: PDF }]);
      const added = await t.services.attachments.addFromCustomer(
        c.id,
        files([
          { name: '../receipt.png', content: PNG },
          { name: 'C:\\Users\\jane\\"quoted"\tname.pdf', content: PDF },
        ]),
      );
      expect(added.map((a) => a.name)).toEqual(['receipt.png', '_quoted_name.pdf']);
      expect(added[0]!).toMatchObject({
        name: 'receipt.png',
        contentType: 'image/png',
        addedBy: { kind: 'customer' },
      });

      const listed = await t.services.attachments.listForCustomer(c.id);
      expect(listed.map((a) => a.name)).toEqual(['receipt.png', '_quoted_name.pdf']);
      const opened = await t.services.attachments.openForCustomer(c.id, added[0]!.id);
      const chunks: Buffer[] = [];
      for await (const chunk of opened.content) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(PNG)).toBe(true);
      expect(opened.inline).toBe(true);

      // Staff files, other cases' files and made-up ids are not the customer's to open.
      await expect(t.services.attachments.openForCustomer(c.id, staffFile!.id)).rejects.toMatchObject({
        code: 'not_found',
      });
      await expect(t.services.attachments.openForCustomer(caseA.id, added[0]!.id)).rejects.toMatchObject({
        code: 'not_found',
      });
      await expect(t.services.attachments.openForCustomer(c.id, randomUUID())).rejects.toMatchObject({
        code: 'not_found',
      });

      // Staff see the customer's file, marked as theirs, and the timeline says the customer added it.
      const staffView = (await officer.get(`/api/v1/cases/${c.id}/attachments`)).json<AttachmentList>();
      expect(staffView.items.map((a) => [a.name, a.addedBy.kind])).toEqual([
        ['internal-memo.pdf', 'staff'],
        ['receipt.png', 'customer'],
        ['_quoted_name.pdf', 'customer'],
      ]);
      const entries = await t.database.query<{ actor_id: string | null; body: string }>(
        "SELECT actor_id, body FROM case_events WHERE case_id = $1 AND type = 'attachment' ORDER BY id",
        [c.id],
      );
      expect(entries.at(-1)).toEqual({
        actor_id: null,
        body: 'The customer added receipt.png, _quoted_name.pdf',
      });
      const audit = await t.database.query<{ actor_label: string }>(
        "SELECT actor_label FROM audit_events WHERE entity_id = $1 AND action = 'case.attachments_added' ORDER BY seq",
        [c.id],
      );
      expect(audit.at(-1)?.actor_label).toBe('customer');
    });

    it('applies the same limits and type checks to the customer', async () => {
      const c = await newCase();
      const before = filesUnder(storeRoot).sort();
      await expect(
        t.services.attachments.addFromCustomer(
          c.id,
          files([
            { name: 'a.png', content: PNG },
            { name: 'run.exe', content: ELF },
          ]),
        ),
      ).rejects.toMatchObject({ code: 'unsupported_media_type' });
      await expect(
        t.services.attachments.addFromCustomer(
          c.id,
          files([{ name: 'big.txt', content: Buffer.alloc(ATTACHMENT_LIMITS.fileBytes + 1, 0x61) }]),
        ),
      ).rejects.toMatchObject({ code: 'payload_too_large' });
      await expect(
        t.services.attachments.addFromCustomer(randomUUID(), files([{ name: 'a.png', content: PNG }])),
      ).rejects.toMatchObject({ code: 'not_found' });
      expect(filesUnder(storeRoot).sort()).toEqual(before);
      expect(await t.services.attachments.listForCustomer(c.id)).toEqual([]);
    });
  });
});
