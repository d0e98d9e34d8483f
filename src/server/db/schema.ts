import * as platform from '../platform/platform.tables.js';
import * as identity from '../modules/identity/identity.tables.js';
import * as organisation from '../modules/organisation/organisation.tables.js';
import * as stakeholders from '../modules/stakeholders/stakeholders.tables.js';
import * as cases from '../modules/cases/cases.tables.js';
import * as deadlines from '../modules/deadlines/deadlines.tables.js';
import * as attachments from '../modules/attachments/attachments.tables.js';
import * as imports from '../modules/imports/imports.tables.js';
import * as publicPages from '../modules/public/public.tables.js';
import * as mailIn from '../modules/mail-in/mail-in.tables.js';

/** Every table, for Drizzle's typed query API. Add a module's tables here. */
export const schema = {
  ...platform,
  ...identity,
  ...organisation,
  ...stakeholders,
  ...cases,
  ...deadlines,
  ...attachments,
  ...imports,
  ...publicPages,
  ...mailIn,
};
export type Schema = typeof schema;
