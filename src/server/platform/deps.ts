import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Clock } from './clock.js';

/** What every service factory receives. */
export interface Deps {
  db: Db;
  clock: Clock;
  config: Config;
  log: Logger;
}
