import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Clock } from './clock.js';
import type { Signer } from './signing.js';

/** What every service factory receives. */
export interface Deps {
  db: Db;
  clock: Clock;
  config: Config;
  log: Logger;
  /** Signs and verifies tokens handed to people outside (tracking links, reply addresses). */
  signer: Signer;
}
