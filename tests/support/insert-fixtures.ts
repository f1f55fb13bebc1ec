/**
 * Writes hand-made institutions (tests/fixtures/institutions.ts) with their licences and list
 * decisions, turning day offsets into dates around `today`. The search columns come from
 * searchColumns(), exactly as the application computes them on write.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { institutions, licences, listDecisions } from '../../db/schema';
import { licenceNumberNorm } from '../../db/seed/licences';
import { seedReference } from '../../db/seed/reference';
import { withCheckCharacter } from '../../src/domain/registry/credit-code';
import { addDays, type IsoDate } from '../../src/domain/shared/dates';
import type { LicenceDates } from '../../src/domain/registry/licence-state';
import type { ListDecisionDates } from '../../src/domain/registry/list-status';
import { searchColumns } from '../../src/domain/registry/search';
import { TODAY, type InstitutionFixture, type LicenceFixture } from '../fixtures/institutions';

export interface Inserted {
  id: number;
  creditCode: string;
}

/** Licence dates of a fixture on `today`, the input of licenceState / overallLicenceState. */
export function licenceDates(l: LicenceFixture, today: IsoDate = TODAY): LicenceDates {
  return {
    issuedOn: addDays(today, l.issued ?? l.expires - 3 * 365),
    expiresOn: addDays(today, l.expires),
    revokedOn: l.revoked === undefined ? null : addDays(today, l.revoked),
  };
}

/** List decision dates of a fixture on `today`, the input of listStatus. */
export function decisionDates(f: InstitutionFixture, today: IsoDate = TODAY): ListDecisionDates[] {
  return (f.decisions ?? []).map((d) => ({
    list: d.list,
    effectiveOn: addDays(today, d.effective),
    removedOn: d.removed === undefined ? null : addDays(today, d.removed),
  }));
}

/**
 * Inserts the fixtures (and the reference rows they refer to); returns each one's id and credit
 * code by key. Can be called more than once on the same database.
 */
export async function insertInstitutions(db: Db, fixtures: readonly InstitutionFixture[], today: IsoDate = TODAY): Promise<Map<string, Inserted>> {
  const keys = new Set(fixtures.map((f) => f.key));
  if (keys.size !== fixtures.length) throw new Error('fixture keys must be unique');
  await seedReference(db);
  const [{ n: already } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(institutions);
  const out = new Map<string, Inserted>();
  for (const [position, f] of fixtures.entries()) {
    const search = searchColumns(f.name, f.formerNames ?? []);
    const creditCode = f.creditCode ?? withCheckCharacter(`91310107MA1F${String(already + position + 1).padStart(5, '0')}`);
    const [row] = await db
      .insert(institutions)
      .values({
        creditCode,
        name: f.name,
        formerNames: f.formerNames ?? [],
        fields: f.fields ?? ['culture_edu'],
        legalForm: creditCode.startsWith('52') ? 'non_profit' : 'for_profit',
        entryPath: 'licence',
        registrationAuthority: creditCode.startsWith('52') ? 'civil' : 'market',
        supervisingDepartment: 'edu',
        address: '上海市普陀区测试路1号',
        street: f.street ?? 'changshou',
        operatingStatus: f.operating ?? 'operating',
        delivery: f.delivery ?? 'offline',
        registeredOn: addDays(today, -2000),
        asOf: today,
        searchText: search.searchText,
        pinyin: search.pinyin,
        initials: search.initials,
      })
      .returning({ id: institutions.id });
    const id = row!.id;
    out.set(f.key, { id, creditCode });
    for (const [k, l] of (f.licences ?? []).entries()) {
      const dates = licenceDates(l, today);
      const number = l.number ?? `教民1310107${String(id).padStart(5, '0')}${k}号`;
      await db.insert(licences).values({
        institutionId: id,
        number,
        numberNorm: licenceNumberNorm(number),
        issuingAuthority: 'edu',
        ...dates,
        revocationReason: dates.revokedOn ? '测试：吊销' : null,
        scope: '测试办学内容',
        address: '上海市普陀区测试路1号',
        asOf: today,
      });
    }
    for (const d of decisionDates(f, today)) {
      await db.insert(listDecisions).values({
        institutionId: id,
        ...d,
        reason: d.list === 'black' ? '测试：列入黑名单' : '测试：列入白名单',
        legalBasis: '测试依据',
        department: 'edu',
        removalReason: d.removedOn ? '测试：移出' : null,
      });
    }
  }
  return out;
}
