/**
 * The supervisor's dashboard and its CSV: loads the facts of the period's
 * cases and the cases overdue today, and counts them with src/domain/oversight/oversight.ts. Only
 * supervisors reach it (the pages call requireRole); the export is written to the audit log.
 */
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../../db/client';
import { overdueCandidates, oversightCases, type OverdueCandidate } from '../../../db/queries/oversight/oversight';
import { undeliveredCounts } from '../../../db/queries/messages/messages';
import { filterInstants } from '../../domain/messages/message-filter';
import type { IsoDate } from '../../domain/shared/dates';
import { oversight, overdueNow, type Overdue, type Oversight, type OversightPeriod } from '../../domain/oversight/oversight';
import { oversightCsvName, oversightCsvRows } from '../../domain/oversight/oversight-columns';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { writeAudit } from '../staff/audit';

export type OverdueCase = Overdue<OverdueCandidate>;

/** The figures of the period. */
export async function loadOversight(db: Db, period: OversightPeriod, today: IsoDate): Promise<Oversight> {
  return oversight(await oversightCases(db, period), period, today);
}

/**
 * Messages created in the period (days in Shanghai, both included) that have not gone out: failed
 * and waiting for a retry, or dead. Counted over every message, receipts and staff e-mails alike.
 */
export async function loadUndeliveredMessages(db: Db, period: OversightPeriod): Promise<{ failed: number; dead: number }> {
  const { from, to } = filterInstants(period);
  return undeliveredCounts(db, from!, to!);
}

/** Every case overdue today, whenever it was received, earliest deadline first. */
export async function loadOverdue(db: Db, today: IsoDate): Promise<OverdueCase[]> {
  return overdueNow(await overdueCandidates(db, today), today);
}

/**
 * The CSV download: UTF-8 with a byte-order mark (so office software reads the Chinese), CRLF
 * line ends, a header row, a dated file name. The export is audited before it is handed out.
 */
export async function oversightCsvResponse(db: Db, actor: StaffActor, period: OversightPeriod, today: IsoDate): Promise<Response> {
  const figures = await loadOversight(db, period, today);
  await writeAudit(db, { actor, action: 'oversight.export', objectType: 'oversight', detail: { from: period.from, to: period.to, format: 'csv' } });
  const body = `\uFEFF${stringify(oversightCsvRows(figures), { record_delimiter: 'windows' })}`;
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': `attachment; filename="${oversightCsvName(period.from, period.to)}"`,
    },
  });
}
