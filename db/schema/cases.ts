/**
 * The working side of a complaint case: which departments are on it, the assisting
 * departments' parts, and the street's whistles (街镇吹哨) with each named department's report.
 * The case itself is the complaints row (status, current route, deadline); every change is an
 * event in complaint_events (append-only).
 */
import { index, integer, pgTable, primaryKey, serial, text, timestamp, date } from 'drizzle-orm/pg-core';
import { complaints } from './complaints';
import { departments, streets } from './reference';
import { staffUsers } from './staff';

/** The assisting departments of a case's current route, each with its own sub-deadline and part. */
export const caseContributions = pgTable(
  'case_contributions',
  {
    complaintId: integer('complaint_id')
      .notNull()
      .references(() => complaints.id, { onDelete: 'cascade' }),
    department: text('department')
      .notNull()
      .references(() => departments.code),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    text: text('text'),
    contributedAt: timestamp('contributed_at', { withTimezone: true }),
    contributedBy: integer('contributed_by').references(() => staffUsers.id),
  },
  (t) => [primaryKey({ columns: [t.complaintId, t.department] })],
);

/** 街镇吹哨: a street names departments that must report in on a case by a time. */
export const caseWhistles = pgTable(
  'case_whistles',
  {
    id: serial('id').primaryKey(),
    complaintId: integer('complaint_id')
      .notNull()
      .references(() => complaints.id, { onDelete: 'cascade' }),
    street: text('street')
      .notNull()
      .references(() => streets.code),
    calledBy: integer('called_by')
      .notNull()
      .references(() => staffUsers.id),
    calledAt: timestamp('called_at', { withTimezone: true }).notNull().defaultNow(),
    reportBy: date('report_by', { mode: 'string' }).notNull(),
    note: text('note').notNull(),
  },
  (t) => [index('case_whistles_complaint_idx').on(t.complaintId)],
);

/** 部门报到: one row per department named by a whistle; reported when it has answered. */
export const caseWhistleReports = pgTable(
  'case_whistle_reports',
  {
    whistleId: integer('whistle_id')
      .notNull()
      .references(() => caseWhistles.id, { onDelete: 'cascade' }),
    department: text('department')
      .notNull()
      .references(() => departments.code),
    finding: text('finding'),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    reportedBy: integer('reported_by').references(() => staffUsers.id),
  },
  (t) => [primaryKey({ columns: [t.whistleId, t.department] }), index('case_whistle_reports_department_idx').on(t.department)],
);
