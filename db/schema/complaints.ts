/**
 * The complaint channel (plan, section 五(四)). Contact details live in their own table so that no
 * public query can select them by accident; the timeline is append-only events, of which the
 * public sees a redacted view.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { institutions } from './institutions';
import { departments, streets } from './reference';
import { staffUsers } from './staff';

export const complaints = pgTable(
  'complaints',
  {
    id: serial('id').primaryKey(),
    /** PT-2026-000123: year of receipt and the year's sequence tracking_numbers_<year> (db/migrations/0009). */
    trackingNumber: text('tracking_number').notNull().unique(),
    /** The form's idempotency key: a retried or replayed post finds the complaint it already made. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** SHA-256 of the canonical submitted fields: the same key with other content is refused. */
    payloadHash: text('payload_hash').notNull(),
    /** SHA-256 (with the server secret) of the access code; the code itself is never stored. */
    accessCodeHash: text('access_code_hash').notNull(),
    channel: text('channel').notNull(),
    institutionId: integer('institution_id').references(() => institutions.id, { onDelete: 'set null' }),
    notListedName: text('not_listed_name'),
    notListedAddress: text('not_listed_address'),
    street: text('street').references(() => streets.code),
    category: text('category').notNull(),
    suggestedCategory: text('suggested_category'),
    description: text('description').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }),
    moneyYuan: integer('money_yuan'),
    peopleAffected: integer('people_affected'),
    filerRole: text('filer_role').notNull(),
    status: text('status').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** The routing table version that suggested the route: later rule changes leave it as it was. */
    routingVersion: text('routing_version').notNull(),
    routeLead: text('route_lead').notNull().references(() => departments.code),
    routeAssisting: text('route_assisting').array().notNull().default(sql`'{}'::text[]`),
    routeInform: text('route_inform').array().notNull().default(sql`'{}'::text[]`),
    routeReasons: text('route_reasons').array().notNull().default(sql`'{}'::text[]`),
    coordinatedBy: text('coordinated_by'),
    /** Set when a case is closed: substantiated / partly / not_substantiated / not_our_duty / withdrawn. */
    result: text('result'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    answeredOnTime: boolean('answered_on_time'),
    // The working case. The suggested route above stays as routing gave it; the
    // current route is what the dispatcher (or the coordinator) decided.
    lead: text('lead').references(() => departments.code),
    assisting: text('assisting').array().notNull().default(sql`'{}'::text[]`),
    /** Times the lead department returned the case; at two it goes to coordination. */
    returns: integer('returns').notNull().default(0),
    /** Ever sent to 区教育局 for coordination. */
    coordination: boolean('coordination').notNull().default(false),
    /** While awaiting_info: the status to go back to and the day the case was sent back. */
    pausedFrom: text('paused_from'),
    pausedOn: date('paused_on', { mode: 'string' }),
    /** A duplicate points at the open case it was merged into. */
    duplicateOf: integer('duplicate_of'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** Set once when the overdue case was raised to the supervisor and the lead's manager. */
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    /** Patrol reports: the grid staff account that filed it. */
    filedBy: integer('filed_by'),
    /** What a substantiated complaint led to. */
    linkedInspectionId: integer('linked_inspection_id'),
    linkedListDecisionId: integer('linked_list_decision_id'),
  },
  (t) => [
    index('complaints_institution_idx').on(t.institutionId),
    index('complaints_status_idx').on(t.status, t.receivedAt),
    index('complaints_received_idx').on(t.receivedAt),
    index('complaints_lead_idx').on(t.lead, t.status),
    index('complaints_street_idx').on(t.street, t.status),
    index('complaints_duplicate_idx').on(t.duplicateOf),
  ],
);

/** Personal data of the filer: only staff on the case may read it (logged), never a public page. */
export const complaintContacts = pgTable('complaint_contacts', {
  complaintId: integer('complaint_id').primaryKey().references(() => complaints.id, { onDelete: 'cascade' }),
  phone: text('phone').notNull(),
  name: text('name'),
  consentToContact: boolean('consent_to_contact').notNull(),
});

/** Append-only timeline; `publicNote` is what the tracking page may show (no personal data, no staff names). */
export const complaintEvents = pgTable(
  'complaint_events',
  {
    id: serial('id').primaryKey(),
    complaintId: integer('complaint_id').notNull().references(() => complaints.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    kind: text('kind').notNull(),
    isPublic: boolean('is_public').notNull().default(true),
    publicNote: text('public_note'),
    actor: text('actor'),
    /** The staff account that acted; null for the complainant and the system. */
    actorId: integer('actor_id'),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    /** The case fields the event changed, as they were and as they became. */
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('complaint_events_complaint_idx').on(t.complaintId, t.at)],
);

/**
 * Rate limits as logs of hit times, one row per key (db/queries/shared/rate-limits.ts): the sliding
 * window and growing-delay arithmetic reads them (src/domain/shared/sliding-window.ts). Keys are
 * HMACs: no IP address, phone number, tracking number or typed account name is stored. `version`
 * makes every change a compare-and-set, so processes sharing the database count together.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    hits: timestamp('hits', { withTimezone: true }).array().notNull(),
    version: integer('version').notNull().default(1),
    /** When the newest hit leaves the window: the row can be forgotten after that. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limits_expires_idx').on(t.expiresAt)],
);

/** Captcha solutions already used: a solved challenge counts once. */
export const captchaReplays = pgTable('captcha_replays', {
  signature: text('signature').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * Every message the portal sends (SMS to filers, e-mail to staff) and its delivery state
 * (src/domain/messages/message-states.ts): queued → sending → delivered, failed (to be retried) or
 * dead. A message is a registered template with parameters (src/domain/messages/message-templates.ts),
 * never free text. The row is written in the transaction of what caused it (the complaint's intake
 * statement, an escalation); the pg-boss job that delivers it carries only its id
 * (src/server/messages/). After MESSAGE_RETENTION_DAYS a delivered message's recipient and
 * parameters are blanked (purged_at), its state and dates kept for statistics.
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: serial('id').primaryKey(),
    complaintId: integer('complaint_id').references(() => complaints.id, { onDelete: 'cascade' }),
    /** The staff account an e-mail is for (its address is read again on retry). */
    staffId: integer('staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    /** 'sms' or 'email'. */
    channel: text('channel').notNull(),
    /** MessageTemplate. */
    template: text('template').notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull().default({}),
    /** Mobile number or e-mail address; '' once purged, or when a staff account had no address. */
    recipient: text('recipient').notNull(),
    /** MessageState: queued, sending, delivered, failed, dead. */
    state: text('state').notNull().default('queued'),
    /** Sends tried (a send cut off by a crash counts too). */
    attempts: integer('attempts').notNull().default(0),
    /** Why the last attempt failed, or why the message is dead. */
    lastError: text('last_error'),
    /** For a failed message: about when the queue tries again. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** The gateway's id of the delivered message (BizId, SerialNo, SMTP message id). */
    providerId: text('provider_id'),
    /** The pg-boss job that holds the message while it is being sent. */
    jobId: text('job_id'),
    /**
     * When the relay last handed it to the queue (it had no job a minute after commit). Keeps the
     * relay from queueing the same waiting message again every minute while a backlog drains.
     */
    relayedAt: timestamp('relayed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the state last changed. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the gateway accepted it (state delivered). */
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** When the recipient and parameters were blanked (retention). */
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (t) => [
    index('notification_outbox_state_idx').on(t.state, t.createdAt),
    index('notification_outbox_complaint_idx').on(t.complaintId),
    index('notification_outbox_created_idx').on(t.createdAt),
  ],
);

/** Registered channels (e.g. the 12345 hotline) that post through Open311 with an API key. */
export const apiClients = pgTable(
  'api_clients',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    channel: text('channel').notNull(),
    keyHash: text('key_hash').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('api_clients_key_hash_idx').on(t.keyHash)],
);
