import { sql } from 'drizzle-orm';
import type { DeadlineKind, Priority } from '../../../contracts/cases.js';
import type { Db } from '../../db/client.js';
import type { DeadlineClocks } from '../deadlines/index.js';

interface OpenCase {
  id: string;
  reference: string;
  area_id: string;
  priority: Priority;
  category_id: string | null;
  status: string;
  received_at: Date | string;
  acknowledged_at: Date | string | null;
  first_response_at: Date | string | null;
  responded_at: Date | string | null;
  waiting_since: Date | string | null;
  again_since: Date | string | null;
}

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/**
 * Gives the sample's open cases their deadline clocks, as if they had been running since each case was
 * received: targets met when the case was acknowledged or answered, paused while it waits for the customer.
 * Clocks already past their warning or due time are warned, breached and escalated by the job worker.
 */
export async function startSampleClocks(
  tx: Db,
  clocks: Pick<DeadlineClocks, 'startClocks' | 'fulfil' | 'pause' | 'restartResolution'>,
): Promise<number> {
  const res = await tx.execute(sql`
    SELECT c.id, c.reference, c.area_id, c.priority, c.category_id, c.status, c.received_at,
      c.acknowledged_at, c.first_response_at, c.responded_at,
      (SELECT max(e.at) FROM case_events e WHERE e.case_id = c.id AND e.type = 'status'
         AND e.data->>'to' = 'awaiting_customer') AS waiting_since,
      (SELECT max(e.at) FROM case_events e WHERE e.case_id = c.id AND e.type = 'status'
         AND e.data->>'to' IN ('reopened', 'under_review')) AS again_since
    FROM cases c
    WHERE c.status NOT IN ('closed', 'referred_external')
    ORDER BY c.received_at, c.id`);
  const rows = (res as unknown as { rows: OpenCase[] }).rows;
  for (const r of rows) {
    const receivedAt = asDate(r.received_at);
    await clocks.startClocks(
      tx,
      {
        id: r.id,
        reference: r.reference,
        areaId: r.area_id,
        priority: r.priority,
        categoryId: r.category_id,
        receivedAt,
      },
      null,
    );
    const met: [DeadlineKind, Date | string | null][] = [
      ['acknowledgement', r.acknowledged_at],
      ['first_response', r.first_response_at],
      ['resolution', r.status === 'responded' ? r.responded_at : null],
    ];
    for (const [kind, at] of met) if (at) await clocks.fulfil(tx, r.id, kind, asDate(at), null);
    // A reopened or disputed case is on a fresh resolution clock from the day it came back.
    if ((r.status === 'reopened' || r.status === 'under_review') && r.again_since)
      await clocks.restartResolution(
        tx,
        {
          id: r.id,
          reference: r.reference,
          areaId: r.area_id,
          priority: r.priority,
          categoryId: r.category_id,
          receivedAt,
        },
        asDate(r.again_since),
        null,
        r.status === 'reopened' ? 'Reopened' : 'Under review',
      );
    if (r.status === 'awaiting_customer')
      await clocks.pause(tx, r.id, asDate(r.waiting_since ?? receivedAt), null, 'Awaiting the customer');
  }
  return rows.length;
}
