import { sql } from 'drizzle-orm';
import type { SetupInput } from '../../../contracts/setup.js';
import type { Db } from '../../db/client.js';
import { writeAudit } from '../../platform/audit.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import { hashPassword } from '../../platform/crypto.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { DeadlineService } from '../deadlines/index.js';
import { createIdentityService, type IdentityService } from '../identity/index.js';
import { createOrganisationService, type OrganisationService } from '../organisation/index.js';
import { loadSampleOrganisation, startSampleClocks, type SampleResult } from '../sample/index.js';
import { createStakeholderService } from '../stakeholders/index.js';

const SETUP_LOCK = 7_340_003;

export type SetupService = ReturnType<typeof createSetupService>;

export function createSetupService(
  deps: Deps,
  organisation: OrganisationService,
  identity: IdentityService,
  deadlines: Pick<
    DeadlineService,
    'ensureDefaults' | 'startClocks' | 'fulfil' | 'pause' | 'restartResolution'
  >,
) {
  const { db, clock, log } = deps;

  async function isNeeded(): Promise<boolean> {
    return (await organisation.getOrganisation()) === null;
  }

  /** Creates the organisation, the default roles and the first administrator; optionally the sample. */
  async function run(ctx: RequestContext, input: SetupInput) {
    const passwordHash = await hashPassword(input.admin.password);
    return db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`);
      // Services bound to this transaction: everything below commits together or not at all.
      const txDeps = { ...deps, db: tx as Db };
      const org = createOrganisationService(txDeps);
      const ident = createIdentityService(txDeps, org);
      if (await org.getOrganisation()) {
        throw new AppError('conflict', 'Verity is already set up. Sign in instead.');
      }
      await org.createOrganisationRecord(tx, input.organisation);
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: '1',
        after: input.organisation,
      });
      // The default business calendar and deadline policies, so new cases get clocks at once.
      await deadlines.ensureDefaults(tx, input.organisation.timeZone);
      const roleIds = await ident.seedDefaultRoles(tx);
      const adminId = await ident.createActiveUser(tx, ctx, {
        email: input.admin.email,
        name: input.admin.name,
        jobTitle: 'Administrator',
        roleId: roleIds.get('administrator')!,
        passwordHash,
        allAreas: true,
      });
      let sample: SampleResult | null = null;
      if (input.loadSample) {
        const adminCtx: RequestContext = { ...ctx, principal: await ident.principalForUser(tx, adminId) };
        sample = await loadSampleOrganisation(
          tx,
          adminCtx,
          { organisation: org, identity: ident, stakeholders: createStakeholderService(txDeps, org) },
          roleIds,
          passwordHash,
          clock.now(),
        );
        await startSampleClocks(tx, deadlines);
        await org.markSampleLoaded(tx);
      }
      const issued = await identity.issueSession(tx, ctx, adminId);
      log.info({ sample }, 'setup complete');
      return { issued, sample };
    });
  }

  return { isNeeded, run };
}
