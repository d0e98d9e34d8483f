import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/contracts/cases.js';
import { ADMIN, createArea, roleId, Session } from '../support/app.js';
import { launchBrowser, startVerity } from '../support/browser.js';
import { recipientOf } from '../support/smtp.js';

const PASSWORD = 'a long enough password';

async function expectNoAxeViolations(page: Page, what: string) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe violations on the ${what} page`).toEqual([]);
}

describe('personal-details access log in Chromium', () => {
  let verity: Awaited<ReturnType<typeof startVerity>>;
  let browser: Browser;
  let admin: Session;
  let areaId: string;
  let seen: Case;
  let other: Case;
  const people: Record<string, Session> = {};

  /** Invites a person over real SMTP and accepts the invitation as they would. */
  async function staff(key: string, role: string, name: string, areaIds: string[]) {
    const email = `${key}@harbour.example`;
    const res = await admin.post('/api/v1/users/invitations', {
      email,
      name,
      roleId: await roleId(admin, role),
      areaIds,
      teamIds: [],
    });
    expect(res.statusCode, res.body).toBe(201);
    const mail = await verity.smtp.waitFor((m) => recipientOf(m) === email, 20_000);
    const token = /token=([\w-]+)/.exec(mail.text ?? '')![1]!;
    const session = new Session(verity.app);
    const accepted = await session.post('/api/v1/auth/invitations/accept', { token, password: PASSWORD });
    expect(accepted.statusCode, accepted.body).toBe(200);
    people[key] = session;
  }

  async function createCase(subject: string, customer: string): Promise<Case> {
    const res = await people.olivia!.post('/api/v1/cases', {
      areaId,
      channel: 'phone',
      subject,
      description: 'Recorded for the access log journey.',
      desiredOutcome: 'An apology',
      customer: { name: customer, email: 'customer@example.net', phone: '0400 000 000' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Case>();
  }

  async function signInPage(email: string, password: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(`${verity.url}/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    return page;
  }

  const rowOf = (page: Page, reference: string) =>
    page.getByRole('table').getByRole('row').filter({ hasText: reference });
  const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

  beforeAll(async () => {
    verity = await startVerity();
    browser = await launchBrowser();
    admin = new Session(verity.app);
    const setup = await admin.post('/api/v1/setup', {
      organisation: { name: 'Harbour Hotel Group' },
      admin: ADMIN,
      loadSample: false,
    });
    expect(setup.statusCode, setup.body).toBe(201);
    areaId = (await createArea(admin, { name: 'Front office', code: 'FO' })).id;
    // Someone who both reads the log and works cases (the default administrator does not read cases).
    const role = await admin.post('/api/v1/roles', {
      key: 'privacy',
      name: 'Privacy officer',
      permissions: ['org:read', 'audit:read', 'cases:read', 'cases:personal'],
      authorityLimitCents: 0,
      allAreas: true,
    });
    expect(role.statusCode, role.body).toBe(201);
    await staff('olivia', 'officer', 'Olivia Officer', [areaId]);
    await staff('sam', 'supervisor', 'Sam Supervisor', [areaId]);
    await staff('pat', 'privacy', 'Pat Privacy', []);

    // Opening a case shows its customer's details, so each opening is logged.
    seen = await createCase('Noisy room next to the lift', 'Priya Patel');
    other = await createCase('Breakfast finished early', 'Tom Nguyen');
    expect((await people.olivia!.get(`/api/v1/cases/${seen.id}`)).statusCode).toBe(200);
    expect((await people.sam!.get(`/api/v1/cases/${other.id}`)).statusCode).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await verity?.stop();
  });

  it('the administrator sees who viewed which case, newest first, and narrows it by person and by case', async () => {
    const page = await signInPage(ADMIN.email, ADMIN.password);
    await page.goto(`${verity.url}/audit`);
    await page.getByRole('link', { name: 'Who viewed personal details' }).click();
    await page.waitForURL(/\/audit\/personal-access/);
    await expect.poll(() => rowOf(page, seen.reference).isVisible(), { timeout: 20_000 }).toBe(true);
    await expect
      .poll(() =>
        rowOf(page, seen.reference).getByRole('cell', { name: 'Olivia Officer', exact: true }).isVisible(),
      )
      .toBe(true);
    await expect
      .poll(() =>
        rowOf(page, other.reference).getByRole('cell', { name: 'Sam Supervisor', exact: true }).isVisible(),
      )
      .toBe(true);
    const rows = await page.getByRole('table').getByRole('row').allTextContents();
    expect(rows.findIndex((r) => r.includes(other.reference))).toBeLessThan(
      rows.findIndex((r) => r.includes(seen.reference)),
    );
    // The administrator may not open cases, so references are not links.
    expect(await rowOf(page, seen.reference).getByRole('link').count()).toBe(0);
    await expectNoAxeViolations(page, 'personal-details access log');

    await page.getByLabel('Viewed by', { exact: true }).click();
    await page.getByRole('option', { name: 'Olivia Officer' }).click();
    await expect.poll(() => rowOf(page, other.reference).count()).toBe(0);
    await expect.poll(() => rowOf(page, seen.reference).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Clear person' }).click();
    await expect.poll(() => rowOf(page, other.reference).isVisible()).toBe(true);

    await page.getByRole('button', { name: `Show only views of ${other.reference}` }).click();
    await expect.poll(() => param(page, 'caseId')).toBe(other.id);
    await expect.poll(() => rowOf(page, seen.reference).count()).toBe(0);
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Case', exact: true }).inputValue())
      .toBe(other.reference);
    // The filter is a link that can be shared.
    await page.reload();
    await expect.poll(() => rowOf(page, other.reference).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await rowOf(page, seen.reference).count()).toBe(0);
  });

  it('someone who reads cases finds one by reference without being logged, and opens it from its row', async () => {
    const page = await signInPage('pat@harbour.example', PASSWORD);
    await page.goto(`${verity.url}/audit/personal-access`);
    await expect.poll(() => rowOf(page, seen.reference).isVisible(), { timeout: 20_000 }).toBe(true);
    // Typed carelessly.
    await page.getByLabel('Case reference', { exact: true }).fill(` ${other.reference.toLowerCase()} `);
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => param(page, 'caseId')).toBe(other.id);
    await expect.poll(() => rowOf(page, seen.reference).count()).toBe(0);
    // Only Sam's view: looking the case up did not record Pat as having seen it.
    await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(2);
    await expect.poll(() => page.getByRole('table').getByText('Pat Privacy').count()).toBe(0);
    await expectNoAxeViolations(page, 'personal-details access log, filtered by case');

    await page.getByLabel('Case reference', { exact: true }).fill('VR-26-ZZZZ-ZZ');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect
      .poll(() => page.getByText('No case you can see has the reference VR-26-ZZZZ-ZZ.').isVisible())
      .toBe(true);
    expect(param(page, 'caseId')).toBe(other.id);

    await rowOf(page, other.reference).getByRole('link', { name: other.reference }).click();
    await page.waitForURL(new RegExp(`/cases/${other.id}$`));
    await expect.poll(() => page.getByText('Tom Nguyen').first().isVisible(), { timeout: 20_000 }).toBe(true);
    // Opening the case did show the details, and that view is in the log.
    const log = (await people.pat!.get(`/api/v1/personal-access?caseId=${other.id}`)).json<{
      items: { user: { name: string } }[];
    }>();
    expect(log.items.map((i) => i.user.name)).toEqual(['Pat Privacy', 'Sam Supervisor']);
  });
});
