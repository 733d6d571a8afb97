import DataLoader from 'dataloader';

/**
 * DataLoaders for a field with arguments: the arguments shape the query, so each distinct argument
 * set gets its own loader (and batch) within an operation. Arguments must be JSON-serialisable.
 */
export function loadersPerArguments<A, V>(
  batch: (args: A, ids: readonly string[]) => Promise<Map<string, V>>,
  missing: (id: string) => V,
): (args: A) => DataLoader<string, V> {
  const loaders = new Map<string, DataLoader<string, V>>();
  return (args) => {
    const key = JSON.stringify(args);
    let loader = loaders.get(key);
    if (loader === undefined) {
      loader = new DataLoader<string, V>(async (ids) => {
        const found = await batch(args, ids);
        return ids.map((id) => found.get(id) ?? missing(id));
      });
      loaders.set(key, loader);
    }
    return loader;
  };
}
