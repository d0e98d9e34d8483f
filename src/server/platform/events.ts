import { EventEmitter } from 'node:events';

/** A change to a case, told to the people watching it (Server-Sent Events on the case page and queue). */
export interface CaseChange {
  caseId: string;
  areaId: string;
  version: number;
  /** What happened, e.g. 'status', 'note', 'assigned', 'deadline'. */
  type: string;
  actorId: string | null;
  at: string;
}

/**
 * In-process publish/subscribe for case changes. Services publish after their transaction commits.
 * One process only: several instances behind a load balancer would need PostgreSQL LISTEN/NOTIFY here.
 */
export class CaseEvents {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish(change: CaseChange): void {
    this.emitter.emit('change', change);
  }
  subscribe(listener: (change: CaseChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}
