import { pageRequest } from '../../core/pagination/page-request';
import { TieType } from '../ties/tie.type';
import { rankedPage } from './paged-rows';
import { byScore, staffCloseness, staffRelationship } from './staff-closeness';

const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const tie = (id: string, strength: number) => ({
  id,
  type: TieType.KNOWS,
  strength,
  since: null,
  source: null,
  fromPersonId: 'staff-person',
  toPersonId: 'person',
});

describe('staffCloseness', () => {
  it('is the strongest tie alone when nothing was shared', () => {
    const record = staffCloseness(
      { userId: 'u', ties: [tie('t1', 0.3), tie('t2', 0.8)], shared: [] },
      now,
    );
    expect(record).toMatchObject({ score: 80, tieStrength: 0.8, interactionWeight: 0 });
    expect(record.ties.map((t) => t.id)).toEqual(['t2', 't1']);
  });

  it('grows with shared interactions, the recent ones counting more', () => {
    const recent = staffCloseness(
      { userId: 'u', ties: [], shared: [{ id: 'i1', occurredAt: daysAgo(1) }] },
      now,
    );
    const old = staffCloseness(
      { userId: 'u', ties: [], shared: [{ id: 'i1', occurredAt: daysAgo(360) }] },
      now,
    );
    expect(recent.interactionWeight).toBeCloseTo(1 - Math.exp(-1 / 3), 2);
    expect(old.interactionWeight).toBeCloseTo(1 - Math.exp(-0.25 / 3), 2);
  });

  it('combines a tie and shared interactions so that each alone can make someone close', () => {
    const both = staffCloseness(
      {
        userId: 'u',
        ties: [tie('t', 0.5)],
        shared: Array.from({ length: 10 }, (_, index) => ({
          id: `i${index}`,
          occurredAt: daysAgo(index),
        })),
      },
      now,
    );
    expect(both.score).toBeGreaterThan(90);
    expect(both.recentSharedInteractionIds).toEqual(['i0', 'i1', 'i2']);
    expect(both.lastSharedAt).toBe(daysAgo(0));
  });
});

describe('staffRelationship', () => {
  it('combines the closeness to several people of an organization', () => {
    const closeness = (personId: string, strength: number) => ({
      personId,
      closeness: staffCloseness({ userId: 'u', ties: [tie(personId, strength)], shared: [] }, now),
    });
    const relationship = staffRelationship('u', [
      closeness('a', 0.5),
      closeness('b', 0.5),
      closeness('c', 0.2),
    ]);
    expect(relationship).toMatchObject({ id: 'u', score: 80, contacts: 3, ties: 3 });
    expect(relationship.closestContactIds).toEqual(['a', 'b', 'c']);
  });
});

describe('rankedPage', () => {
  const ranked = [
    { id: 'a', score: 90 },
    { id: 'b', score: 50 },
    { id: 'c', score: 50 },
    { id: 'd', score: 10 },
  ].sort(byScore);

  it('pages through a ranking with keyset cursors', () => {
    const first = rankedPage(ranked, pageRequest(2, null));
    expect(first.edges.map((edge) => edge.node.id)).toEqual(['a', 'b']);
    expect(first).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const second = rankedPage(ranked, pageRequest(2, first.pageInfo.endCursor));
    expect(second.edges.map((edge) => edge.node.id)).toEqual(['c', 'd']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a cursor of another kind of list', () => {
    const cursor = Buffer.from(JSON.stringify(['2026-01-01', 'x'])).toString('base64url');
    expect(() => rankedPage(ranked, pageRequest(2, cursor))).toThrow('does not belong');
  });
});
