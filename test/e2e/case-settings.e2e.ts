import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Calendar, Category, DeadlinePolicy, Template } from '../../src/contracts/cases.js';
import { ADMIN, createArea, roleId, Session } from '../support/app.js';
import { launchBrowser, startVerity } from '../support/browser.js';
import { recipientOf } from '../support/smtp.js';

const PASSWORD = 'a long enough password';
const MANAGER = 'morgan@harbour.example';

async function expectNoAxeViolations(page: Page, what: string) {
  // A dialog fading in has not reached its final colours yet: wait for running transitions to end.
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running'),
  );
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

/** A link in the main navigation. */
function nav(page: Page, name: string) {
  return page.getByRole('navigation').getByRole('link', { name, exact: true });
}

async function visible(what: { isVisible: () => Promise<boolean> }, timeout = 15_000) {
  await expect.poll(() => what.isVisible(), { timeout }).toBe(true);
}

describe('case settings in Chromium', () => {
  let verity: Awaited<ReturnType<typeof startVerity>>;
  let browser: Browser;
  let manager: Session;
  let page: Page;

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
    const area = await createArea(admin, { name: 'Front office', code: 'FO' });
    // A customer service manager configures case handling (cases:configure).
    const invited = await admin.post('/api/v1/users/invitations', {
      email: MANAGER,
      name: 'Morgan Manager',
      roleId: await roleId(admin, 'manager'),
      areaIds: [area.id],
      teamIds: [],
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const mail = await verity.smtp.waitFor((m) => recipientOf(m) === MANAGER, 20_000);
    const token = /token=([\w-]+)/.exec(mail.text ?? '')![1]!;
    manager = new Session(verity.app);
    const accepted = await manager.post('/api/v1/auth/invitations/accept', { token, password: PASSWORD });
    expect(accepted.statusCode, accepted.body).toBe(200);

    page = await (await browser.newContext({ locale: 'en-AU' })).newPage();
    await page.goto(`${verity.url}/sign-in`);
    await page.getByLabel('Email').fill(MANAGER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await verity?.stop();
  });

  it('adds a category and a sub-category', async () => {
    await nav(page, 'Categories').click();
    await visible(page.getByRole('heading', { name: 'Case categories' }));
    // The shipped taxonomy is there.
    await visible(page.getByRole('row').filter({ hasText: 'Delivery errors' }).first());
    await expectNoAxeViolations(page, 'the categories page');

    await page.getByRole('button', { name: 'Add category', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expectNoAxeViolations(page, 'the add category dialog');
    await dialog.getByLabel('Name').fill('Accessibility');
    await dialog.getByLabel('Description').fill('Getting into, around and out of our venues');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByRole('row').filter({ hasText: 'Accessibility' }).first());

    await page.getByRole('button', { name: 'More actions for Accessibility' }).click();
    await page.getByRole('menuitem', { name: 'Add sub-category' }).click();
    await visible(page.getByRole('dialog', { name: 'Add a sub-category to Accessibility' }));
    await page.getByRole('dialog').getByLabel('Name').fill('Wheelchair access');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await visible(page.getByRole('row', { name: /Sub-category of Accessibility: Wheelchair access/ }));

    await page.reload();
    await visible(page.getByRole('row').filter({ hasText: 'Getting into, around and out of our venues' }));
    await visible(page.getByRole('row', { name: /Sub-category of Accessibility: Wheelchair access/ }));

    const categories = (await manager.get('/api/v1/categories')).json<{ items: Category[] }>().items;
    const parent = categories.find((c) => c.name === 'Accessibility');
    expect(parent?.parentId).toBeNull();
    expect(categories.find((c) => c.name === 'Wheelchair access')?.parentId).toBe(parent?.id);
  });

  it('edits a deadline policy in hours and minutes of working time', async () => {
    await nav(page, 'Deadline policies').click();
    const edit = page.getByRole('button', { name: 'Edit All areas medium priority policy' });
    await visible(edit);
    await expectNoAxeViolations(page, 'the deadline policies page');

    await edit.click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByLabel('Acknowledgement hours'));
    await expectNoAxeViolations(page, 'the deadline policy dialog');
    await dialog.getByLabel('Acknowledgement hours').fill('3');
    await dialog.getByLabel('Acknowledgement minutes').fill('30');
    await dialog.getByLabel('Warning at').fill('80');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.isVisible(), { timeout: 15_000 }).toBe(false);

    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name: 'Edit All areas medium priority policy' }) });
    await visible(row.getByText('3 h 30 min'));
    await page.reload();
    await visible(row.getByText('3 h 30 min'));
    await visible(row.getByText('80%'));

    const policies = (await manager.get('/api/v1/deadline-policies')).json<{ items: DeadlinePolicy[] }>()
      .items;
    const medium = policies.find(
      (p) => p.areaId === null && p.priority === 'medium' && p.categoryId === null,
    );
    expect(medium?.acknowledgement).toEqual({ kind: 'businessTime', value: 210 });
    expect(medium?.warningPercent).toBe(80);
  });

  it('adds a public holiday to the default calendar', async () => {
    await nav(page, 'Business calendars').click();
    const edit = page.getByRole('button', { name: 'Edit Standard business hours' });
    await visible(edit);
    await visible(page.getByRole('row').filter({ hasText: 'Default' }).first());
    await expectNoAxeViolations(page, 'the calendars page');

    const before = (await manager.get('/api/v1/calendars')).json<{ items: Calendar[] }>().items[0]!;
    await edit.click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByLabel('Holiday name'));
    await expectNoAxeViolations(page, 'the calendar dialog');
    await dialog.getByLabel('Holiday date').fill('2027-10-14');
    await dialog.getByLabel('Holiday name').fill('Harbour founders day');
    await dialog.getByRole('button', { name: 'Add holiday' }).click();
    await visible(dialog.getByRole('cell', { name: 'Harbour founders day', exact: true }));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.isVisible(), { timeout: 15_000 }).toBe(false);

    const count = `${before.holidays.length + 1} holidays`;
    await visible(page.getByRole('row').filter({ hasText: count }).first());
    await page.reload();
    await visible(page.getByRole('row').filter({ hasText: count }).first());
    await page.getByRole('button', { name: 'Edit Standard business hours' }).click();
    await visible(page.getByRole('dialog').getByRole('cell', { name: 'Harbour founders day', exact: true }));
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    const after = (await manager.get('/api/v1/calendars')).json<{ items: Calendar[] }>().items[0]!;
    expect(after.holidays).toContainEqual({ date: '2027-10-14', name: 'Harbour founders day' });
    expect(after.holidays).toHaveLength(before.holidays.length + 1);
  });
  it('writes a response template, inserting placeholders at the cursor', async () => {
    await nav(page, 'Response templates').click();
    await page.getByRole('button', { name: 'Add template', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByLabel('Message', { exact: true }));
    await expectNoAxeViolations(page, 'the template editor');
    await dialog.getByLabel('Name', { exact: true }).fill('Apology for the wait');
    await dialog.getByLabel('Purpose', { exact: true }).click();
    await page.getByRole('option', { name: 'Progress update' }).click();
    await dialog.getByLabel('Subject', { exact: true }).fill('About ');
    await dialog.getByRole('button', { name: /^Insert case\.reference/ }).click();
    const message = dialog.getByLabel('Message', { exact: true });
    await message.fill('Dear , sorry for the wait.');
    await message.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(5, 5));
    await dialog.getByRole('button', { name: /^Insert customer\.name/ }).click();
    // The cursor stays just after the inserted placeholder.
    await page.keyboard.type('!');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.isVisible(), { timeout: 15_000 }).toBe(false);

    await page.reload();
    await visible(page.getByRole('row').filter({ hasText: 'About {{case.reference}}' }));
    const templates = (await manager.get('/api/v1/templates')).json<{ items: Template[] }>().items;
    const saved = templates.find((t) => t.name === 'Apology for the wait');
    expect(saved).toMatchObject({
      purpose: 'update',
      subject: 'About {{case.reference}}',
      body: 'Dear {{customer.name}}!, sorry for the wait.',
    });
  });
});
