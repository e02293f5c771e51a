/** Drops undefined values, so optional fields are absent rather than set to undefined. */
export function definedOnly<T extends Record<string, string | number | undefined>>(
  values: T,
): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  const result: Record<string, string | number> = {};
  for (const key in values) {
    const value = values[key];
    if (value !== undefined) result[key] = value;
  }
  return result as Partial<{ [K in keyof T]: Exclude<T[K], undefined> }>;
}
