import type { StanceRow } from './influence.repository';
import { rankStances } from './stance-ranking';

function row(personId: string, influenceScore: number, netSentiment: number): StanceRow {
  return {
    personId,
    influenceScore,
    netSentiment,
    interactions: 1,
    positive: netSentiment > 0 ? 1 : 0,
    negative: netSentiment < 0 ? 1 : 0,
    lastInteractionAt: '2026-11-01T00:00:00.000Z',
  };
}

describe('rankStances', () => {
  const rows = [
    row('loud-critic', 90, -0.2),
    row('angry-nobody', 10, -1),
    row('fan', 40, 0.9),
    row('mild-fan', 80, 0.1),
    row('neutral', 70, 0),
    row('critical-multiplier', 60, -0.9),
  ];

  it('ranks fans by influence × sentiment, highest first, and leaves neutral people out', () => {
    const { fans } = rankStances(rows, 10, 50);
    expect(fans.map((entry) => entry.personId)).toEqual(['fan', 'mild-fan']);
    expect(fans[0]?.stance).toBeCloseTo(36, 9);
  });

  it('ranks critics lowest stance first', () => {
    const { critics } = rankStances(rows, 10, 50);
    expect(critics.map((entry) => entry.personId)).toEqual([
      'critical-multiplier',
      'loud-critic',
      'angry-nobody',
    ]);
  });

  it('puts influential critics on top for the service team, most influential first', () => {
    const { criticalMultipliers } = rankStances(rows, 10, 50);
    expect(criticalMultipliers.map((entry) => entry.personId)).toEqual([
      'loud-critic',
      'critical-multiplier',
    ]);
  });

  it('cuts every list to `first`', () => {
    const ranked = rankStances(rows, 1, 0);
    expect(ranked.fans).toHaveLength(1);
    expect(ranked.critics).toHaveLength(1);
    expect(ranked.criticalMultipliers).toHaveLength(1);
  });
});
