import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startVerity } from '../support/browser.js';
import { recipientOf } from '../support/smtp.js';

async function expectNoAxeViolations(page: Page, what: string) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe violations on the ${what} page`).toEqual([]);
}

/** A link in the main navigation (tables have links with the same words). */
function nav(page: Page, name: string) {
  return page.getByRole('navigation').getByRole('link', { name, exact: true });
}

describe('foundation journey in Chromium', () => {
  let verity: Awaited<ReturnType<typeof startVerity>>;
  let browser: Browser;
  beforeAll(async () => {
    verity = await startVerity();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await verity?.stop();
  });

  it('sets up with the sample organisation, builds structure, invites a person who then sees only their area', async () => {
    const admin = await (await browser.newContext()).newPage();
    await admin.goto(verity.url);

    // Fresh start: the setup page.
    await expect
      .poll(() => admin.getByLabel('Organisation name').isVisible(), { timeout: 20_000 })
      .toBe(true);
    await expectNoAxeViolations(admin, 'setup');
    await admin.getByLabel('Organisation name').fill('Harbour Hotel Group');
    await admin.getByLabel('Your name').fill('Ada Admin');
    await admin.getByLabel('Email').fill('ada@example.com');
    await admin.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
    await admin.getByLabel(/Load a sample organisation/).check();
    await admin.getByRole('button', { name: 'Set up Verity' }).click();
    await expect
      .poll(
        () =>
          admin
            .getByRole('heading', { name: /Harbour Hotel Group|Overview/ })
            .first()
            .isVisible(),
        { timeout: 30_000 },
      )
      .toBe(true);

    // Sign out, then sign in again through the sign-in page.
    await admin.goto(`${verity.url}/account`);
    await admin.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect
      .poll(() => admin.getByRole('button', { name: 'Sign in' }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    await expectNoAxeViolations(admin, 'sign-in');
    await admin.getByLabel('Email').fill('ada@example.com');
    await admin.getByLabel('Password').fill('correct horse battery staple');
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => nav(admin, 'Business areas').isVisible(), { timeout: 15_000 }).toBe(true);

    // The sample organisation is there.
    await nav(admin, 'Business areas').click();
    await expect
      .poll(() => admin.getByRole('row').filter({ hasText: 'Contact centre' }).first().isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);

    // Create an area and a team.
    await admin.getByRole('button', { name: 'Add business area' }).click();
    const areaDialog = admin.getByRole('dialog');
    await areaDialog.getByLabel('Name').fill('Spa and wellness');
    await areaDialog.getByLabel('Code').fill('SPA');
    await areaDialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => admin.getByRole('row').filter({ hasText: 'Spa and wellness' }).first().isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);

    await nav(admin, 'Teams').click();
    await admin.getByRole('button', { name: 'Add team' }).click();
    const teamDialog = admin.getByRole('dialog');
    await teamDialog.getByLabel('Business area').click();
    await admin.getByRole('option', { name: 'Spa and wellness' }).click();
    await teamDialog.getByLabel('Name').fill('Treatments');
    await teamDialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => admin.getByRole('row').filter({ hasText: 'Treatments' }).first().isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);

    // Invite a person into the new area and team.
    await nav(admin, 'People').click();
    await admin.getByRole('button', { name: 'Invite person' }).click();
    const invite = admin.getByRole('dialog');
    await invite.getByLabel('Email').fill('sam.spa@example.com');
    await invite.getByLabel('Name').fill('Sam Spa');
    await invite.getByLabel('Role').click();
    await admin.getByRole('option', { name: 'Customer service officer' }).click();
    await invite.getByLabel('Business areas').click();
    await admin.getByRole('option', { name: 'Spa and wellness' }).click();
    await invite.getByLabel('Business areas').press('Escape');
    await invite.getByLabel('Teams').click();
    await admin.getByRole('option', { name: /Treatments/ }).click();
    await invite.getByLabel('Teams').press('Escape');
    await invite.getByRole('button', { name: 'Send invitation' }).click();

    // The invitation arrives over real SMTP.
    const mail = await verity.smtp.waitFor((m) => recipientOf(m) === 'sam.spa@example.com', 20_000);
    expect(mail.subject).toContain('Harbour Hotel Group');
    const link = /(https?:\/\/\S+accept-invitation\?token=[\w-]+)/.exec(mail.text ?? '')?.[1];
    expect(link).toBeTruthy();
    const acceptUrl = new URL(link!);

    // The invited person accepts in their own browser and sees only their own area.
    const sam = await (await browser.newContext()).newPage();
    await sam.goto(`${verity.url}${acceptUrl.pathname}${acceptUrl.search}`);
    await expect
      .poll(() => sam.getByRole('button', { name: 'Accept invitation' }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    await sam.getByLabel('Password', { exact: true }).fill('sam has a long password');
    const confirm = sam.getByLabel('Confirm password');
    if (await confirm.count()) await confirm.fill('sam has a long password');
    await sam.getByRole('button', { name: 'Accept invitation' }).click();
    await expect.poll(() => nav(sam, 'Business areas').isVisible(), { timeout: 15_000 }).toBe(true);
    await nav(sam, 'Business areas').click();
    await expect
      .poll(() => sam.getByRole('row').filter({ hasText: 'Spa and wellness' }).first().isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);
    const rows = await sam.getByRole('row').count();
    expect(rows).toBe(2); // the header row and the one area
    expect(await sam.getByRole('row').filter({ hasText: 'Contact centre' }).count()).toBe(0);
    // Officers see no administration they cannot use.
    expect(await nav(sam, 'Audit trail').count()).toBe(0);
  });
});
