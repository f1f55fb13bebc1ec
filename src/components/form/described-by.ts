/**
 * The one id convention of the form fields (src/components/form/): a field's hint is `<id>-hint`,
 * its message is `<id>-error`, and the control names both in aria-describedby (STYLE.md habit 3),
 * so the error summary's link to `#<id>` lands on a control that reads out why it is wrong.
 */

/** The hint's id of a field. */
export const hintId = (id: string) => `${id}-hint`;

/** The message's id of a field. */
export const errorId = (id: string) => `${id}-error`;

/**
 * The aria-describedby of a control: its hint, its message while one stands, and any other ids
 * (a line an island fills in, a note above the form); undefined when nothing describes it.
 */
export function describedBy(id: string, has: { hint?: unknown; error?: unknown }, ...also: (string | undefined)[]): string | undefined {
  return [has.hint ? hintId(id) : undefined, has.error ? errorId(id) : undefined, ...also].filter(Boolean).join(' ') || undefined;
}
