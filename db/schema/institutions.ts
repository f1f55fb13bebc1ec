/** Institutions and what is published about them: licences, promises, fund supervision. */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { departments, streets } from './reference';

export const institutions = pgTable(
  'institutions',
  {
    id: serial('id').primaryKey(),
    /** 统一社会信用代码, canonical (upper case, 18 characters, check character valid). */
    creditCode: text('credit_code').notNull().unique(),
    name: text('name').notNull(),
    formerNames: text('former_names').array().notNull().default(sql`'{}'::text[]`),
    /** One or more of TRAINING_FIELDS. */
    fields: text('fields').array().notNull(),
    legalForm: text('legal_form').notNull(),
    entryPath: text('entry_path').notNull(),
    registrationAuthority: text('registration_authority').notNull().references(() => departments.code),
    supervisingDepartment: text('supervising_department').notNull().references(() => departments.code),
    address: text('address').notNull(),
    street: text('street').notNull().references(() => streets.code),
    phone: text('phone'),
    operatingStatus: text('operating_status').notNull(),
    delivery: text('delivery').notNull(),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    /** Date the registry last confirmed these facts ("as of"). */
    asOf: date('as_of', { mode: 'string' }).notNull(),
    // Search columns, computed by src/domain/registry/search.ts searchColumns() on every write. The search
    // keys are not stored: the GIN index below computes them from these three columns.
    searchText: text('search_text').notNull(),
    pinyin: text('pinyin').notNull(),
    initials: text('initials').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The search keys (searchColumns().keys) live only in this index: ptp_search_keys(), an SQL
    // function created by migration 0004, computes them from the search columns. Stored in the
    // row they made it four times wider (1.4 kB instead of 0.4 kB), so a search touched four times
    // as many pages and the table no longer fitted in PostgreSQL's buffers. The function is costly
    // (a tenth of a millisecond a row): queries use it only as `keys @> ...` next to a LIKE.
    index('institutions_search_keys_gin').using('gin', sql`ptp_search_keys(${t.searchText}, ${t.pinyin}, ${t.initials})`),
    // In the "C" collation a btree serves both `LIKE 'prefix%'` and ORDER BY in index order, so a
    // prefix tier of the search (db/queries/registry/search-sql.ts, same expressions) stops after one page.
    // The column the expression is made of and the id follow as further keys (drizzle has no
    // INCLUDE), so the index alone answers the tier: an index-only scan, no row read.
    index('institutions_credit_code_c').using('btree', sql`(${t.creditCode} collate "C")`, t.creditCode, t.id),
    index('institutions_name_key_c').using('btree', sql`(split_part(${t.searchText}, '|', 1) collate "C")`, t.searchText, t.id),
    index('institutions_name_pinyin_c').using('btree', sql`(split_part(${t.pinyin}, '|', 1) collate "C")`, t.pinyin, t.id),
    index('institutions_name_initials_c').using('btree', sql`(split_part(${t.initials}, '|', 1) collate "C")`, t.initials, t.id),
    index('institutions_street_idx').on(t.street),
    index('institutions_fields_gin').using('gin', t.fields),
  ],
);

export const licences = pgTable(
  'licences',
  {
    id: serial('id').primaryKey(),
    institutionId: integer('institution_id').notNull().references(() => institutions.id, { onDelete: 'cascade' }),
    number: text('number').notNull().unique(),
    /** normaliseLicenceNumber(number) (src/domain/registry/search.ts), for prefix search. */
    numberNorm: text('number_norm').notNull(),
    issuingAuthority: text('issuing_authority').notNull().references(() => departments.code),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    /** 办学内容. */
    scope: text('scope').notNull(),
    address: text('address').notNull(),
    revokedOn: date('revoked_on', { mode: 'string' }),
    revocationReason: text('revocation_reason'),
    asOf: date('as_of', { mode: 'string' }).notNull(),
  },
  (t) => [
    index('licences_institution_idx').on(t.institutionId),
    // With institution_id, the licence-number prefix tier of the search is an index-only scan.
    index('licences_number_norm_pattern').using('btree', sql`${t.numberNorm} text_pattern_ops`, t.institutionId),
  ],
);

/** 公开承诺 (section 六: 亮证经营、公开承诺). */
export const promises = pgTable(
  'promises',
  {
    id: serial('id').primaryKey(),
    institutionId: integer('institution_id').notNull().references(() => institutions.id, { onDelete: 'cascade' }),
    fees: text('fees').notNull(),
    chargingMethod: text('charging_method').notNull(),
    /** The prepaid cap it keeps: no single charge over 3 months, 60 class hours or 5,000 yuan (沪府规〔2019〕43号). */
    prepaidCapMonths: integer('prepaid_cap_months').notNull(),
    prepaidCapHours: integer('prepaid_cap_hours').notNull(),
    prepaidCapYuan: integer('prepaid_cap_yuan').notNull(),
    refundPolicy: text('refund_policy').notNull(),
    /** Latest class end time, 'HH:MM'. */
    classEndTime: text('class_end_time').notNull(),
    staffStatement: text('staff_statement').notNull(),
    madeOn: date('made_on', { mode: 'string' }).notNull(),
  },
  (t) => [index('promises_institution_idx').on(t.institutionId)],
);

/** 资金监管 (section 五(二)). */
export const fundSupervision = pgTable(
  'fund_supervision',
  {
    id: serial('id').primaryKey(),
    institutionId: integer('institution_id').notNull().references(() => institutions.id, { onDelete: 'cascade' }),
    custodyKind: text('custody_kind').notNull(),
    custodianBank: text('custodian_bank'),
    bondInsurer: text('bond_insurer'),
    bondPolicy: text('bond_policy'),
    bondCoverYuan: integer('bond_cover_yuan'),
    prepaidCardFiling: text('prepaid_card_filing'),
    thirdPartyAudit: boolean('third_party_audit').notNull().default(false),
    asOf: date('as_of', { mode: 'string' }).notNull(),
  },
  (t) => [index('fund_supervision_institution_idx').on(t.institutionId)],
);
