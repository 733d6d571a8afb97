import { advanceCursor, type LinkJournalEntry } from './link-journal';

const OVERLAP = 10_000;

function entry(elementId: string, at: number): LinkJournalEntry {
  return {
    elementId,
    at,
    people: [],
    accounts: [],
    interactions: [],
    organizations: [],
    reset: false,
  };
}

describe('advanceCursor', () => {
  const start = { watermark: 100_000, seen: new Map<string, number>() };

  it('moves to the read time when caught up, remembering the entries inside the overlap', () => {
    const cursor = advanceCursor(
      start,
      [entry('a', 95_000), entry('b', 112_000)],
      120_000,
      false,
      OVERLAP,
    );
    expect(cursor.watermark).toBe(120_000);
    expect([...cursor.seen]).toEqual([['b@112000', 112_000]]);
  });

  it('stops at the last entry returned when there is more', () => {
    const cursor = advanceCursor(
      start,
      [entry('a', 101_000), entry('b', 103_000)],
      120_000,
      true,
      OVERLAP,
    );
    expect(cursor.watermark).toBe(103_000);
    expect([...cursor.seen.keys()]).toEqual(['a@101000', 'b@103000']);
  });

  it('never goes back, and forgets what left the overlap', () => {
    const before = { watermark: 100_000, seen: new Map([['old@89000', 89_000]]) };
    const cursor = advanceCursor(before, [entry('late', 92_000)], 99_000, true, OVERLAP);
    expect(cursor.watermark).toBe(100_000);
    expect([...cursor.seen.keys()]).toEqual(['late@92000']);
  });

  it('does not pass the read time for an entry that committed while it ran', () => {
    const cursor = advanceCursor(start, [entry('a', 121_000)], 120_000, true, OVERLAP);
    expect(cursor.watermark).toBe(120_000);
    expect(cursor.seen.has('a@121000')).toBe(true);
  });
});
