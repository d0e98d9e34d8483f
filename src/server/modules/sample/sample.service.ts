import type { StakeholderKind } from '../../../contracts/stakeholders.js';
import { writeAudit } from '../../platform/audit.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { IdentityService } from '../identity/index.js';
import type { OrganisationService } from '../organisation/index.js';
import type { StakeholderService } from '../stakeholders/index.js';
import type { Db } from '../../db/client.js';
import { seededRandom } from './random.js';
import { insertSampleCases, type SampleAreaStaff } from './sample-cases.js';

export const SAMPLE_SEED = 20_260_301;
export const SAMPLE_EMAIL_DOMAIN = 'sample.verity.example';

export const SAMPLE_AREAS = [
  {
    name: 'Front office',
    code: 'FO',
    description: 'Reception, check-in and concierge.',
    teams: ['Reception', 'Concierge'],
  },
  {
    name: 'Restaurant',
    code: 'REST',
    description: 'Dining room, bar and room service.',
    teams: ['Floor service', 'Kitchen'],
  },
  {
    name: 'Online store',
    code: 'WEB',
    description: 'Web shop orders, delivery and returns.',
    teams: ['Orders and delivery', 'Returns'],
  },
  {
    name: 'Contact centre',
    code: 'CC',
    description: 'Phone, email and chat enquiries.',
    teams: ['Phones', 'Email and chat'],
  },
] as const;

const FIRST = [
  'Olivia',
  'Jack',
  'Charlotte',
  'William',
  'Amelia',
  'Noah',
  'Isla',
  'Thomas',
  'Mia',
  'Lachlan',
  'Grace',
  'Oliver',
  'Chloe',
  'Liam',
  'Zara',
  'Ethan',
  'Ruby',
  'Hamish',
  'Priya',
  'Minh',
  'Aisha',
  'Mateo',
  'Mei',
  'Tane',
];
const LAST = [
  'Nguyen',
  'Smith',
  'Williams',
  'Brown',
  'Wilson',
  'Taylor',
  'Anderson',
  'Patel',
  'Kelly',
  'Martin',
  'Chen',
  'Walker',
  'White',
  'Singh',
  "O'Brien",
  'Rossi',
  'Kaur',
  'Murphy',
  'Tran',
  'Campbell',
];

const STAKEHOLDERS: { name: string; kind: StakeholderKind; organisationName?: string; area?: string }[] = [
  { name: 'Service quality committee', kind: 'committee' },
  { name: 'Executive leadership team', kind: 'senior_management' },
  { name: 'Regional operations manager', kind: 'line_management' },
  { name: 'Loyalty programme members', kind: 'customers' },
  { name: 'Corporate accounts', kind: 'customers', organisationName: 'Harbourside Events Pty Ltd' },
  {
    name: 'Energy and Water Ombudsman liaison',
    kind: 'external_organisation',
    organisationName: 'Ombudsman office',
  },
  { name: 'Fair Trading contact', kind: 'external_organisation', organisationName: 'Office of Fair Trading' },
  {
    name: 'Courier partner account manager',
    kind: 'delivery_drivers',
    organisationName: 'Swift Couriers',
    area: 'WEB',
  },
  { name: 'Warehouse shift leads', kind: 'warehouse_staff', area: 'WEB' },
  { name: 'Marketing team', kind: 'marketing' },
  {
    name: 'Australia Post business support',
    kind: 'postal_services',
    organisationName: 'Australia Post',
    area: 'WEB',
  },
  { name: 'Produce supplier', kind: 'suppliers', organisationName: 'Green Valley Farms', area: 'REST' },
  { name: 'Front office staff', kind: 'customer_service_staff', area: 'FO' },
  { name: 'Contact centre team leaders', kind: 'supervisor_manager', area: 'CC' },
];

export interface SampleServices {
  organisation: OrganisationService;
  identity: IdentityService;
  stakeholders: StakeholderService;
}

export interface SampleResult {
  areas: number;
  teams: number;
  staff: number;
  stakeholders: number;
  cases: number;
}

/**
 * Loads the sample organisation. Run inside the setup transaction with services bound to it, so the
 * sample appears whole or not at all. Deterministic: the same seed gives the same organisation.
 */
export async function loadSampleOrganisation(
  tx: Db,
  ctx: RequestContext,
  services: SampleServices,
  roleIds: Map<string, string>,
  passwordHash: string,
  now: Date,
): Promise<SampleResult> {
  const rng = seededRandom(SAMPLE_SEED);
  const usedNames = new Set<string>();
  const personName = () => {
    for (;;) {
      const n = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
      if (!usedNames.has(n)) {
        usedNames.add(n);
        return n;
      }
    }
  };
  const emailOf = (name: string) =>
    `${name
      .toLowerCase()
      .replace(/[^a-z ]/g, '')
      .replace(/ /g, '.')}@${SAMPLE_EMAIL_DOMAIN}`;
  const areaIdByCode = new Map<string, string>();
  const areaStaff: SampleAreaStaff[] = [];
  let teamCount = 0;
  let staff = 0;

  for (const a of SAMPLE_AREAS) {
    const area = await services.organisation.createArea(ctx, {
      name: a.name,
      code: a.code,
      description: a.description,
    });
    areaIdByCode.set(a.code, area.id);
    const teamIds: string[] = [];
    for (const t of a.teams) {
      const team = await services.organisation.createTeam(ctx, { areaId: area.id, name: t, description: '' });
      teamIds.push(team.id);
      teamCount++;
    }
    const sup = personName();
    const supervisorId = await services.identity.createActiveUser(tx, ctx, {
      email: emailOf(sup),
      name: sup,
      jobTitle: `${a.name} team leader`,
      roleId: roleIds.get('supervisor')!,
      passwordHash,
      areaIds: [area.id],
      teamIds,
    });
    staff++;
    const officers: SampleAreaStaff['officers'] = [];
    for (let i = 0; i < 4; i++) {
      const n = personName();
      const teamId = teamIds[i % teamIds.length]!;
      const officerId = await services.identity.createActiveUser(tx, ctx, {
        email: emailOf(n),
        name: n,
        jobTitle: 'Customer service officer',
        roleId: roleIds.get('officer')!,
        passwordHash,
        areaIds: [area.id],
        teamIds: [teamId],
      });
      officers.push({ id: officerId, teamId });
      staff++;
    }
    areaStaff.push({ areaId: area.id, code: a.code, teamIds, supervisorId, officers });
  }
  const allAreaIds = [...areaIdByCode.values()];
  for (const [role, title] of [
    ['manager', 'Customer service manager'],
    ['executive', 'General manager'],
  ] as const) {
    const n = personName();
    await services.identity.createActiveUser(tx, ctx, {
      email: emailOf(n),
      name: n,
      jobTitle: title,
      roleId: roleIds.get(role)!,
      passwordHash,
      areaIds: allAreaIds,
    });
    staff++;
  }
  for (const s of STAKEHOLDERS) {
    await services.stakeholders.create(ctx, {
      name: s.name,
      kind: s.kind,
      organisationName: s.organisationName ?? '',
      email: null,
      phone: null,
      notes: '',
      areaId: s.area ? areaIdByCode.get(s.area)! : null,
    });
  }
  // A separate stream, so adding cases leaves the names above as they were.
  const cases = await insertSampleCases(tx, seededRandom(SAMPLE_SEED + 1), { now, areas: areaStaff });
  await writeAudit(tx, actorOf(ctx, { now: () => now }), {
    action: 'case.sample_loaded',
    entityType: 'case',
    entityId: 'sample',
    after: { cases },
  });
  return { areas: SAMPLE_AREAS.length, teams: teamCount, staff, stakeholders: STAKEHOLDERS.length, cases };
}
