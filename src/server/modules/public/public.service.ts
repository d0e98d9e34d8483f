import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileTypeFromBuffer } from 'file-type';
import type { z } from 'zod';
import type { CaseIntake, CaseStatus, CustomerCaseView, Priority } from '../../../contracts/cases.js';
import { normaliseReference } from '../../../contracts/cases.js';
import type {
  Charter,
  CharterSections,
  PublicAttachment,
  logoUploadSchema,
  PublicHelp,
  PublicSettings,
  publicSettingsUpdateSchema,
  publicSubmissionSchema,
  SubmissionResult,
  Timeframe,
} from '../../../contracts/public.js';
import { PUBLIC_LIMITS } from '../../../contracts/public.js';
import type { Db } from '../../db/client.js';
import { diffFields, writeAudit } from '../../platform/audit.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, staleVersion, validationError, type FieldError } from '../../platform/errors.js';
import { queueMail } from '../../platform/mail.js';
import { newCaseReference } from '../cases/index.js';
import type { AttachmentService, IncomingFile, OpenedAttachment } from '../attachments/index.js';
import type { OrganisationService } from '../organisation/index.js';
import * as repo from './public.repo.js';

/** What the public pages need from the cases module (services.cases provides it). */
export interface CasesForPublic {
  intake(
    input: CaseIntake,
    origin: { channel: 'web' | 'email' | 'api'; by: string; sendAcknowledgement: boolean },
  ): Promise<{ id: string; reference: string; status: CaseStatus; trackingToken: string | null }>;
  trackingTokenFor(caseId: string, email: string): string;
  findTracking(reference: string, email: string): Promise<string | null>;
  customerView(token: string): Promise<CustomerCaseView | null>;
  customerReply(caseId: string, input: { body: string; channel: 'web' | 'email' }): Promise<void>;
  customerDecide(caseId: string, input: { accept: boolean; reason: string }): Promise<void>;
}

/** The priority a case from the public form starts with (cases.intake's default). */
export const USUAL_PRIORITY: Priority = 'medium';
const CONFIRM_PURPOSE = 'public-confirm';
const CONFIRM_HOURS = 24;
const LOGO_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** What a charter says until an administrator writes their own; `{organisation}` becomes its name. */
export const DEFAULT_SECTIONS: CharterSections = {
  intro:
    'We want to hear from you. Tell us when something goes wrong, when something goes well, or how we could do better. It costs nothing and you do not need an account.',
  howTo:
    'Use the feedback form on this site at any time. You can also tell any member of our staff, phone us, write to us or email us. If you need help to take part — an interpreter, large print, a call back, or someone to act for you — tick it on the form or tell us, and we will arrange it.',
  whatHappensNext:
    'We give you a reference number straight away and email you to confirm we have it. A member of our team looks into it, keeps you up to date, and sends you our response. You can check progress, add information or reply at any time with your reference and email address, or with the link in our emails. When we send our response, you can tell us whether you accept it.',
  privacy:
    'We use your details only to look into your feedback and reply to you. Only the people handling your case can see them, every look at them is recorded, and we keep them no longer than our records rules allow. We never sell them or use them for marketing.',
  escalation:
    'If you are not happy with our response, tell us on the track page and a senior person who was not involved will review it. If you are still not satisfied after the review, you can take it to an independent external body.',
  externalBodyName: '',
  externalBodyUrl: '',
  contact: '',
};

/** "4 working hours", "1 working hour", "10 days". */
export function describeTarget(kind: string, value: number): string {
  if (kind === 'calendarDays') return value === 1 ? '1 day' : `${value} days`;
  if (value % 60 === 0) {
    const hours = value / 60;
    return hours === 1 ? '1 working hour' : `${hours} working hours`;
  }
  return value === 1 ? '1 working minute' : `${value} working minutes`;
}

/** The help a person asked for, in one line for the case (cases keep it as text). */
export function describeHelp(help: PublicHelp): string {
  const parts: string[] = [];
  if (help.interpreter) parts.push(`Interpreter${help.language ? ` (${help.language})` : ''}`);
  else if (help.language) parts.push(`Language: ${help.language}`);
  if (help.largePrint) parts.push('Large print');
  if (help.callBack) parts.push('Call back');
  if (help.representative) {
    parts.push(
      `Someone is acting on their behalf${help.representativeName ? `: ${help.representativeName}` : ''}`,
    );
  }
  if (help.other) parts.push(help.other);
  return parts.join('; ').slice(0, 500);
}

function decoyToken(): string {
  return `${randomBytes(48).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
}

export type PublicService = ReturnType<typeof createPublicService>;

export function createPublicService(
  deps: Deps,
  parts: {
    organisation: OrganisationService;
    cases: CasesForPublic;
    attachments: Pick<AttachmentService, 'addFromCustomer' | 'listForCustomer' | 'openForCustomer'>;
  },
) {
  const { db, clock, config, signer, log } = deps;
  const { organisation, cases, attachments } = parts;

  async function settingsRow(handle: Db = db): Promise<repo.SettingsRow> {
    return repo.findSettings(handle);
  }

  // Every submission reads the settings (verify-email-first): kept for a few seconds, dropped on a change.
  let cachedSettings: { row: repo.SettingsRow; until: number } | null = null;
  async function submissionSettings(): Promise<repo.SettingsRow> {
    const now = Date.now();
    if (cachedSettings && cachedSettings.until > now) return cachedSettings.row;
    const row = await repo.findSettings(db);
    cachedSettings = { row, until: now + 5_000 };
    return row;
  }

  function sectionsOf(row: repo.SettingsRow): CharterSections {
    return {
      intro: row.intro || DEFAULT_SECTIONS.intro,
      howTo: row.howTo || DEFAULT_SECTIONS.howTo,
      whatHappensNext: row.whatHappensNext || DEFAULT_SECTIONS.whatHappensNext,
      privacy: row.privacy || DEFAULT_SECTIONS.privacy,
      escalation: row.escalation || DEFAULT_SECTIONS.escalation,
      externalBodyName: row.externalBodyName,
      externalBodyUrl: row.externalBodyUrl,
      contact: row.contact,
    };
  }

  function logoUrlOf(row: repo.SettingsRow): string | null {
    if (row.logoData) return `/api/v1/public/logo?v=${row.version}`;
    return row.logoUrl || null;
  }

  function toSettingsDto(row: repo.SettingsRow): PublicSettings {
    return {
      brandName: row.brandName,
      primaryColour: row.primaryColour,
      logo: row.logoData ? 'uploaded' : row.logoUrl ? 'url' : 'none',
      logoUrl: row.logoUrl,
      sections: sectionsOf(row),
      verifyEmailFirst: row.verifyEmailFirst,
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async function timeframes(): Promise<Timeframe[]> {
    const rows = await repo.orgWidePolicies(db);
    return rows.map((r) => ({
      priority: r.priority as Priority,
      acknowledgement: describeTarget(r.ack_kind, r.ack_value),
      firstResponse: describeTarget(r.response_kind, r.response_value),
      resolution: describeTarget(r.resolution_kind, r.resolution_value),
    }));
  }

  async function brandName(row: repo.SettingsRow): Promise<string> {
    if (row.brandName) return row.brandName;
    return (await organisation.getOrganisation())?.name ?? 'Customer service';
  }

  // ------------------------------------------------------------------------------------------------ charter

  async function charter(): Promise<Charter> {
    const row = await settingsRow();
    return {
      branding: { name: await brandName(row), primaryColour: row.primaryColour, logoUrl: logoUrlOf(row) },
      sections: sectionsOf(row),
      timeframes: await timeframes(),
      usualPriority: USUAL_PRIORITY,
      verifyEmailFirst: row.verifyEmailFirst,
    };
  }

  async function logo(): Promise<{ type: string; data: Buffer } | null> {
    const row = await settingsRow();
    if (!row.logoData || !row.logoType) return null;
    return { type: row.logoType, data: Buffer.from(row.logoData, 'base64') };
  }

  async function areas() {
    return { items: await repo.activeAreas(db) };
  }

  async function categories() {
    return { items: await repo.activeCategories(db) };
  }

  // ---------------------------------------------------------------------------------------------- settings

  async function getSettings(): Promise<PublicSettings> {
    return toSettingsDto(await settingsRow());
  }

  async function changeSettings(
    ctx: RequestContext,
    version: number,
    action: string,
    values: Partial<Omit<repo.SettingsRow, 'id' | 'version' | 'updatedAt'>>,
  ): Promise<PublicSettings> {
    const changed = await db.transaction(async (tx) => {
      const current = await repo.findSettings(tx, true);
      if (current.version !== version) throw staleVersion(toSettingsDto(current));
      await repo.updateSettings(tx, values, clock.now());
      const next = await repo.findSettings(tx);
      const { logoData: _a, ...beforeRest } = current;
      const { logoData: _b, ...afterRest } = next;
      await writeAudit(tx, actorOf(ctx, clock), {
        action,
        entityType: 'organisation',
        entityId: 'public-pages',
        ...diffFields(
          {
            ...beforeRest,
            logoData: current.logoData ? `${current.logoData.length} base64 characters` : null,
          },
          { ...afterRest, logoData: next.logoData ? `${next.logoData.length} base64 characters` : null },
        ),
      });
      return toSettingsDto(next);
    });
    cachedSettings = null;
    return changed;
  }

  async function updateSettings(ctx: RequestContext, input: z.infer<typeof publicSettingsUpdateSchema>) {
    const values: Partial<Omit<repo.SettingsRow, 'id' | 'version' | 'updatedAt'>> = {};
    if (input.brandName !== undefined) values.brandName = input.brandName;
    if (input.primaryColour !== undefined) values.primaryColour = input.primaryColour;
    if (input.verifyEmailFirst !== undefined) values.verifyEmailFirst = input.verifyEmailFirst;
    if (input.logoUrl !== undefined) {
      values.logoUrl = input.logoUrl;
      // A URL given now is the logo: it replaces an uploaded one.
      if (input.logoUrl) Object.assign(values, { logoData: null, logoType: null });
    }
    if (input.removeLogo) Object.assign(values, { logoData: null, logoType: null, logoUrl: '' });
    const s = input.sections;
    if (s) {
      // A section set back to the default text is stored empty, so it follows future defaults.
      const keep = (key: keyof CharterSections, v: string | undefined) =>
        v === undefined ? undefined : v === DEFAULT_SECTIONS[key] ? '' : v;
      const pairs: [keyof CharterSections, string | undefined][] = [
        ['intro', keep('intro', s.intro)],
        ['howTo', keep('howTo', s.howTo)],
        ['whatHappensNext', keep('whatHappensNext', s.whatHappensNext)],
        ['privacy', keep('privacy', s.privacy)],
        ['escalation', keep('escalation', s.escalation)],
        ['externalBodyName', s.externalBodyName],
        ['externalBodyUrl', s.externalBodyUrl],
        ['contact', s.contact],
      ];
      for (const [k, v] of pairs) if (v !== undefined) values[k] = v;
    }
    return changeSettings(ctx, input.version, 'public_pages.updated', values);
  }

  async function uploadLogo(ctx: RequestContext, input: z.infer<typeof logoUploadSchema>) {
    const data = Buffer.from(input.dataBase64, 'base64');
    if (data.length === 0) throw validationError([{ path: 'body.dataBase64', message: 'is empty' }]);
    if (data.length > PUBLIC_LIMITS.logoBytes) {
      throw validationError([{ path: 'body.dataBase64', message: 'the image must be at most 200 KB' }]);
    }
    const type = await fileTypeFromBuffer(data);
    if (!type || !LOGO_TYPES.has(type.mime)) {
      throw validationError([{ path: 'body.dataBase64', message: 'must be a PNG, JPEG, GIF or WebP image' }]);
    }
    return changeSettings(ctx, input.version, 'public_pages.logo_uploaded', {
      logoData: data.toString('base64'),
      logoType: type.mime,
      logoUrl: '',
    });
  }

  // ------------------------------------------------------------------------------------------ submissions

  async function checkChoices(input: z.infer<typeof publicSubmissionSchema>) {
    const errors: FieldError[] = [];
    if (!(await repo.isActiveArea(db, input.areaId))) {
      errors.push({ path: 'body.areaId', message: 'is not a part of our service you can choose' });
    }
    if (input.categoryId && !(await repo.isActiveCategory(db, input.categoryId))) {
      errors.push({ path: 'body.categoryId', message: 'is not a topic you can choose' });
    }
    if (errors.length) throw validationError(errors);
  }

  function intakeOf(input: z.infer<typeof publicSubmissionSchema>): CaseIntake {
    return {
      kind: input.kind,
      areaId: input.areaId,
      categoryId: input.categoryId,
      subject: input.subject,
      description: input.description,
      desiredOutcome: input.desiredOutcome,
      customer: {
        type: 'individual',
        name: input.customer.name,
        organisation: input.customer.organisation,
        email: input.customer.email,
        phone: input.customer.phone || null,
        preferredContact: input.customer.preferredContact,
      },
      helpNeeded: describeHelp(input.help),
      externalId: `web-form:${input.idempotencyKey}`,
    };
  }

  const emailDigest = (email: string) => signer.digest('public-email', email.toLowerCase(), 32);

  /** Waits for this key's twin (a double submit) to finish creating its case. */
  async function awaitTwin(key: string, email: string, kind: SubmissionResult['kind']) {
    for (let i = 0; i < 100; i++) {
      const row = await repo.findSubmission(db, key);
      if (!row) break;
      if (row.status === 'pending') {
        return { status: 'check_email' as const, reference: null, trackingToken: null, kind };
      }
      if (row.status === 'created' && row.caseId && row.reference) {
        return {
          status: 'received' as const,
          reference: row.reference,
          trackingToken: cases.trackingTokenFor(row.caseId, email),
          kind,
        };
      }
      await sleep(100);
    }
    throw new AppError('conflict', 'This form is still being sent. Wait a moment, then try again.');
  }

  async function createCase(
    key: string,
    intake: CaseIntake,
    kind: SubmissionResult['kind'],
    wasPending = false,
  ) {
    try {
      const created = await cases.intake(intake, {
        channel: 'web',
        by: 'Web form',
        sendAcknowledgement: true,
      });
      await repo.markCreated(db, key, { caseId: created.id, reference: created.reference, at: clock.now() });
      return {
        status: 'received' as const,
        reference: created.reference,
        trackingToken:
          created.trackingToken ?? cases.trackingTokenFor(created.id, intake.customer.email ?? ''),
        kind,
      };
    } catch (err) {
      // The customer can try again: the form with the same key, or the same confirmation link.
      if (wasPending) await repo.backToPending(db, key);
      else await repo.releaseClaim(db, key);
      throw err;
    }
  }

  async function submit(
    ctx: RequestContext,
    input: z.infer<typeof publicSubmissionSchema>,
  ): Promise<SubmissionResult> {
    const row = await submissionSettings();
    if (input.website) {
      // A bot filled the field people never see: thank it exactly as a person is thanked, and keep nothing.
      log.info({ requestId: ctx.requestId }, 'public form honeypot filled: nothing created');
      return row.verifyEmailFirst
        ? { status: 'check_email', reference: null, trackingToken: null, kind: input.kind }
        : {
            status: 'received',
            reference: newCaseReference(clock.now()),
            trackingToken: decoyToken(),
            kind: input.kind,
          };
    }
    const intake = intakeOf(input);

    if (row.verifyEmailFirst) {
      await checkChoices(input);
      const key = input.idempotencyKey;
      // Unconfirmed submissions hold personal details: none is kept past its link's life.
      await repo.deleteStalePending(db, new Date(clock.now().getTime() - CONFIRM_HOURS * 3_600_000));
      const claimed = await db.transaction(async (tx) => {
        const ok = await repo.claimSubmission(tx, {
          key,
          status: 'pending',
          emailDigest: emailDigest(input.customer.email),
          payload: intake,
          at: clock.now(),
        });
        if (!ok) return false;
        await sendConfirmation(tx, key, input);
        return true;
      });
      if (!claimed) return awaitTwin(key, input.customer.email, input.kind);
      return { status: 'check_email', reference: null, trackingToken: null, kind: input.kind };
    }

    // One transaction, in the cases module: the idempotency key is the case's external id, whose unique
    // index lets one of two double submits through; the other is answered with the same case.
    const created = await cases.intake(intake, { channel: 'web', by: 'Web form', sendAcknowledgement: true });
    return {
      status: 'received',
      reference: created.reference,
      trackingToken: created.trackingToken ?? cases.trackingTokenFor(created.id, input.customer.email),
      kind: input.kind,
    };
  }

  async function sendConfirmation(tx: Db, key: string, input: z.infer<typeof publicSubmissionSchema>) {
    const expires = new Date(clock.now().getTime() + CONFIRM_HOURS * 3_600_000);
    const token = signer.sign(CONFIRM_PURPOSE, { k: key }, expires);
    const link = `${config.publicUrl.replace(/\/$/, '')}/feedback/confirm?t=${encodeURIComponent(token)}`;
    const name = await brandName(await repo.findSettings(tx));
    const text = [
      `Hello,`,
      ``,
      `Someone — we hope you — used this email address to send feedback to ${name}.`,
      `To send it, open this link within ${CONFIRM_HOURS} hours:`,
      ``,
      link,
      ``,
      `If it was not you, ignore this email: nothing will be sent and we will delete the details.`,
      ``,
      name,
    ].join('\n');
    await queueMail(tx, clock, {
      to: input.customer.email,
      subject: `Confirm your email to send your feedback to ${name}`.slice(0, 300),
      text,
    });
  }

  async function confirm(token: string): Promise<SubmissionResult> {
    const payload = signer.verify(CONFIRM_PURPOSE, token, clock.now());
    const invalid = new AppError(
      'not_found',
      'This link is not valid or has expired. Fill in the form again and we will send a new one.',
    );
    if (!payload || typeof payload.k !== 'string') throw invalid;
    const key = payload.k;
    const row = await repo.findSubmission(db, key);
    if (!row || !row.payload) throw invalid;
    const intake = row.payload as CaseIntake;
    const kind = intake.kind ?? 'complaint';
    const email = intake.customer.email ?? '';
    if (row.status !== 'pending') return awaitTwin(key, email, kind);
    // Only the first of two clicks moves it on.
    const took = await repo.takePending(db, key, clock.now());
    if (!took) return awaitTwin(key, email, kind);
    return createCase(key, intake, kind, true);
  }

  // ----------------------------------------------------------------------------------------------- tracking

  const unknownCase = () =>
    new AppError(
      'not_found',
      'We could not find a case with that reference and email address. Check both and try again.',
    );
  const badLink = () =>
    new AppError(
      'not_found',
      'This link is not valid or has expired. Find your case with its reference and your email address.',
    );

  async function lookup(reference: string, email: string): Promise<{ trackingToken: string }> {
    const token = await cases.findTracking(normaliseReference(reference), email);
    if (!token) throw unknownCase();
    return { trackingToken: token };
  }

  async function view(token: string): Promise<CustomerCaseView> {
    const found = await cases.customerView(token);
    if (!found) throw badLink();
    return found;
  }

  async function reply(token: string, body: string): Promise<CustomerCaseView> {
    const current = await view(token);
    if (!current.canReply) {
      throw new AppError('conflict', 'This case is closed, so we cannot add to it. Contact us to reopen it.');
    }
    await cases.customerReply(current.caseId, { body, channel: 'web' });
    return view(token);
  }

  async function decide(token: string, accept: boolean, reason: string): Promise<CustomerCaseView> {
    const current = await view(token);
    if (!current.canDecide) {
      throw new AppError('conflict', 'There is no response to accept or reject on this case now.');
    }
    await cases.customerDecide(current.caseId, { accept, reason });
    return view(token);
  }

  // -------------------------------------------------------------------------------------------- files

  async function listFiles(token: string): Promise<{ items: PublicAttachment[] }> {
    const current = await view(token);
    const items = await attachments.listForCustomer(current.caseId);
    return {
      items: items.map((a) => ({
        id: a.id,
        name: a.name,
        contentType: a.contentType,
        sizeBytes: a.sizeBytes,
        createdAt: a.createdAt,
        downloadUrl: `/api/v1/public/track/attachments/${a.id}?token=${encodeURIComponent(token)}`,
      })),
    };
  }

  async function addFiles(token: string, files: AsyncIterable<IncomingFile>, ctx: RequestContext) {
    const current = await view(token);
    if (!current.canReply) {
      throw new AppError(
        'conflict',
        'This case is closed, so we cannot add files to it. Contact us to reopen it.',
      );
    }
    await attachments.addFromCustomer(current.caseId, files, ctx);
    return listFiles(token);
  }

  async function openFile(token: string, attachmentId: string): Promise<OpenedAttachment> {
    const current = await view(token);
    return attachments.openForCustomer(current.caseId, attachmentId);
  }

  return {
    listFiles,
    addFiles,
    openFile,
    charter,
    logo,
    areas,
    categories,
    getSettings,
    updateSettings,
    uploadLogo,
    submit,
    confirm,
    lookup,
    view,
    reply,
    decide,
    /** Drops unconfirmed submissions older than the confirmation window. */
    async purgeUnconfirmed(): Promise<void> {
      await repo.deleteStalePending(db, new Date(clock.now().getTime() - CONFIRM_HOURS * 3_600_000));
    },
  };
}
