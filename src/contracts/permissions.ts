/** Every permission the system knows. A route needing anything else is denied. */
export const PERMISSIONS = {
  'org:read': 'See business areas, teams and staff of your areas',
  'org:manage': 'Create, edit and deactivate business areas and teams; manage memberships',
  'users:manage': 'Invite, edit and deactivate users',
  'roles:manage': 'Edit roles, their permissions and authority limits',
  'settings:manage': 'Edit organisation settings (name, time zone, locale, currency)',
  'stakeholders:read': 'See the stakeholder register',
  'stakeholders:manage': 'Add, edit and deactivate stakeholders',
  'audit:read': 'Browse and verify the audit trail',
  'cases:read': 'See cases of your areas',
  'cases:create': 'Record new cases',
  'cases:update': 'Work cases: notes, messages, status changes',
  'cases:assign': 'Assign and reassign cases',
  'cases:resolve': 'Propose and send resolutions within your authority limit',
  'cases:approve': 'Approve resolutions above the handler’s authority limit',
  'cases:personal': 'See customers’ personal details on cases',
  'cases:configure':
    'Edit case categories, response templates, assignment rules, business calendars and deadline policies',
  'cases:import': 'Import historical cases from CSV or XLSX files',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/** `public`: anyone, no sign-in; `authenticated`: any signed-in user; otherwise a permission. */
export type Access = 'public' | 'authenticated' | Permission;

export function isPermission(value: string): value is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, value);
}

export interface DefaultRole {
  key: string;
  name: string;
  description: string;
  permissions: Permission[];
  authorityLimitCents: number;
  allAreas: boolean;
}

const officer: Permission[] = [
  'org:read',
  'stakeholders:read',
  'cases:read',
  'cases:create',
  'cases:update',
  'cases:resolve',
  'cases:personal',
];

/** The roles a new organisation starts with. Administrators may edit them afterwards. */
export const DEFAULT_ROLES: DefaultRole[] = [
  {
    key: 'officer',
    name: 'Customer service officer',
    description: 'Works a queue of cases, records contacts, resolves within their authority.',
    permissions: officer,
    authorityLimitCents: 100_00,
    allAreas: false,
  },
  {
    key: 'supervisor',
    name: 'Team leader / supervisor',
    description: 'Watches the team against standards, reassigns, approves above officer limits, coaches.',
    permissions: [...officer, 'cases:assign', 'cases:approve'],
    authorityLimitCents: 1_000_00,
    allAreas: false,
  },
  {
    key: 'manager',
    name: 'Customer service manager',
    description: 'Sets standards, runs surveys, analyses satisfaction, designs strategies, owns policies.',
    permissions: [
      ...officer,
      'cases:assign',
      'cases:approve',
      'cases:configure',
      'cases:import',
      'stakeholders:manage',
      'audit:read',
    ],
    authorityLimitCents: 10_000_00,
    allAreas: true,
  },
  {
    key: 'executive',
    name: 'Senior manager',
    description: 'Approves budgets and strategies, reads reports, sees trends across business areas.',
    permissions: ['org:read', 'stakeholders:read', 'cases:read', 'cases:approve'],
    authorityLimitCents: 50_000_00,
    allAreas: true,
  },
  {
    key: 'administrator',
    name: 'Administrator',
    description: 'Organisation structure, users and roles, authority limits, settings and the audit trail.',
    permissions: [
      'org:read',
      'org:manage',
      'users:manage',
      'roles:manage',
      'settings:manage',
      'stakeholders:read',
      'stakeholders:manage',
      'audit:read',
      'cases:configure',
      'cases:import',
    ],
    authorityLimitCents: 0,
    allAreas: true,
  },
];
