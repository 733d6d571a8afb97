/**
 * The properties an update sets, for `SET n += $changes`: only fields the caller gave (undefined
 * means "leave alone"); null removes the property. Field names come from the caller's allow-list,
 * never from input keys.
 */
export function propertyChanges<T extends object>(
  input: T,
  allowed: readonly (keyof T)[],
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const field of allowed) {
    const value = input[field];
    if (value !== undefined) changes[String(field)] = value;
  }
  return changes;
}
