import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/contracts/cases.js';
import { ManualClock } from '../../src/server/platform/clock.js';
import { ADMIN, createArea, roleId, Session } from '../support/app.js';
import { launchBrowser, startVerity } from '../support/browser.js';
import { recipientOf } from '../support/smtp.js';

const PASSWORD = 'a long enough password';
const HOSTILE_SUBJECT = '<img src=x onerror="window.__xss=1">';
const HOSTILE_TEXT = '<svg onload="window.__xss=2"></svg> <scr<script>ipt>window.__xss=3</scr</script>ipt>';

describe('complaint handling in Chromium', () => {
  // The server's clock starts at the real time (so the browser's own clock agrees) and is moved by the test.
  const clock = new ManualClock(new Date());
  let verity: Awaited<ReturnType<typeof startVerity>>;
  let browser: Browser;
  let admin: Session;
  let areaId: string;
  const people: Record<string, { id: string; email: string; session: Session }> = {};

  /** Invites a person over real SMTP and accepts the invitation as they would. */
  async function staff(key: string, role: string, name: string) {
    const email = `${key}@harbour.example`;
    const res = await admin.post('/api/v1/users/invitations', {
      email,
      name,
      roleId: await roleId(admin, role),
      areaIds: [areaId],
      teamIds: [],
    });
    expect(res.statusCode, res.body).toBe(201);
    const mail = await verity.smtp.waitFor((m) => recipientOf(m) === email, 20_000);
    const token = /token=([\w-]+)/.exec(mail.text ?? '')![1]!;
    const session = new Session(verity.app);
    const accepted = await session.post('/api/v1/auth/invitations/accept', { token, password: PASSWORD });
    expect(accepted.statusCode, accepted.body).toBe(200);
    people[key] = { id: res.json<{ id: string }>().id, email, session };
  }

  async function signInPage(email: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    page.on('dialog', (d) => {
      throw new Error(`unexpected dialog: ${d.message()}`);
    });
    await page.goto(`${verity.url}/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    return page;
  }

  /** Picks an option of a Mantine Select by its label, and checks the choice took. */
  async function choose(page: Page, label: string, option: string | RegExp) {
    const input = page
      .getByRole('textbox', { name: label, exact: true })
      .or(page.getByLabel(label, { exact: true }))
      .first();
    for (let attempt = 0; attempt < 3; attempt++) {
      await input.click();
      const listbox = page.getByRole('listbox').filter({ has: page.getByRole('option', { name: option }) });
      await listbox.getByRole('option', { name: option }).first().click();
      const value = await input.inputValue().catch(() => '');
      if (typeof option === 'string' ? value === option : option.test(value)) return;
    }
    throw new Error(`could not choose ${String(option)} in ${label}`);
  }

  const deadlines = (page: Page) => page.getByRole('region', { name: 'Deadlines' });
  const apiCase = async (id: string) =>
    (await people.officer!.session.get(`/api/v1/cases/${id}`)).json<Case>();

  beforeAll(async () => {
    verity = await startVerity({ clock });
    browser = await launchBrowser();
    admin = new Session(verity.app);
    const setup = await admin.post('/api/v1/setup', {
      organisation: { name: 'Harbour Hotel Group' },
      admin: ADMIN,
      loadSample: false,
    });
    expect(setup.statusCode, setup.body).toBe(201);
    areaId = (await createArea(admin, { name: 'Front office', code: 'FO' })).id;
    await staff('olivia', 'officer', 'Olivia Officer');
    await staff('sam', 'supervisor', 'Sam Supervisor');
    people.officer = people.olivia!;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await verity?.stop();
  });

  it('phone complaint → acknowledgement email → $250 refund above the limit → approval → response email → accepted → closed', async () => {
    const officer = await signInPage(people.olivia!.email);
    await officer.goto(`${verity.url}/cases/new`);
    await expect
      .poll(() => officer.getByRole('heading', { name: 'New contact' }).isVisible(), { timeout: 20_000 })
      .toBe(true);
    await choose(officer, 'Business area', 'Front office');
    await officer.getByRole('radiogroup', { name: 'Channel' }).getByText('Phone', { exact: true }).click();
    await officer
      .getByLabel('Subject', { exact: true })
      .fill('Charged for a room service order we never received');
    await officer
      .getByLabel('What happened', { exact: true })
      .fill('Room 412 was charged $250 for a dinner that never arrived.');
    await officer.getByLabel('Outcome the customer wants', { exact: true }).fill('A refund of the charge');
    await officer.getByLabel('Customer name', { exact: true }).fill('Jane Citizen');
    await officer.getByLabel('Email address', { exact: true }).fill('jane.citizen@example.net');
    await officer.getByRole('button', { name: 'Record contact' }).click();
    await officer.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const caseId = officer.url().split('/').pop()!;
    const { reference } = await apiCase(caseId);
    await expect.poll(() => officer.getByText(reference).first().isVisible()).toBe(true);

    // The acknowledgement arrives over real SMTP with the reference.
    const ack = await verity.smtp.waitFor((m) => recipientOf(m) === 'jane.citizen@example.net', 20_000);
    expect(ack.subject).toContain(reference);
    // The deadline clocks are on the page throughout.
    await expect.poll(() => deadlines(officer).getByText('Acknowledgement').isVisible()).toBe(true);
    await expect.poll(() => deadlines(officer).getByText('Met').first().isVisible()).toBe(true);
    await expect.poll(() => deadlines(officer).getByText('On track').first().isVisible()).toBe(true);

    // Investigate.
    await officer
      .getByRole('toolbar', { name: 'Case actions' })
      .getByRole('button', { name: 'Investigate' })
      .click();
    await officer.getByRole('dialog').getByRole('button', { name: 'Investigate' }).click();
    await expect.poll(async () => (await apiCase(caseId)).status).toBe('investigating');

    // Propose a $250 refund: above the officer's $100 limit, so it asks for approval.
    await officer.getByRole('button', { name: 'Propose resolution' }).click();
    await choose(officer, 'Action 1', 'Refund');
    await officer.getByLabel('Amount for action 1').fill('250');
    await officer.getByLabel('Resolution summary').fill('We will refund the $250 room service charge.');
    await expect.poll(() => officer.getByText(/above your \$100\.00 limit/).isVisible()).toBe(true);
    await officer.getByRole('button', { name: 'Request approval' }).click();
    await expect.poll(async () => (await apiCase(caseId)).status).toBe('awaiting_approval');
    expect((await apiCase(caseId)).resolution?.approver?.id).toBe(people.sam!.id);
    await expect.poll(() => deadlines(officer).isVisible()).toBe(true);

    // The supervisor approves.
    const supervisor = await signInPage(people.sam!.email);
    await supervisor.goto(`${verity.url}/cases/${caseId}`);
    await supervisor.getByRole('button', { name: 'Approve resolution' }).click();
    await expect.poll(async () => (await apiCase(caseId)).status).toBe('resolution_proposed');

    // The officer's page updates live, then sends the response from the template.
    await expect
      .poll(() => officer.getByRole('button', { name: 'Send response' }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    await choose(officer, 'Response template', 'Outcome');
    await officer.getByRole('button', { name: 'Send response' }).click();
    await expect.poll(async () => (await apiCase(caseId)).status).toBe('responded');
    const response = await verity.smtp.waitFor(
      (m) => recipientOf(m) === 'jane.citizen@example.net' && (m.subject ?? '').includes('outcome'),
      20_000,
    );
    expect(response.text).toContain('$250.00');
    expect(response.messageId).toBeTruthy();

    // The customer accepts; the case closes.
    await officer.getByRole('button', { name: 'Customer accepted' }).click();
    await expect.poll(async () => (await apiCase(caseId)).customerAccepted).toBe(true);
    await officer
      .getByRole('toolbar', { name: 'Case actions' })
      .getByRole('button', { name: 'Close case' })
      .click();
    const dialog = officer.getByRole('dialog');
    await choose(officer, 'Outcome', 'Upheld');
    await choose(officer, 'Root cause', /Process/);
    await dialog.getByRole('button', { name: 'Close case' }).click();
    await expect.poll(async () => (await apiCase(caseId)).status).toBe('closed');
    const closed = await apiCase(caseId);
    expect(closed).toMatchObject({ outcome: 'upheld', rootCause: 'process', customerAccepted: true });
    for (const kind of ['acknowledgement', 'first_response', 'resolution'])
      await expect
        .poll(() =>
          deadlines(officer)
            .getByTestId(`clock-${kind}`)
            .getByText('Met', { exact: true })
            .first()
            .isVisible(),
        )
        .toBe(true);
  }, 180_000);

  it('drives the clock past a deadline: the warning, the breach and the escalation show', async () => {
    const created = await people.olivia!.session.post('/api/v1/cases', {
      areaId,
      channel: 'counter',
      priority: 'high',
      subject: 'Lost property not returned',
      description: 'Left a jacket at reception.',
      customer: { name: 'Pat Guest' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json<Case>();
    const ackClock = c.clocks.find((k) => k.kind === 'acknowledgement')!;
    const page = await signInPage(people.sam!.email);
    await page.goto(`${verity.url}/cases/${c.id}`);
    const ackSection = () => deadlines(page).getByTestId('clock-acknowledgement');
    await expect.poll(() => ackSection().getByText('On track').isVisible(), { timeout: 20_000 }).toBe(true);

    // Just past the warning point (75% of the working time).
    clock.set(new Date(Date.parse(ackClock.warningAt!) + 60_000));
    await expect.poll(async () => (await apiCase(c.id)).deadlineState, { timeout: 20_000 }).toBe('due_soon');
    await page.reload();
    await expect.poll(() => ackSection().getByText('Due soon').isVisible(), { timeout: 15_000 }).toBe(true);

    // Past the due time: breached, escalated (priority raised, supervisor told).
    clock.set(new Date(Date.parse(ackClock.dueAt!) + 60_000));
    await expect.poll(async () => (await apiCase(c.id)).escalated, { timeout: 20_000 }).toBe(true);
    await page.reload();
    await expect.poll(() => ackSection().getByText('Breached').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByText('Escalated').first().isVisible()).toBe(true);
    expect((await apiCase(c.id)).priority).toBe('urgent');
    await verity.smtp.waitFor(
      (m) => recipientOf(m) === people.sam!.email && /escalat|breach|overdue/i.test(m.subject ?? ''),
      20_000,
    );
    const timeline = (await people.olivia!.session.get(`/api/v1/cases/${c.id}/timeline`)).json<{
      items: { type: string }[];
    }>();
    expect(timeline.items.map((e) => e.type)).toEqual(expect.arrayContaining(['deadline', 'escalated']));
  }, 180_000);

  it('shows script in case text as text on the queue, the case page and the email preview', async () => {
    const created = await people.olivia!.session.post('/api/v1/cases', {
      areaId,
      channel: 'letter',
      subject: HOSTILE_SUBJECT,
      description: HOSTILE_TEXT,
      desiredOutcome: HOSTILE_TEXT,
      customer: { name: HOSTILE_SUBJECT, email: 'hostile@example.net' },
      sendAcknowledgement: false,
    });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json<Case>();
    const page = await signInPage(people.olivia!.email);
    await page.goto(`${verity.url}/cases`);
    await expect
      .poll(() => page.getByText(HOSTILE_SUBJECT).first().isVisible(), { timeout: 20_000 })
      .toBe(true);
    await page.goto(`${verity.url}/cases/${c.id}`);
    await expect
      .poll(() => page.getByText(HOSTILE_SUBJECT).first().isVisible(), { timeout: 20_000 })
      .toBe(true);
    await expect.poll(() => page.getByText(HOSTILE_TEXT).first().isVisible()).toBe(true);
    // The response preview renders the customer's name inside the template, as text.
    await page
      .getByRole('toolbar', { name: 'Case actions' })
      .getByRole('button', { name: 'Investigate' })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Investigate' }).click();
    await expect.poll(async () => (await apiCase(c.id)).status).toBe('investigating');
    await choose(page, 'Response template', 'Outcome');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect
      .poll(
        () =>
          page
            .getByLabel('Response preview')
            .getByText(HOSTILE_SUBJECT, { exact: false })
            .first()
            .isVisible(),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
  }, 120_000);

  it('records a phone message from a customer the case is waiting for: the case goes back to investigation', async () => {
    const olivia = people.olivia!.session;
    const created = await olivia.post('/api/v1/cases', {
      areaId,
      channel: 'email',
      subject: 'Invoice does not match the booking',
      description: 'The invoice shows three nights; the stay was two.',
      customer: { name: 'Lee Caller' },
      sendAcknowledgement: false,
    });
    expect(created.statusCode, created.body).toBe(201);
    let c = created.json<Case>();
    for (const to of ['investigating', 'awaiting_customer']) {
      const moved = await olivia.post(`/api/v1/cases/${c.id}/transitions`, {
        version: c.version,
        to,
        reason: to === 'awaiting_customer' ? 'Asked for a copy of the booking confirmation' : '',
      });
      expect(moved.statusCode, moved.body).toBe(200);
      c = moved.json<Case>();
    }
    expect(c.status).toBe('awaiting_customer');

    const page = await signInPage(people.olivia!.email);
    await page.goto(`${verity.url}/cases/${c.id}`);
    const header = page.getByRole('heading', { name: c.reference });
    await expect.poll(() => header.isVisible(), { timeout: 20_000 }).toBe(true);
    const statusBadge = (status: string) => page.getByText(status, { exact: true });
    await expect.poll(() => statusBadge('Awaiting customer').first().isVisible()).toBe(true);

    await page.getByRole('tab', { name: 'Customer’s message' }).click();
    await choose(page, 'Received by', 'Phone');
    await page
      .getByLabel('What the customer said', { exact: true })
      .fill('Called back: the booking confirmation shows two nights, she will email it.');
    await page.getByRole('button', { name: 'Record message' }).click();

    await expect.poll(async () => (await apiCase(c.id)).status).toBe('investigating');
    await expect
      .poll(() => statusBadge('Assessment / investigation').first().isVisible(), { timeout: 15_000 })
      .toBe(true);
    expect(await statusBadge('Awaiting customer').count()).toBe(0);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect
      .poll(() => timeline.getByText('Message from customer').first().isVisible(), { timeout: 15_000 })
      .toBe(true);
    await expect.poll(() => timeline.getByText('Received by: Phone').isVisible()).toBe(true);
    await expect
      .poll(() => timeline.getByText('Called back: the booking confirmation shows two nights').isVisible())
      .toBe(true);
  }, 120_000);
});
