/**
 * Counts Cypher statements sent to Neo4j during one GraphQL operation. Tests read it (through
 * `extensions.diagnostics.dbRoundTrips`) to prove that nested fields are batched, not N+1. A second
 * one counts transactions retried after transient errors (`extensions.diagnostics.dbRetries`).
 */
export class RoundTripCounter {
  private count = 0;

  increment(): void {
    this.count += 1;
  }

  get value(): number {
    return this.count;
  }
}
