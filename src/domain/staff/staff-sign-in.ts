/**
 * The staff sign-in form (/staff/sign-in) and where to go after it. Nothing here says whether an
 * account exists: the form only asks that both fields are filled in; the server answers a wrong
 * name and a wrong password with the same sentence (src/server/staff/staff-sign-in.ts).
 */
import { z } from 'zod';
import { fieldErrors, formValues, type FieldError } from '../shared/form-fields';

export const SIGN_IN_FIELDS = ['username', 'password'] as const;
export const STAFF_HOME = '/staff';
export const SIGN_IN_PATH = '/staff/sign-in';
export const SIGN_OUT_PATH = '/staff/sign-out';

/** Longer input cannot be an account's (usernames have 32 characters, passwords 128). */
const MAX = { username: 64, password: 256 } as const;

export interface SignInInput {
  /** Lower case, trimmed: usernames are lower case, and phones capitalise the first letter. */
  username: string;
  password: string;
  /** A same-site path to return to (safeNextPath). */
  next: string;
}

const schema = z.preprocess(
  (input) => (input !== null && typeof input === 'object' ? formValues(input as Record<string, unknown>) : input),
  z.object(
    {
      username: z.preprocess(
        (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
        z.string({ error: '请填写用户名。' }).max(MAX.username, '用户名或密码不正确。'),
      ),
      password: z.preprocess((v) => (v === '' ? undefined : v), z.string({ error: '请填写密码。' }).max(MAX.password, '用户名或密码不正确。')),
      next: z.unknown().optional().transform((v) => safeNextPath(v)),
    },
    { error: '提交的内容不是登录表单。' },
  ),
);

export function parseSignInForm(input: unknown): { ok: true; value: SignInInput } | { ok: false; errors: FieldError[] } {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error.issues, SIGN_IN_FIELDS) };
}

/**
 * `next` as a path on this site, or the staff home. Only a path beginning with one "/" is taken
 * (not "//evil.example" or "/\evil.example", which browsers read as another host), without control
 * characters, and never the sign-in or sign-out pages themselves.
 */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 512) return STAFF_HOME;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\') || /\p{Cc}/u.test(raw)) return STAFF_HOME;
  const base = 'http://portal.invalid';
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return STAFF_HOME;
  }
  if (url.origin !== base) return STAFF_HOME;
  if (url.pathname === SIGN_IN_PATH || url.pathname === SIGN_OUT_PATH) return STAFF_HOME;
  return `${url.pathname}${url.search}`;
}

/** The sign-in page's address that returns to `path` afterwards. */
export function signInLocation(path: string): string {
  return `${SIGN_IN_PATH}?next=${encodeURIComponent(safeNextPath(path))}`;
}
