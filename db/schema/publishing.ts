/**
 * The staff write path of what departments publish. Proposals and drafts live in tables
 * of their own, and only an approved item is written to the public tables (oversight.ts): a public
 * query cannot show a draft by forgetting a filter. Four eyes: the approver is never the proposer
 * (checked by the service, and by a CHECK constraint here).
 */
import { sql } from 'drizzle-orm';
import { boolean, check, customType, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { institutions } from './institutions';
import { listDecisions, modelContracts, riskWarnings } from './oversight';
import { departments } from './reference';
import { staffUsers } from './staff';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** A department's pool of inspectors for double-random draws (执法检查人员库). */
export const inspectors = pgTable(
  'inspectors',
  {
    id: serial('id').primaryKey(),
    department: text('department')
      .notNull()
      .references(() => departments.code),
    /** 执法证号: the identifier published with a draw. */
    badgeNumber: text('badge_number').notNull(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('inspectors_badge_idx').on(t.badgeNumber), index('inspectors_department_idx').on(t.department)],
);

/** A published double-random draw: seed, frozen population and result, so anyone can re-run it. */
export const inspectionDraws = pgTable(
  'inspection_draws',
  {
    id: serial('id').primaryKey(),
    department: text('department')
      .notNull()
      .references(() => departments.code),
    algorithm: text('algorithm').notNull(),
    seed: text('seed').notNull(),
    filters: jsonb('filters').notNull(),
    size: integer('size').notNull(),
    /** Credit codes of the population at the moment of the draw, sorted. */
    population: text('population').array().notNull(),
    /** Badge numbers and names of the pool at the moment of the draw. */
    pool: jsonb('pool').notNull(),
    /** [{ creditCode, name, inspectors: [{ id, name }] }] in draw order. */
    result: jsonb('result').notNull(),
    plannedOn: date('planned_on', { mode: 'string' }).notNull(),
    drawnBy: integer('drawn_by')
      .notNull()
      .references(() => staffUsers.id),
    drawnAt: timestamp('drawn_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inspection_draws_department_idx').on(t.department, t.drawnAt)],
);

/** Proposals to add an institution to a list or to remove a decision; approved ones become list_decisions rows. */
export const listProposals = pgTable(
  'list_proposals',
  {
    id: serial('id').primaryKey(),
    /** 'add' or 'remove'. */
    kind: text('kind').notNull(),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    /** 'white' or 'black' (for 'remove', the list of the decision removed). */
    list: text('list').notNull(),
    reason: text('reason').notNull(),
    legalBasis: text('legal_basis').notNull(),
    department: text('department')
      .notNull()
      .references(() => departments.code),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    sourceInspectionIds: integer('source_inspection_ids').array().notNull().default(sql`'{}'::int[]`),
    sourceComplaintIds: integer('source_complaint_ids').array().notNull().default(sql`'{}'::int[]`),
    /** For 'remove': the decision removed; for 'add', once approved: the decision created. */
    decisionId: integer('decision_id').references(() => listDecisions.id),
    /** 'pending', 'approved' or 'rejected'. */
    status: text('status').notNull().default('pending'),
    proposedBy: integer('proposed_by')
      .notNull()
      .references(() => staffUsers.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: integer('reviewed_by').references(() => staffUsers.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
  },
  (t) => [
    index('list_proposals_status_idx').on(t.department, t.status),
    check('list_proposals_four_eyes', sql`${t.reviewedBy} IS NULL OR ${t.reviewedBy} <> ${t.proposedBy}`),
  ],
);

/** Risk warnings being written; publishing copies one into risk_warnings. */
export const warningDrafts = pgTable('warning_drafts', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  severity: text('severity').notNull(),
  institutionIds: integer('institution_ids').array().notNull().default(sql`'{}'::int[]`),
  department: text('department')
    .notNull()
    .references(() => departments.code),
  createdBy: integer('created_by')
    .notNull()
    .references(() => staffUsers.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** Set when published: the public warning it became. */
  warningId: integer('warning_id').references(() => riskWarnings.id),
});

/** Uploaded model contract files; served instead of the bundled file when present. */
export const contractFiles = pgTable('contract_files', {
  contractId: integer('contract_id')
    .primaryKey()
    .references(() => modelContracts.id, { onDelete: 'cascade' }),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  content: bytea('content').notNull(),
  sha256: text('sha256').notNull(),
  uploadedBy: integer('uploaded_by')
    .notNull()
    .references(() => staffUsers.id),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Files checked by a dry run on /staff/import, kept until their uploader confirms the import (or
 * 30 minutes pass): in the database, so a confirmation reaching another server process or coming
 * after a restart still finds the very file that was checked.
 */
export const pendingImports = pgTable(
  'pending_imports',
  {
    staffId: integer('staff_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    kind: text('kind').notNull(),
    encoding: text('encoding').notNull(),
    fileName: text('file_name').notNull(),
    content: bytea('content').notNull(),
    storedAt: timestamp('stored_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.sha256] }), index('pending_imports_stored_idx').on(t.storedAt)],
);
