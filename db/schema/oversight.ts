/** What departments publish about institutions: inspections, list decisions, risk warnings, model contracts. */
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { institutions } from './institutions';
import { departments } from './reference';

export const inspections = pgTable(
  'inspections',
  {
    id: serial('id').primaryKey(),
    institutionId: integer('institution_id').notNull().references(() => institutions.id, { onDelete: 'cascade' }),
    inspectedOn: date('inspected_on', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    department: text('department').notNull().references(() => departments.code),
    /** INSPECTION_ITEMS checked. */
    checkedItems: text('checked_items').array().notNull(),
    findings: text('findings').notNull(),
    result: text('result').notNull(),
    rectifyBy: date('rectify_by', { mode: 'string' }),
    rectificationOutcome: text('rectification_outcome'),
    published: boolean('published').notNull().default(false),
    publishedOn: date('published_on', { mode: 'string' }),
    // The staff write path: `reference` (检查编号) is the key an import upserts by.
    reference: text('reference'),
    inspectors: text('inspectors').array().notNull().default(sql`'{}'::text[]`),
    drawId: integer('draw_id'),
    followedUpOn: date('followed_up_on', { mode: 'string' }),
    recordedBy: integer('recorded_by'),
    /** Four eyes: results are published when a second person of the department approves. */
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedBy: integer('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
  },
  (t) => [
    index('inspections_institution_idx').on(t.institutionId, t.inspectedOn),
    uniqueIndex('inspections_reference_idx').on(t.reference),
    index('inspections_draw_idx').on(t.drawId),
    check('inspections_four_eyes', sql`${t.approvedBy} IS NULL OR ${t.approvedBy} <> ${t.recordedBy}`),
  ],
);

/** A placement on the white or black list; the current status is derived (src/domain/registry/list-status.ts). */
export const listDecisions = pgTable(
  'list_decisions',
  {
    id: serial('id').primaryKey(),
    institutionId: integer('institution_id').notNull().references(() => institutions.id, { onDelete: 'cascade' }),
    list: text('list').notNull(),
    reason: text('reason').notNull(),
    legalBasis: text('legal_basis').notNull(),
    department: text('department').notNull().references(() => departments.code),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    sourceInspectionId: integer('source_inspection_id').references(() => inspections.id, { onDelete: 'set null' }),
    removedOn: date('removed_on', { mode: 'string' }),
    removalReason: text('removal_reason'),
    /** Substantiated complaints behind the decision. */
    sourceComplaintIds: integer('source_complaint_ids').array().notNull().default(sql`'{}'::int[]`),
  },
  (t) => [
    index('list_decisions_institution_idx').on(t.institutionId),
    index('list_decisions_effective_idx').on(t.effectiveOn),
  ],
);

export const riskWarnings = pgTable(
  'risk_warnings',
  {
    id: serial('id').primaryKey(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    severity: text('severity').notNull(),
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
    withdrawnOn: date('withdrawn_on', { mode: 'string' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('risk_warnings_published_idx').on(t.publishedOn)],
);

export const warningInstitutions = pgTable(
  'warning_institutions',
  {
    warningId: integer('warning_id').notNull().references(() => riskWarnings.id, { onDelete: 'cascade' }),
    institutionId: integer('institution_id').notNull().references(() => institutions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.warningId, t.institutionId] }), index('warning_institutions_institution_idx').on(t.institutionId)],
);

/** 示范合同 (section 六(一)). */
export const modelContracts = pgTable('model_contracts', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  /** TRAINING_FIELDS it applies to. */
  fields: text('fields').array().notNull().default(sql`'{}'::text[]`),
  refundWindow: text('refund_window').notNull(),
  feeSupervision: text('fee_supervision').notNull(),
  keyClauses: text('key_clauses').array().notNull(),
  /** File under public/contracts/. */
  fileName: text('file_name').notNull(),
  issuedOn: date('issued_on', { mode: 'string' }).notNull(),
});

/** Facts about the data set itself, e.g. whether it is demo data and when it was generated. */
export const siteMeta = pgTable('site_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
