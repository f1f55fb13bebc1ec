/**
 * "A very common password" (src/domain/staff/staff-account.ts): the long ones that top the leaked-password
 * lists, keyboard runs and repeats, and a well-known word padded with digits and symbols
 * ("Password2026!", "Shanghai@123456"). Twelve characters are required anyway, so only passwords
 * of that length matter here. Pure: no I/O.
 */

/** Whole passwords of 12 or more characters from the top of public leak lists (lower case). */
const COMMON = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456123456', '123123123123', '111111111111',
  '000000000000', '666666666666', '888888888888', '520520520520', '5201314520', '5201314521314',
  '147258369147', '123654789123', '987654321987', '112233445566', '123qweasdzxc', 'qweasdzxc123',
  '1qaz2wsx3edc', '1q2w3e4r5t6y', 'qwertyuiop12', 'qwerty123456', 'qwertyuiopasdfghjkl',
  'zxcvbnmasdfghjkl', 'asdfghjkl123', 'abc123456789', 'abcd12345678', 'abcdefghijkl', 'a1b2c3d4e5f6',
  'iloveyou1234', 'woaini1314520', 'woaini5201314', 'administrator', 'admin1234567', 'admin@123456',
  'welcome12345', 'letmein12345', 'changeme1234', 'trustno1trustno1', 'football1234', 'baseball1234',
  'superman1234', 'princess1234', 'sunshine1234', 'starwars1234', 'computer1234', 'internet1234',
]);

/**
 * Words that, padded only with digits and symbols, make a password anyone would try first.
 * Compared after undoing common letter-for-digit swaps (p@ssw0rd is password).
 */
const BASE_WORDS = new Set([
  'password', 'passwd', 'pass', 'qwerty', 'admin', 'administrator', 'root', 'user', 'test', 'guest',
  'welcome', 'letmein', 'iloveyou', 'woaini', 'wodemima', 'mima', 'changeme', 'default', 'secret',
  'abc', 'abcd', 'abcdef', 'qwe', 'asd', 'zxc', 'qaz', 'china', 'shanghai', 'putuo', 'beijing',
  'staff', 'training', 'portal', 'dispatcher', 'handler', 'supervisor', 'monkey', 'dragon',
]);

/** Keyboard and alphabet runs; a password that is a piece of one (either way round) is common. */
const RUNS = [
  '01234567890123456789012345',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'qazwsxedcrfvtgbyhnujmikolp',
  '1q2w3e4r5t6y7u8i9o0p',
];
const ALL_RUNS = [...RUNS, ...RUNS.map((r) => [...r].reverse().join(''))];

const UNLEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

/** True for a password that is on the list, a run or a repeat, or a base word with padding. */
export function isCommonPassword(password: string): boolean {
  const p = password.normalize('NFKC').toLowerCase();
  if (COMMON.has(p)) return true;
  // "aaaaaaaaaaaa", "abababababab", "121212121212".
  if (new Set(p).size <= 2) return true;
  if (ALL_RUNS.some((run) => run.includes(p))) return true;
  // A word between digits and symbols: "password2026!", "2026@shanghai", "p@ssw0rd1234".
  const core = p.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  const word = [...core].map((c) => UNLEET[c] ?? c).join('');
  return core.length > 0 && !/[\d\W_]/.test(core.replace(/[013457@$!]/g, '')) && BASE_WORDS.has(word);
}
