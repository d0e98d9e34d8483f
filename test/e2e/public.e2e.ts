import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/contracts/cases.js';
import { ADMIN, createArea, roleId, Session } from '../support/app.js';
import { launchBrowser, startVerity } from '../support/browser.js';
import { recipientOf } from '../support/smtp.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const PASSWORD = 'a long enough password';
const SCREENSHOTS = process.env.PUBLIC_SCREENSHOTS;

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/** Runs axe-core (WCAG 2.0–2.2 A and AA rules) in the page and returns what it found. */
async function axe(page: Page, name: string): Promise<AxeViolation[]> {
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
    };
    const result = await w.axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

/** Presses Tab (only Tab) until the element with this id has focus. */
async function tabTo(page: Page, id: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await page.evaluate(() => document.activeElement?.id ?? '')) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

/** Presses Tab until an element whose text or label is `name` has focus. */
async function tabToNamed(page: Page, name: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return (el?.getAttribute('aria-label') || el?.textContent || '').trim();
    });
    if (focused === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${name}"`);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('public pages in Chromium: accessible, keyboard only, end to end', () => {
  let verity: Awaited<ReturnType<typeof startVerity>>;
  let browser: Browser;
  let admin: Session;
  let manager: Session;
  let areaId: string;

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
    await createArea(admin, { name: 'Restaurant', code: 'RE' });
    const invited = await admin.post('/api/v1/users/invitations', {
      email: 'mo@harbour.example',
      name: 'Mo Manager',
      roleId: await roleId(admin, 'manager'),
      areaIds: [areaId],
      teamIds: [],
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const mail = await verity.smtp.waitFor((m) => recipientOf(m) === 'mo@harbour.example', 20_000);
    const token = /token=([\w-]+)/.exec(mail.text ?? '')![1]!;
    manager = new Session(verity.app);
    const accepted = await manager.post('/api/v1/auth/invitations/accept', { token, password: PASSWORD });
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await verity?.stop();
  });

  /** `forAxe`: lets the test inject axe-core despite our Content-Security-Policy (script-src 'self'). */
  async function newPage(width = 1280, forAxe = false): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: forAxe });
    const page = await context.newPage();
    page.on('dialog', (d) => {
      throw new Error(`unexpected dialog: ${d.message()}`);
    });
    return page;
  }

  it('axe finds no violations on the charter, the form (also with errors), the acknowledgement and the track pages', async () => {
    const page = await newPage(1280, true);
    await page.goto(`${verity.url}/charter`);
    await page.getByRole('heading', { name: 'Our service charter' }).waitFor();
    await page.getByText('we acknowledge it within 4 working hours').waitFor();
    expect(await axe(page, 'charter')).toEqual([]);
    // Every public page links to the charter.
    expect(await page.getByRole('link', { name: /service charter/i }).count()).toBeGreaterThan(0);

    await page.goto(`${verity.url}/feedback`);
    await page.getByRole('heading', { name: 'Give feedback or make a complaint' }).waitFor();
    await page.getByLabel('Which part of our service is it about?').waitFor();
    expect(await axe(page, 'feedback')).toEqual([]);
    expect(await page.getByRole('link', { name: /service charter/i }).count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Send' }).press('Enter');
    await page.getByText('There are 5 problems').waitFor();
    expect(await axe(page, 'feedback-errors')).toEqual([]);

    await page.getByLabel('Which part of our service is it about?').selectOption({ label: 'Front office' });
    await page.getByLabel('In a few words, what is it about?').fill('Noise at night');
    await page.getByLabel('What happened?').fill('Loud music from the bar until 2am.');
    await page.getByLabel('Your name').fill('Axel Tester');
    await page.getByLabel('Your email address').fill('axel@example.net');
    await page.locator('#files').setInputFiles({
      name: 'noise-log.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('00:40 music\n01:30 still music\n'),
    });
    await page.getByRole('button', { name: 'Send' }).press('Enter');
    await page.getByRole('heading', { name: /Thank you — we have received your complaint/ }).waitFor();
    await page.getByText('We added 1 file to your case.').waitFor();
    expect(await axe(page, 'acknowledgement')).toEqual([]);

    await page.getByRole('link', { name: 'Track your case' }).press('Enter');
    await page.getByRole('heading', { name: 'Noise at night' }).waitFor();
    await page.getByRole('link', { name: 'noise-log.txt' }).waitFor();
    expect(await axe(page, 'track-view')).toEqual([]);

    await page.goto(`${verity.url}/track`);
    await page.getByRole('heading', { name: 'Track a case' }).waitFor();
    expect(await axe(page, 'track-lookup')).toEqual([]);

    // The mobile layout: nothing wider than the screen, and still no violations.
    const phone = await newPage(375, true);
    await phone.goto(`${verity.url}/feedback`);
    await phone.getByLabel('Which part of our service is it about?').waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axe(phone, 'feedback-mobile')).toEqual([]);
  });

  it('a member of the public complains with the keyboard alone, follows the emailed link, reads the reply and rejects the outcome: a review opens', async () => {
    const page = await newPage();
    await page.goto(`${verity.url}/feedback`);
    await page.getByLabel('Which part of our service is it about?').waitFor();

    // Sending the empty form: the error summary takes focus, and its links lead to the fields.
    await tabToNamed(page, 'Send');
    await page.keyboard.press('Enter');
    await page.getByText('There are 5 problems').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('areaId');
    const described = await page.locator('#areaId').getAttribute('aria-describedby');
    expect(described).toBeTruthy();
    expect(
      await page.locator(`[id="${described!.split(' ').find((d) => d.endsWith('error'))}"]`).innerText(),
    ).toBe('Choose which part of our service it is about');

    // "Make a complaint" is already chosen; the area is picked by typing its name on the focused select.
    await page.keyboard.type('Front office');
    expect(await page.locator('#areaId option:checked').innerText()).toBe('Front office');
    await tabTo(page, 'subject');
    await page.keyboard.type('Cold room and rude reply');
    await tabTo(page, 'description');
    await page.keyboard.type(
      'The heating in room 12 did not work for two nights and the desk was rude about it.',
    );
    await tabTo(page, 'desiredOutcome');
    await page.keyboard.type('A refund for one night');
    await tabTo(page, 'customer-name');
    await page.keyboard.type('Jane Citizen');
    await tabTo(page, 'customer-email');
    await page.keyboard.type('jane@example.net');
    await tabTo(page, 'help-interpreter');
    await page.keyboard.press('Space');
    await tabTo(page, 'help-language');
    await page.keyboard.type('Vietnamese');
    await tabToNamed(page, 'Send');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: /Thank you — we have received your complaint/ }).waitFor();
    // Focus moves to the heading, so a screen reader reads the thank-you first.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    const reference = (await page.getByTestId('reference').innerText()).trim();
    expect(reference).toMatch(/^VR-\d{2}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);

    // The acknowledgement email arrives, with the reference and the signed tracking link.
    const ack = await verity.smtp.waitFor(
      (m) => recipientOf(m) === 'jane@example.net' && (m.text ?? '').includes(reference),
      20_000,
    );
    const link = /(https?:\/\/\S+\/track\?t=\S+)/.exec(ack.text ?? '')![1]!;

    // Staff reply.
    let c = (await manager.get(`/api/v1/cases/by-reference/${reference}`)).json<Case>();
    expect(c.channel).toBe('web');
    expect(c.helpNeeded).toContain('Interpreter (Vietnamese)');
    const message = await manager.post(`/api/v1/cases/${c.id}/messages`, {
      version: c.version,
      body: 'We are sorry. An engineer is fixing the heating today.',
    });
    expect(message.statusCode, message.body).toBe(200);

    // The customer follows the link from the email and reads the reply.
    const url = new URL(link);
    await page.goto(`${verity.url}${url.pathname}${url.search}`);
    await page.getByRole('heading', { name: 'Cold room and rude reply' }).waitFor();
    await page.getByText('An engineer is fixing the heating today.').waitFor();

    // Staff send their response.
    c = message.json<Case>();
    c = (
      await manager.post(`/api/v1/cases/${c.id}/transitions`, { version: c.version, to: 'investigating' })
    ).json<Case>();
    const proposed = await manager.post(`/api/v1/cases/${c.id}/resolution`, {
      version: c.version,
      summary: 'Apology and explanation',
      actions: [{ type: 'apology' }],
    });
    expect(proposed.statusCode, proposed.body).toBe(200);
    const responded = await manager.post(`/api/v1/cases/${c.id}/response`, {
      version: proposed.json<Case>().version,
    });
    expect(responded.statusCode, responded.body).toBe(200);

    // The customer rejects it, by keyboard: a review opens.
    await page.reload();
    await page.getByRole('heading', { name: 'Our response', exact: true }).waitFor();
    await tabTo(page, 'decision-reason');
    await page.keyboard.type('An apology does not fix two cold nights.');
    await tabToNamed(page, 'No, I want a review');
    await page.keyboard.press('Enter');
    await page.getByText('You asked for a review.').waitFor();

    const after = (await manager.get(`/api/v1/cases/${c.id}`)).json<Case>();
    expect(after.status).toBe('under_review');
  });

  it('an administrator edits the charter and the branding; customers see it at once', async () => {
    const page = await newPage(1280, true);
    await page.goto(`${verity.url}/sign-in`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await page.getByRole('link', { name: 'Public pages' }).click();
    await page.getByRole('heading', { name: 'Public pages', level: 1 }).waitFor();
    await page.getByLabel('Name shown to customers').fill('Harbour Hotels');
    await page.getByLabel('Main colour').fill('#ffd43b');
    await page.getByLabel('External body customers can go to (optional)').fill('Fair Trading Office');
    await page.getByLabel('Its web address (optional)').fill('https://fairtrading.example');
    expect(await axe(page, 'admin-public-pages')).toEqual([]);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Public pages saved.').waitFor();

    await page.goto(`${verity.url}/charter`);
    await page.getByRole('link', { name: 'Fair Trading Office (opens in a new tab)' }).waitFor();
    const header = page.getByRole('banner');
    await header.getByText('Harbour Hotels', { exact: true }).waitFor();
    // A light colour gets black text, so the header stays readable.
    expect(await header.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 0, 0)');
    expect(await axe(page, 'charter-branded')).toEqual([]);
  });
});
