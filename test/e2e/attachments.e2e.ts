import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/contracts/cases.js';
import { ADMIN, createArea, roleId, Session } from '../support/app.js';
import { launchBrowser, startVerity } from '../support/browser.js';
import { recipientOf } from '../support/smtp.js';

const PASSWORD = 'a long enough password';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0)]);

describe('files on the case page in Chromium', () => {
  let verity: Awaited<ReturnType<typeof startVerity>>;
  let browser: Browser;
  let officer: Session;
  let theCase: Case;
  const email = 'olivia@harbour.example';

  beforeAll(async () => {
    verity = await startVerity();
    browser = await launchBrowser();
    const admin = new Session(verity.app);
    const setup = await admin.post('/api/v1/setup', {
      organisation: { name: 'Harbour Hotel Group' },
      admin: ADMIN,
      loadSample: false,
    });
    expect(setup.statusCode, setup.body).toBe(201);
    const areaId = (await createArea(admin, { name: 'Front office', code: 'FO' })).id;
    const invited = await admin.post('/api/v1/users/invitations', {
      email,
      name: 'Olivia Officer',
      roleId: await roleId(admin, 'officer'),
      areaIds: [areaId],
      teamIds: [],
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const mail = await verity.smtp.waitFor((m) => recipientOf(m) === email, 20_000);
    const token = /token=([\w-]+)/.exec(mail.text ?? '')![1]!;
    officer = new Session(verity.app);
    const accepted = await officer.post('/api/v1/auth/invitations/accept', { token, password: PASSWORD });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const created = await officer.post('/api/v1/cases', {
      areaId,
      channel: 'phone',
      subject: 'Kettle sparked in room 12',
      description: 'The kettle sparked when switched on.',
      desiredOutcome: 'A refund',
      customer: { name: 'Jane Citizen', email: 'jane@example.net' },
    });
    expect(created.statusCode, created.body).toBe(201);
    theCase = created.json<Case>();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await verity?.stop();
  });

  async function signIn(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(`${verity.url}/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    return page;
  }

  it('adds a file with the keyboard, lists it, downloads it, and explains a refused one', async () => {
    const page = await signIn();
    await page.goto(`${verity.url}/cases/${theCase.id}`);
    const card = page.getByRole('region', { name: 'Files' });
    await expect.poll(() => card.getByText('No files yet.').isVisible(), { timeout: 30_000 }).toBe(true);

    const axe = await new AxeBuilder({ page })
      .include('section[aria-labelledby="attachments-title"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // The "Choose files" button is reachable by keyboard, and Enter opens the file chooser.
    const choose = card.getByRole('button', { name: 'Choose files' });
    await choose.focus();
    expect(await choose.evaluate((el) => el === document.activeElement)).toBe(true);
    const chooserOpened = page.waitForEvent('filechooser');
    await page.keyboard.press('Enter');
    const chooser = await chooserOpened;
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles([{ name: 'kettle.png', mimeType: 'image/png', buffer: PNG }]);

    const link = card.getByRole('link', { name: `Download kettle.png (PNG image, ${PNG.length} bytes)` });
    await expect
      .poll(() => link.isVisible(), { timeout: 30_000 })
      .toBe(true)
      .catch(async (e: unknown) => {
        await page.screenshot({ path: 'test-results/attachments-fail.png', fullPage: true });
        throw e;
      });
    await expect.poll(() => card.getByText(/added by Olivia Officer/).isVisible()).toBe(true);
    // The timeline says so too.
    await expect.poll(() => page.getByText('Added kettle.png').isVisible(), { timeout: 30_000 }).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('kettle.png');
    expect(fs.readFileSync((await download.path())!).equals(PNG)).toBe(true);

    // A program dressed as a PDF is refused by the server, which names it.
    await card
      .locator('input[type=file]')
      .setInputFiles([{ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: ELF }]);
    const alert = card.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 30_000 }).toContain('invoice.pdf');
    expect(await card.getByRole('link', { name: /invoice/ }).count()).toBe(0);

    await card.screenshot({ path: 'test-results/attachments-card.png' });
    await page.context().close();
  });
});
