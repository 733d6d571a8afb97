/** A small seeded generator (mulberry32): the same sequence on every run for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 0…n-1 in an order shuffled by `random` (Fisher–Yates). */
export function shuffledRange(n: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, index) => index);
  for (let index = n - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    const kept = order[index] ?? index;
    order[index] = order[other] ?? other;
    order[other] = kept;
  }
  return order;
}
