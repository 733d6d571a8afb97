/**
 * Groups items by a key, keeping their order within each group: how batched (UNWIND) query
 * results are handed back to DataLoaders per parent. Items whose key is null are left out.
 */
export function groupBy<T>(
  items: Iterable<T>,
  keyOf: (item: T) => string | null,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}
