/**
 * Staff accounts, their sessions and the audit log. Sessions live in the database so
 * several server processes share them; only a hash of the session token is stored. The audit log
 * is append-only: a trigger (migration 0005) refuses UPDATE and DELETE, so the application cannot
 * edit or delete what it wrote.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { departments, streets } from './reference';

export const staffUsers = pgTable(
  'staff_users',
  {
    id: serial('id').primaryKey(),
    /** Sign-in name: lower-case letters, digits, dot, dash, underscore. */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    /** STAFF_ROLES in src/domain/staff/staff-roles.ts. */
    role: text('role').notNull(),
    department: text('department').references(() => departments.code),
    street: text('street').references(() => streets.code),
    isManager: boolean('is_manager').notNull().default(false),
    /** argon2id PHC string. */
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Where staff e-mails go (escalations, password notices, the digest); optional, lower-case. */
    email: text('email'),
    /** Whether the person chose the daily digest (src/domain/staff/staff-email.ts); none by default. */
    emailDigest: boolean('email_digest').notNull().default(false),
  },
  (t) => [uniqueIndex('staff_users_username_idx').on(t.username)],
);

export const staffSessions = pgTable(
  'staff_sessions',
  {
    /** SHA-256 of the session token; the token itself is only in the cookie. */
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Absolute timeout: the session ends then, however active. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('staff_sessions_user_idx').on(t.userId)],
);

/** Who did what and when, to cases and accounts; never updated or deleted (trigger). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Null for the system (escalation sweep, CLI). */
    actorId: integer('actor_id').references(() => staffUsers.id),
    /** The actor's username at the time, kept even if the account is renamed. */
    actorName: text('actor_name').notNull(),
    /** e.g. 'case.dispatch', 'case.contact_view', 'user.create', 'user.disable', 'auth.sign_in'. */
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('audit_log_object_idx').on(t.objectType, t.objectId, t.at), index('audit_log_at_idx').on(t.at)],
);
