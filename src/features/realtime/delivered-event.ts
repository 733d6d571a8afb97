/**
 * What a subscription receives for one event on this instance: the event and what every
 * subscriber of that event shares. Records do not depend on the viewer (the interaction, the
 * alert, everything the loaders read), so they are read once per event instead of once per
 * subscriber; masking and audit still run per subscriber on top of them.
 */
export class DeliveredEvent<T> {
  private readonly shared = new Map<string, unknown>();

  constructor(readonly event: T) {}

  /** The first subscriber's call creates the value (a promise, loaders); the others get it too. */
  once<R>(key: string, create: () => R): R {
    if (this.shared.has(key)) return this.shared.get(key) as R;
    const value = create();
    this.shared.set(key, value);
    return value;
  }
}
