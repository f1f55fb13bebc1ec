/**
 * SQL twins of the derived states in src/domain (list-status.ts, licence-state.ts), for filtering
 * in the database. The domain functions stay the source of truth for what a page shows; these
 * must agree with them (tests/integration/registry/derived-sql.db.test.ts compares both on the same rows).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../../src/domain/shared/dates';
import { EXPIRING_WINDOW_DAYS } from '../../../src/domain/registry/licence-state';
import type { ListStatus } from '../../../src/domain/registry/list-status';

const inForceDecision = (list: 'white' | 'black', today: IsoDate) => sql`exists (
  select 1 from list_decisions d where d.institution_id = i.id and d.list = ${list}
    and d.effective_on <= ${today}::date and (d.removed_on is null or d.removed_on > ${today}::date))`;

/** Condition on alias `i` (institutions) for a list status; black outranks white. */
export function listStatusSql(status: ListStatus, today: IsoDate): SQL {
  const black = inForceDecision('black', today);
  const white = inForceDecision('white', today);
  if (status === 'black') return black;
  if (status === 'white') return sql`(${white} and not ${black})`;
  return sql`(not ${white} and not ${black})`;
}

const licenceExists = (condition: SQL) =>
  sql`exists (select 1 from licences l where l.institution_id = i.id and ${condition})`;

export type LicenceFilter = 'valid' | 'expiring' | 'expired' | 'revoked' | 'none';

/** Condition on alias `i` for the overall licence state (same order as overallLicenceState). */
export function licenceStateSql(state: LicenceFilter, today: IsoDate): SQL {
  const notRevoked = sql`(l.revoked_on is null or l.revoked_on > ${today}::date)`;
  const horizon = sql`(${today}::date + ${EXPIRING_WINDOW_DAYS}::int)`;
  const valid = licenceExists(sql`${notRevoked} and l.issued_on <= ${today}::date and l.expires_on > ${horizon}`);
  const expiring = licenceExists(
    sql`${notRevoked} and l.issued_on <= ${today}::date and l.expires_on >= ${today}::date and l.expires_on <= ${horizon}`,
  );
  const revoked = licenceExists(sql`l.revoked_on <= ${today}::date`);
  const expired = licenceExists(sql`${notRevoked} and l.expires_on < ${today}::date`);
  switch (state) {
    case 'valid':
      return valid;
    case 'expiring':
      return sql`(${expiring} and not ${valid})`;
    case 'revoked':
      return sql`(${revoked} and not ${valid} and not ${expiring})`;
    case 'expired':
      return sql`(${expired} and not ${valid} and not ${expiring} and not ${revoked})`;
    case 'none':
      return sql`not exists (select 1 from licences l where l.institution_id = i.id)`;
  }
}
