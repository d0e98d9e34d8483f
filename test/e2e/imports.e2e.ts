import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createArea, Session } from '../support/app.js';
import { launchBrowser, startVerity } from '../support/browser.js';

const CSV = [
  'Complaint ID,Date received,Product,Issue,Submitted via,Company response to consumer,Consumer complaint narrative',
  'E1,2023-05-01,Mortgage,Trouble during payment process,Web,Closed with explanation,"They lost my payment,\ntwice."',
  'E2,2023-05-02,Credit card,Fees or interest,Phone,Closed with monetary relief,',
  'E3,not a date,Credit card,Fees or interest,Web,In progress,',
  'E4,2023-05-04,Debt collection,Written notification about debt,Postal mail,Sort of,',
].join('\r\n');

describe('import of history in Chromium', () => {
  let verity: Awaited<ReturnType<typeof startVerity>>;
  let browser: Browser;

  beforeAll(async () => {
    verity = await startVerity();
    browser = await launchBrowser();
    const admin = new Session(verity.app);
    const setup = await admin.post('/api/v1/setup', {
      organisation: { name: 'Harbour Bank' },
      admin: ADMIN,
      loadSample: false,
    });
    expect(setup.statusCode, setup.body).toBe(201);
    await createArea(admin, { name: 'Consumer finance', code: 'CFIN' });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await verity?.stop();
  });

  it('uploads a CSV, maps it, dry runs, imports, and shows the rejected rows', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${verity.url}/sign-in`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));

    await page.getByRole('link', { name: 'Import history' }).click();
    await page.getByRole('heading', { name: 'Import history', level: 1 }).waitFor();
    await page.getByText('No imports yet').waitFor();

    await page.locator('input[type=file]').setInputFiles({
      name: 'history.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    });
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByRole('heading', { name: 'history.csv' }).waitFor();
    await expect
      .poll(() => page.getByLabel('Imports “Complaint ID” as').inputValue())
      .toContain('External id');
    expect(await page.getByLabel('Imports “Product” as').inputValue()).toContain('Category');

    // Without a business area the server names what is missing.
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('alert').filter({ hasText: 'choose a business area' }).waitFor();

    await page.getByLabel('Business area', { exact: true }).click();
    await page.getByRole('option', { name: 'Consumer finance' }).click();
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByText('Dry run finished: nothing was written').waitFor({ timeout: 20_000 });
    await page.getByText('4 rows read: 2 would be imported').waitFor();

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Import finished').waitFor({ timeout: 20_000 });
    await page.getByText('4 rows read: 2 imported').waitFor();
    const report = page.getByRole('region', { name: 'Rejected rows' });
    await report
      .getByRole('cell', { name: '“not a date” is not a date (use YYYY-MM-DD or D/M/YYYY)' })
      .waitFor();
    await report.getByRole('cell', { name: '“Sort of” is not a known outcome' }).waitFor();

    await page.mouse.move(0, 0);
    const axe = await new AxeBuilder({ page }).include('main').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    await page.screenshot({ path: 'test-results/import-page.png', fullPage: true });

    const rows = await verity.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases WHERE external_id IN ('E1', 'E2')`,
    );
    expect(rows[0]?.n).toBe(2);
  }, 120_000);
});
