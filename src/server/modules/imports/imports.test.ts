import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createArea,
  createStaff,
  createTestApp,
  setupOrganisation,
  type Session,
  type TestApp,
} from '../../../../test/support/app.js';
import { multipart } from '../../../../test/support/multipart.js';
import { sharedDataFile } from '../../../../test/support/shared-data.js';
import type { Import, ImportMapping, ImportRowError } from '../../../contracts/imports.js';

const CFPB = sharedDataFile('cfpb-complaints-sample.csv');

describe('import of history', () => {
  let t: TestApp;
  let admin: Session;
  let area: { id: string; name: string };
  let dataDir: string;

  const upload = async (fileName: string, content: Buffer) => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/imports',
      ...multipart([{ name: fileName, content }], 'file'),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Import>();
  };
  const get = async (id: string) => (await admin.get(`/api/v1/imports/${id}`)).json<Import>();
  const setMapping = async (imp: Import, mapping: ImportMapping) => {
    const res = await admin.request({
      method: 'PUT',
      url: `/api/v1/imports/${imp.id}/mapping`,
      payload: { mapping, version: imp.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Import>();
  };
  /** Starts a dry run or run and lets the job worker finish it. */
  const start = async (imp: Import, mode: 'dry-run' | 'run') => {
    const res = await admin.post(`/api/v1/imports/${imp.id}/${mode}`, { version: imp.version });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json<Import>().status).toBe('queued');
    await t.worker.drain();
    const done = await get(imp.id);
    expect(done.status, done.error ?? '').toBe('done');
    return done;
  };
  const allErrors = async (id: string) => {
    const out: ImportRowError[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin.get(
        `/api/v1/imports/${id}/errors?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      const page = res.json<{ items: ImportRowError[]; nextCursor: string | null }>();
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  };
  const query = <T>(text: string, params: unknown[] = []) => t.database.query<T>(text, params);
  const one = async <T>(text: string, params: unknown[] = []) => {
    const [row] = await query<T>(text, params);
    if (!row) throw new Error(`no row: ${text}`);
    return row;
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verity-import-'));
    t = await createTestApp({ config: { dataDir } });
    admin = await setupOrganisation(t);
    area = await createArea(admin, { name: 'Consumer finance', code: 'CFIN' });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  describe('the CFPB complaints sample, end to end', () => {
    const records = parse(fs.readFileSync(CFPB), {
      columns: true,
      bom: true,
      skip_empty_lines: true,
    }) as Record<string, string>[];
    const byId = new Map<string, Record<string, string> & { row: number }>(
      records.map((r, i) => [r['Complaint ID']!, Object.assign({ ...r }, { row: i + 2 })]),
    );
    // The importer's stated rules, applied here on their own: a row is rejected when its complaint id is empty,
    // a date is not a real YYYY-MM-DD date or lies in the future, the date sent is before the date received,
    // or "Company response", "Timely response?" or "Consumer disputed?" holds a value it does not know.
    const isDate = (s: string) =>
      /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s).isValid && new Date(s) < new Date();
    const responses = [
      'Closed with explanation',
      'Closed with non-monetary relief',
      'Closed with monetary relief',
      'Closed without relief',
      'Closed with relief',
      'Closed',
      'Untimely response',
      'In progress',
      '',
    ];
    const yesNo = ['Yes', 'No', 'N/A', ''];
    const shouldReject = (r: Record<string, string>) =>
      !r['Complaint ID']?.trim() ||
      !isDate(r['Date received']!) ||
      (r['Date sent to company'] !== '' && !isDate(r['Date sent to company']!)) ||
      r['Date sent to company']! < r['Date received']! ||
      !responses.includes(r['Company response to consumer']!) ||
      !yesNo.includes(r['Timely response?']!) ||
      !yesNo.includes(r['Consumer disputed?']!);
    const expectedRejected = records.filter(shouldReject).length;
    const distinctIds = new Set(records.filter((r) => !shouldReject(r)).map((r) => r['Complaint ID']));
    const expectedDuplicates = records.length - expectedRejected - distinctIds.size;
    let imp: Import;

    it('uploads, previews the first rows and suggests a mapping from the headers', async () => {
      imp = await upload('cfpb-complaints-sample.csv', fs.readFileSync(CFPB));
      expect(imp).toMatchObject({ format: 'csv', status: 'uploaded', mode: null, rowsRead: 0 });
      expect(imp.sizeBytes).toBe(fs.statSync(CFPB).size);
      expect(imp.headers).toHaveLength(18);
      expect(imp.sampleRows).toHaveLength(10);
      expect(imp.sampleRows[0]![17]).toBe(records[0]!['Complaint ID']);
      const target = (header: string) => imp.mapping.columns[imp.headers.indexOf(header)];
      expect(target('Complaint ID')).toBe('externalId');
      expect(target('Date received')).toBe('receivedAt');
      expect(target('Product')).toBe('category');
      expect(target('Issue')).toBe('subcategory');
      expect(target('Sub-product')).toBe('concernsProduct');
      expect(target('Sub-issue')).toBe('note');
      expect(target('Consumer complaint narrative')).toBe('description');
      expect(target('Submitted via')).toBe('channel');
      expect(target('Date sent to company')).toBe('acknowledgedAt');
      expect(target('Company response to consumer')).toBe('outcome');
      expect(target('Timely response?')).toBe('timely');
      expect(target('Consumer disputed?')).toBe('disputed');
      expect(target('Company')).toBe('ignore');
      // The file is kept under the data directory, not in memory.
      expect(fs.readdirSync(path.join(dataDir, 'imports'))).toContain(`${imp.id}.csv`);
    });

    it('refuses to run until a business area is chosen, naming the field', async () => {
      const res = await admin.post(`/api/v1/imports/${imp.id}/run`, { version: imp.version });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
        'body.mapping.areaId',
      ]);
      imp = await setMapping(imp, { ...imp.mapping, areaId: area.id });
    });

    it('a dry run checks every row and writes no case', async () => {
      const done = await start(imp, 'dry-run');
      expect(done).toMatchObject({
        mode: 'dry_run',
        rowsRead: records.length,
        inserted: distinctIds.size,
        duplicates: expectedDuplicates,
        rejected: expectedRejected,
        progress: 1,
      });
      const { n } = await one<{ n: number }>('SELECT count(*)::int AS n FROM cases');
      expect(n).toBe(0);
      imp = done;
    });

    it('a run imports every good row once, with counts that add up exactly', async () => {
      const done = await start(imp, 'run');
      expect(done).toMatchObject({
        mode: 'run',
        rowsRead: records.length,
        inserted: distinctIds.size,
        duplicates: expectedDuplicates,
        rejected: expectedRejected,
      });
      expect(done.inserted + done.rejected + done.duplicates).toBe(records.length);
      expect(await allErrors(imp.id)).toHaveLength(expectedRejected);
      const { n } = await one<{ n: number }>(
        'SELECT count(*)::int AS n FROM cases WHERE external_id IS NOT NULL',
      );
      expect(n).toBe(distinctIds.size);
      // Historical: no deadline clocks, no email, no deadline jobs.
      const [clocks] = await query<{ n: number }>('SELECT count(*)::int AS n FROM case_clocks');
      expect(clocks!.n).toBe(0);
      const jobs = await query<{ queue: string }>('SELECT DISTINCT queue FROM jobs');
      expect(jobs.map((j) => j.queue).filter((q) => q !== 'imports.process' && q !== 'mail.send')).toEqual(
        [],
      );
      const mails = await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM jobs WHERE queue = 'mail.send' AND created_at >= $1`,
        [done.startedAt],
      );
      expect(mails[0]!.n).toBe(0);
      const [due] = await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM cases WHERE sort_due <> 'infinity' OR deadline_state <> 'none'`,
      );
      expect(due!.n).toBe(0);
      imp = done;
    });

    it('products and issues become categories and subcategories, each once', async () => {
      const products = new Set(records.map((r) => r.Product!.toLowerCase()));
      const pairs = new Set(records.map((r) => `${r.Product}|${r.Issue}`.toLowerCase()));
      const top = await query<{ name: string }>(
        `SELECT name FROM case_categories WHERE parent_id IS NULL AND sort_order = 1000`,
      );
      expect(new Set(top.map((c) => c.name.toLowerCase()))).toEqual(products);
      const [subs] = await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM case_categories c JOIN case_categories p ON p.id = c.parent_id
         WHERE p.sort_order = 1000`,
      );
      expect(subs!.n).toBe(pairs.size);
    });

    const caseOf = async (externalId: string) => {
      const [row] = await query<Record<string, unknown>>(
        `SELECT c.*, cat.name AS issue, parent.name AS product,
           to_char(c.received_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI') AS received_local,
           to_char(c.acknowledged_at AT TIME ZONE $2, 'YYYY-MM-DD') AS sent_local,
           (SELECT json_agg(json_build_object('type', e.type, 'body', e.body, 'data', e.data)) FROM case_events e
             WHERE e.case_id = c.id) AS events
         FROM cases c LEFT JOIN case_categories cat ON cat.id = c.category_id
         LEFT JOIN case_categories parent ON parent.id = cat.parent_id
         WHERE c.external_id = $1`,
        [externalId, 'Australia/Sydney'],
      );
      expect(row, externalId).toBeDefined();
      return row!;
    };

    it('spot checks: dates, categories, channel, outcome, dispute and timeline of single complaints', async () => {
      const orgTz = (await admin.get('/api/v1/organisation')).json<{ timeZone: string }>().timeZone;
      expect(orgTz).toBe('Australia/Sydney');

      const disputed = byId.get('236456')!;
      const c1 = await caseOf('236456');
      expect(c1).toMatchObject({
        status: 'closed',
        outcome: 'not_upheld',
        outcome_reason: 'Closed with explanation',
        dispute_count: 1,
        customer_accepted: false,
        area_id: area.id,
        product: disputed.Product,
        issue: disputed.Issue,
        received_local: `${disputed['Date received']} 00:00`,
        sent_local: disputed['Date sent to company'],
        sort_due: expect.anything(),
        kind: 'complaint',
      });
      expect(String(c1.reference)).toMatch(/^VR-\d{2}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
      expect(String(c1.reference).slice(3, 5)).toBe(disputed['Date received']!.slice(2, 4));
      expect(c1.events).toEqual([
        {
          type: 'created',
          body: `Imported from cfpb-complaints-sample.csv row ${disputed.row}`,
          data: { importId: imp.id, row: disputed.row, externalId: '236456', timely: true },
        },
      ]);

      const untimely = await caseOf('7266471');
      expect((untimely.events as { data: { timely: boolean } }[])[0]!.data.timely).toBe(false);
      expect(untimely).toMatchObject({ dispute_count: 0, customer_accepted: null });

      const multiline = byId.get('7175500')!;
      const c3 = await caseOf('7175500');
      expect(multiline['Consumer complaint narrative']).toContain('\n');
      expect(String(c3.description).startsWith(multiline['Consumer complaint narrative']!.trim())).toBe(true);
      expect(c3.subject).toBe(multiline.Issue);

      expect(await caseOf('7434989')).toMatchObject({ channel: 'api' }); // Referral
      const postal = byId.get('7417265')!;
      expect(await caseOf('7417265')).toMatchObject({
        channel: 'letter',
        concerns_product: postal['Sub-product'],
      });
      expect(await caseOf('7411991')).toMatchObject({ status: 'closed', outcome: 'upheld' }); // monetary relief

      // An empty narrative falls back to the issue; the sub-issue and state are kept as notes.
      const empty = records.find(
        (r) => r['Consumer complaint narrative'] === '' && r['Sub-issue'] && r.State,
      )!;
      const c5 = await caseOf(empty['Complaint ID']!);
      expect(c5.description).toBe(
        `${empty.Issue}\n\nSub-issue: ${empty['Sub-issue']}\nState: ${empty.State}` +
          (empty['ZIP code'] ? `\nZIP code: ${empty['ZIP code']}` : '') +
          (empty.Tags ? `\nTags: ${empty.Tags}` : ''),
      );
      expect(c5.channel).toBe('web');

      // "In progress" was answered but not finished: responded, no outcome, not closed.
      const inProgress = records.find((r) => r['Company response to consumer'] === 'In progress')!;
      expect(await caseOf(inProgress['Complaint ID']!)).toMatchObject({
        status: 'responded',
        outcome: null,
        closed_at: null,
      });
      // No sub-product: the category is still the product and its issue.
      const noSub = byId.get('69978')!;
      expect(await caseOf('69978')).toMatchObject({
        product: noSub.Product,
        issue: noSub.Issue,
        concerns_product: '',
      });
    });

    it('running again adds nothing and counts every row as a duplicate', async () => {
      const again = await start(imp, 'run');
      expect(again).toMatchObject({
        inserted: 0,
        duplicates: records.length - expectedRejected,
        rejected: expectedRejected,
        rowsRead: records.length,
      });
      const { n } = await one<{ n: number }>('SELECT count(*)::int AS n FROM cases');
      expect(n).toBe(distinctIds.size);
      const { e } = await one<{ e: number }>(`SELECT count(*)::int AS e FROM case_events`);
      expect(e).toBe(distinctIds.size);
    });

    it('lists imports newest first and records them in the audit trail', async () => {
      const res = await admin.get('/api/v1/imports');
      expect(res.json<{ items: Import[] }>().items[0]!.id).toBe(imp.id);
      const actions = await query<{ action: string }>(
        `SELECT action FROM audit_events WHERE entity_type = 'import' AND entity_id = $1 ORDER BY seq`,
        [imp.id],
      );
      expect(actions.map((a) => a.action)).toEqual([
        'import.uploaded',
        'import.mapping_changed',
        'import.dry_run_requested',
        'import.dry_run_finished',
        'import.run_requested',
        'import.run_finished',
        'import.run_requested',
        'import.run_finished',
      ]);
    });
  });

  describe('a messy file', () => {
    const future = DateTime.now().plus({ years: 2 }).toISODate();
    const csv = [
      'Ref,Received,Area,Channel,Outcome,Email,Details',
      'M1,2024-03-01,Consumer finance,Phone,Upheld,a@example.com,fine',
      ',2024-03-02,Consumer finance,Web,,,"no id"',
      'M3,31/02/2024,Consumer finance,Web,,,bad day',
      `M4,${future},Consumer finance,Web,,,future`,
      'M5,2024-03-05,Consumer finance,Carrier pigeon,Sort of,not-an-email,"two, problems"',
      'M6,5/3/2024,Nowhere,Web,,,unknown area',
      '',
      'M1,2024-03-01,Consumer finance,Web,,,duplicate in the file',
      'M8,2024-03-08,Consumer finance,Email,Withdrawn,,"a ""quoted""',
      'multi-line detail"',
      'M9,2024-03-09,Consumer finance,Web,,,extra,values',
      'M10,03/09/2024,consumer FINANCE,Fax,Not upheld,,day first',
    ].join('\r\n');

    it('names every rejected row, lets the good rows in and counts exactly', async () => {
      let imp = await upload('messy.csv', Buffer.from(csv));
      expect(imp.mapping.columns).toEqual([
        'externalId',
        'receivedAt',
        'areaName',
        'channel',
        'outcome',
        'customerEmail',
        'description',
      ]);
      const dry = await start(imp, 'dry-run');
      expect(dry).toMatchObject({ rowsRead: 10, inserted: 3, duplicates: 1, rejected: 6 });
      imp = await start(dry, 'run');
      expect(imp).toMatchObject({ rowsRead: 10, inserted: 3, duplicates: 1, rejected: 6 });
      const errors = await allErrors(imp.id);
      expect(errors).toEqual([
        { row: 3, column: 'Ref', reason: 'the external id is empty' },
        { row: 4, column: 'Received', reason: '“31/02/2024” is not a date (use YYYY-MM-DD or D/M/YYYY)' },
        { row: 5, column: 'Received', reason: `${future} is in the future` },
        { row: 6, column: 'Outcome', reason: '“Sort of” is not a known outcome' },
        { row: 6, column: 'Email', reason: '“not-an-email” is not an email address' },
        { row: 7, column: 'Area', reason: '“Nowhere” is not a business area you may import into' },
        { row: 10, column: null, reason: 'the row has 8 values but the header has 7 columns' },
      ]);
      const rows = await query<{
        external_id: string;
        channel: string;
        outcome: string | null;
        description: string;
        d: string;
      }>(
        `SELECT external_id, channel, outcome, description,
           to_char(received_at AT TIME ZONE 'Australia/Sydney', 'YYYY-MM-DD') AS d
         FROM cases WHERE external_id LIKE 'M%' ORDER BY external_id`,
      );
      expect(rows).toEqual([
        { external_id: 'M1', channel: 'phone', outcome: 'upheld', description: 'fine', d: '2024-03-01' },
        {
          external_id: 'M10',
          channel: 'letter',
          outcome: 'not_upheld',
          description: 'day first',
          d: '2024-09-03',
        },
        {
          external_id: 'M8',
          channel: 'email',
          outcome: 'withdrawn',
          description: 'a "quoted"\r\nmulti-line detail',
          d: '2024-03-08',
        },
      ]);
    });
  });

  it('imports an XLSX workbook (dates, numbers and rich text cells)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Complaints');
    sheet.addRow([
      'Complaint ID',
      'Date received',
      'Product',
      'Issue',
      'Submitted via',
      'Consumer disputed?',
    ]);
    sheet.addRow([
      9001,
      new Date(Date.UTC(2022, 0, 15)),
      'Mortgage',
      'Trouble during payment process',
      'Web',
      'Yes',
    ]);
    sheet.addRow([
      9002,
      new Date(Date.UTC(2022, 1, 1)),
      { richText: [{ text: 'Debt ' }, { text: 'collection' }] },
      'Written notification about debt',
      'Phone',
      'No',
    ]);
    sheet.addRow([]);
    sheet.addRow([9003, 'not a date', 'Mortgage', 'Other', 'Web', '']);
    sheet.addRow([
      9001,
      new Date(Date.UTC(2022, 0, 15)),
      'Mortgage',
      'Trouble during payment process',
      'Web',
      'Yes',
    ]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    let imp = await upload('history.xlsx', buffer);
    expect(imp.format).toBe('xlsx');
    expect(imp.sampleRows[0]).toEqual([
      '9001',
      '2022-01-15',
      'Mortgage',
      'Trouble during payment process',
      'Web',
      'Yes',
    ]);
    expect(imp.sampleRows[1]![2]).toBe('Debt collection');
    imp = await setMapping(imp, { ...imp.mapping, areaId: area.id });
    imp = await start(imp, 'run');
    expect(imp).toMatchObject({ rowsRead: 4, inserted: 2, duplicates: 1, rejected: 1 });
    expect(await allErrors(imp.id)).toEqual([
      { row: 5, column: 'Date received', reason: '“not a date” is not a date (use YYYY-MM-DD or D/M/YYYY)' },
    ]);
    const rows = await query<{ external_id: string; product: string; dispute_count: number; d: string }>(
      `SELECT c.external_id, p.name AS product, c.dispute_count,
         to_char(c.received_at AT TIME ZONE 'Australia/Sydney', 'YYYY-MM-DD') AS d
       FROM cases c JOIN case_categories s ON s.id = c.category_id JOIN case_categories p ON p.id = s.parent_id
       WHERE c.external_id IN ('9001', '9002') ORDER BY c.external_id`,
    );
    // "Mortgage" existed already (from the CFPB file, whose Product had the same name): reused, not doubled.
    expect(rows).toEqual([
      { external_id: '9001', product: 'Mortgage', dispute_count: 1, d: '2022-01-15' },
      { external_id: '9002', product: 'Debt collection', dispute_count: 0, d: '2022-02-01' },
    ]);
  });

  describe('bad requests', () => {
    it('refuses a body that is not multipart, a file that is neither CSV nor XLSX, and an empty file', async () => {
      const json = await admin.post('/api/v1/imports', { file: 'x' });
      expect(json.statusCode).toBe(415);
      const binary = await admin.request({
        method: 'POST',
        url: '/api/v1/imports',
        ...multipart(
          [{ name: 'photo.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) }],
          'file',
        ),
      });
      expect(binary.statusCode).toBe(415);
      const empty = await admin.request({
        method: 'POST',
        url: '/api/v1/imports',
        ...multipart([{ name: 'empty.csv', content: Buffer.alloc(0) }], 'file'),
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('file');
    });

    it('names each problem of a mapping, and refuses a second start while one is queued', async () => {
      let imp = await upload('small.csv', Buffer.from('Ref,Received,Ref2\nA1,2024-01-01,x\n'));
      const res = await admin.request({
        method: 'PUT',
        url: `/api/v1/imports/${imp.id}/mapping`,
        payload: {
          mapping: { columns: ['externalId', 'nonsense'], areaId: null, dateOrder: 'ymd' },
          version: imp.version,
        },
      });
      expect(res.statusCode).toBe(400);
      expect(
        res
          .json<{ errors: { path: string }[] }>()
          .errors.map((e) => e.path)
          .sort(),
      ).toEqual(['body.mapping.columns.1', 'body.mapping.dateOrder']);
      const twice = await admin.request({
        method: 'PUT',
        url: `/api/v1/imports/${imp.id}/mapping`,
        payload: {
          mapping: { columns: ['externalId', 'receivedAt', 'externalId'], areaId: area.id, dateOrder: 'dmy' },
          version: imp.version,
        },
      });
      expect(twice.statusCode).toBe(400);
      expect(twice.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
        'body.mapping.columns.2',
      ]);
      imp = await setMapping(imp, {
        columns: ['externalId', 'receivedAt', 'note'],
        areaId: area.id,
        dateOrder: 'dmy',
      });
      const first = await admin.post(`/api/v1/imports/${imp.id}/run`, { version: imp.version });
      expect(first.statusCode).toBe(202);
      const second = await admin.post(`/api/v1/imports/${imp.id}/dry-run`, {
        version: first.json<Import>().version,
      });
      expect(second.statusCode).toBe(409);
      await t.worker.drain();
      expect(await get(imp.id)).toMatchObject({ status: 'done', inserted: 1 });
    });

    it('keeps only the base of an uploaded name, without control characters', async () => {
      const imp = await upload('../../etc/pass\u0007wd.csv', Buffer.from('Ref,Received\nA1,2024-01-01\n'));
      expect(imp.fileName).toBe('passwd.csv');
      expect(fs.readdirSync(path.join(dataDir, 'imports'))).toContain(`${imp.id}.csv`);
    });

    it('a job that stopped after a committed batch resumes after it, not from the start', async () => {
      const lines = ['Ref,Received'];
      for (let i = 1; i <= 1200; i++) lines.push(`R${i},2024-02-${String((i % 28) + 1).padStart(2, '0')}`);
      let imp = await upload('resume.csv', Buffer.from(lines.join('\n')));
      imp = await setMapping(imp, { ...imp.mapping, areaId: area.id });
      const res = await admin.post(`/api/v1/imports/${imp.id}/run`, { version: imp.version });
      expect(res.statusCode).toBe(202);
      // As a worker that died after committing the first batch of 500 rows leaves it.
      await query(`UPDATE imports SET status = 'running', rows_read = 500, inserted = 500 WHERE id = $1`, [
        imp.id,
      ]);
      await t.worker.drain();
      expect(await get(imp.id)).toMatchObject({
        status: 'done',
        rowsRead: 1200,
        inserted: 1200,
        rejected: 0,
      });
      const { n } = await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM cases WHERE external_id LIKE 'R%'`,
      );
      expect(n).toBe(700);
      const { first } = await one<{ first: string }>(
        `SELECT min(substring(external_id from 2)::int)::text AS first FROM cases WHERE external_id LIKE 'R%'`,
      );
      expect(first).toBe('501');
    });

    it('documents every import route in the OpenAPI document', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
        paths: Record<string, Record<string, { tags?: string[] }>>;
      }>();
      const operations = Object.entries(doc.paths)
        .filter(([p]) => p.startsWith('/api/v1/imports'))
        .flatMap(([p, ops]) => Object.entries(ops).map(([method, op]) => [`${method} ${p}`, op.tags]));
      expect(Object.fromEntries(operations)).toEqual({
        'post /api/v1/imports': ['Import of history'],
        'get /api/v1/imports': ['Import of history'],
        'get /api/v1/imports/{id}': ['Import of history'],
        'put /api/v1/imports/{id}/mapping': ['Import of history'],
        'post /api/v1/imports/{id}/dry-run': ['Import of history'],
        'post /api/v1/imports/{id}/run': ['Import of history'],
        'get /api/v1/imports/{id}/errors': ['Import of history'],
      });
    });

    it('an officer (without cases:import) may not list or upload imports', async () => {
      const officer = (await createStaff(t, admin, { role: 'officer', areaIds: [area.id] })).session;
      expect((await officer.get('/api/v1/imports')).statusCode).toBe(403);
      const res = await officer.request({
        method: 'POST',
        url: '/api/v1/imports',
        ...multipart([{ name: 'x.csv', content: Buffer.from('a,b\n1,2\n') }], 'file'),
      });
      expect(res.statusCode).toBe(403);
    });
  });
});
