/**
 * Rules between cells of one row (an expiry after the issue date, say), added to a row's zod
 * schema. Each rule runs whenever the cells it reads parsed, even if other cells of the row did
 * not, so a row with a bad credit code and an expiry before its issue date shows both problems at
 * once instead of the second only after the first was fixed.
 */
import type { z } from 'zod';

export interface RowRule<R> {
  /** Cells the rule reads; it is skipped if one of them is invalid. */
  uses: readonly (keyof R & string)[];
  /** The cell the problem is reported on. */
  report: keyof R & string;
  /** The reason in Chinese, or null when the row keeps the rule. */
  check(row: R): string | null;
}

/** The schema with every rule attached. */
export function withRules<S extends z.ZodObject>(schema: S, rules: readonly RowRule<z.output<S>>[]): S {
  let out = schema;
  for (const rule of rules) {
    out = out.superRefine(
      (row, ctx) => {
        const message = rule.check(row);
        if (message !== null) ctx.addIssue({ code: 'custom', path: [rule.report], message });
      },
      { when: (payload) => !payload.issues.some((i) => (rule.uses as readonly string[]).includes(String(i.path?.[0]))) },
    );
  }
  return out;
}
