import { monthlyTrend, trendStart } from './sentiment-trend';

describe('monthlyTrend', () => {
  const now = new Date('2026-03-15T12:00:00Z');

  it('starts 23 months before the current month, at midnight UTC on the first', () => {
    expect(trendStart(now).toISOString()).toBe('2024-04-01T00:00:00.000Z');
  });

  it('lists all 24 months oldest first, across year ends, with zeros for empty months', () => {
    const trend = monthlyTrend(
      [
        { month: 202412, interactions: 3, rated: 2, average: 0.5, positive: 1, negative: 0 },
        { month: 202603, interactions: 1, rated: 1, average: -0.8, positive: 0, negative: 1 },
      ],
      now,
    );
    expect(trend).toHaveLength(24);
    expect(trend[0]?.month).toBe('2024-04');
    expect(trend[23]).toEqual({
      month: '2026-03',
      interactions: 1,
      rated: 1,
      averageSentiment: -0.8,
      positive: 0,
      negative: 1,
    });
    expect(trend.find((entry) => entry.month === '2024-12')).toMatchObject({
      interactions: 3,
      averageSentiment: 0.5,
    });
    expect(trend.find((entry) => entry.month === '2025-01')).toEqual({
      month: '2025-01',
      interactions: 0,
      rated: 0,
      averageSentiment: null,
      positive: 0,
      negative: 0,
    });
  });

  it('ignores aggregates outside the window', () => {
    const trend = monthlyTrend(
      [{ month: 202403, interactions: 9, rated: 0, average: null, positive: 0, negative: 0 }],
      now,
    );
    expect(trend.every((entry) => entry.interactions === 0)).toBe(true);
  });
});
