/**
 * Staff accounts and their database sessions. A session row is keyed by the SHA-256 of
 * its token; the token itself exists only in the browser's cookie. Ending sessions is part of the
 * same transaction as the change that requires it (disabling an account, a new password).
 */
import { and, asc, eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { staffSessions, staffUsers } from '../../schema';
import { DEPARTMENT_CODES, STREET_CODES, type DepartmentCode, type StreetCode } from '../../../src/domain/shared/reference';
import { STAFF_ROLES, type StaffActor, type StaffRole } from '../../../src/domain/staff/staff-roles';
import type { StaffPlacement } from '../../../src/domain/staff/staff-account';

export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  role: string;
  department: string | null;
  street: string | null;
  isManager: boolean;
  disabled: boolean;
  createdAt: Date;
  passwordChangedAt: Date;
}

const userColumns = {
  id: staffUsers.id,
  username: staffUsers.username,
  displayName: staffUsers.displayName,
  role: staffUsers.role,
  department: staffUsers.department,
  street: staffUsers.street,
  isManager: staffUsers.isManager,
  disabled: staffUsers.disabled,
  createdAt: staffUsers.createdAt,
  passwordChangedAt: staffUsers.passwordChangedAt,
};

/**
 * The actor a row stands for, or null when the row is not a usable account: disabled, or a role,
 * department or street the code does not know (never guessed at).
 */
export function actorFromUser(u: StaffUser): StaffActor | null {
  if (u.disabled || !(STAFF_ROLES as readonly string[]).includes(u.role)) return null;
  if (u.department !== null && !(DEPARTMENT_CODES as readonly string[]).includes(u.department)) return null;
  if (u.street !== null && !(STREET_CODES as readonly string[]).includes(u.street)) return null;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as StaffRole,
    department: u.department as DepartmentCode | null,
    street: u.street as StreetCode | null,
    isManager: u.isManager,
  };
}

/** The account with its password hash, for signing in. */
export async function staffUserForSignIn(db: Db, username: string): Promise<(StaffUser & { passwordHash: string }) | null> {
  const [row] = await db.select({ ...userColumns, passwordHash: staffUsers.passwordHash }).from(staffUsers).where(eq(staffUsers.username, username));
  return row ?? null;
}

export async function staffUserById(db: Db, id: number): Promise<StaffUser | null> {
  const [row] = await db.select(userColumns).from(staffUsers).where(eq(staffUsers.id, id));
  return row ?? null;
}

export async function staffUserByUsername(db: Db, username: string): Promise<StaffUser | null> {
  const [row] = await db.select(userColumns).from(staffUsers).where(eq(staffUsers.username, username));
  return row ?? null;
}

/** Every account: active ones first, then by username. */
export function listStaffUsers(db: Db): Promise<StaffUser[]> {
  return db.select(userColumns).from(staffUsers).orderBy(asc(staffUsers.disabled), asc(staffUsers.username));
}

export async function countStaffUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(staffUsers);
  return Number(row?.n ?? 0);
}

export interface NewStaffUser extends StaffPlacement {
  username: string;
  displayName: string;
  passwordHash: string;
}

/** Adds an account; null when the username is taken (the existing account is left alone). */
export async function insertStaffUser(db: Db, u: NewStaffUser): Promise<StaffUser | null> {
  const [row] = await db.insert(staffUsers).values(u).onConflictDoNothing({ target: staffUsers.username }).returning(userColumns);
  return row ?? null;
}

/** Changes role, department, street and manager flag; null when there is no such account. */
export async function updateStaffPlacement(db: Db, id: number, p: StaffPlacement): Promise<StaffUser | null> {
  const [row] = await db
    .update(staffUsers)
    .set({ role: p.role, department: p.department, street: p.street, isManager: p.isManager })
    .where(eq(staffUsers.id, id))
    .returning(userColumns);
  return row ?? null;
}

/** A new password hash; every session of the account ends. False when there is no such account. */
export function updateStaffPassword(db: Db, id: number, passwordHash: string, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const updated = await t.update(staffUsers).set({ passwordHash, passwordChangedAt: now }).where(eq(staffUsers.id, id)).returning({ id: staffUsers.id });
    if (updated.length === 0) return false;
    await t.delete(staffSessions).where(eq(staffSessions.userId, id));
    return true;
  });
}

/** Replaces the hash after a sign-in with outdated argon2 costs; sessions are kept. */
export async function rehashStaffPassword(db: Db, id: number, passwordHash: string): Promise<void> {
  await db.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, id));
}

/** Disables (ending every session in the same transaction) or enables an account. */
export function updateStaffDisabled(db: Db, id: number, disabled: boolean): Promise<boolean> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const updated = await t.update(staffUsers).set({ disabled }).where(eq(staffUsers.id, id)).returning({ id: staffUsers.id });
    if (updated.length === 0) return false;
    if (disabled) await t.delete(staffSessions).where(eq(staffSessions.userId, id));
    return true;
  });
}

export interface SessionRow {
  tokenHash: string;
  userId: number;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export async function insertSession(db: Db, s: SessionRow): Promise<void> {
  await db.insert(staffSessions).values(s);
}

/** A session with its account, in one query. */
export async function sessionWithUser(db: Db, tokenHash: string): Promise<{ session: SessionRow; user: StaffUser } | null> {
  const [row] = await db
    .select({
      session: { tokenHash: staffSessions.tokenHash, userId: staffSessions.userId, createdAt: staffSessions.createdAt, lastSeenAt: staffSessions.lastSeenAt, expiresAt: staffSessions.expiresAt },
      user: userColumns,
    })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
    .where(eq(staffSessions.tokenHash, tokenHash));
  return row ?? null;
}

/** Moves last_seen_at to `now`, unless another request already did after `staleBefore`. */
export async function touchSession(db: Db, tokenHash: string, now: Date, staleBefore: Date): Promise<void> {
  await db
    .update(staffSessions)
    .set({ lastSeenAt: now })
    .where(and(eq(staffSessions.tokenHash, tokenHash), lt(staffSessions.lastSeenAt, staleBefore)));
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash));
}

/** Ends every session of an account; returns how many there were. */
export async function deleteUserSessions(db: Db, userId: number): Promise<number> {
  const gone = await db.delete(staffSessions).where(eq(staffSessions.userId, userId)).returning({ tokenHash: staffSessions.tokenHash });
  return gone.length;
}

/** Removes sessions past their absolute end or idle since before `idleSince`. */
export async function deleteExpiredSessions(db: Db, now: Date, idleSince: Date): Promise<void> {
  await db.delete(staffSessions).where(or(lt(staffSessions.expiresAt, now), lt(staffSessions.lastSeenAt, idleSince)));
}

export async function sessionsOfUser(db: Db, userId: number): Promise<SessionRow[]> {
  return db
    .select({ tokenHash: staffSessions.tokenHash, userId: staffSessions.userId, createdAt: staffSessions.createdAt, lastSeenAt: staffSessions.lastSeenAt, expiresAt: staffSessions.expiresAt })
    .from(staffSessions)
    .where(eq(staffSessions.userId, userId));
}
