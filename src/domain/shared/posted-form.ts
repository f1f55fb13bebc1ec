/**
 * Reading the values of a posted (or prefilled) form as the body reader gives them: a text field
 * is a string, a checkbox group an array. Pure, so components and pages share it.
 */
export type PostedValues = Record<string, string | string[]>;

/** A posted or prefilled text value. */
export const textOf = (values: PostedValues, name: string): string | undefined => {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
};

/** A posted checkbox group. */
export const listOf = (values: PostedValues, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
};
