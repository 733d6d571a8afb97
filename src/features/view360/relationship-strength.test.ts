import {
  relationshipStrength,
  type RelationshipStats,
  StrengthFactor,
  STRENGTH_WEIGHTS,
} from './relationship-strength';

const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

const none: RelationshipStats = {
  lastInteractionAt: null,
  interactionsInYear: 0,
  answeredInYear: 0,
  ratedInYear: 0,
  averageSentimentInYear: null,
};

function valueOf(stats: RelationshipStats, factor: StrengthFactor): number {
  const part = relationshipStrength(stats, now).components.find((c) => c.factor === factor);
  if (part === undefined) throw new Error(`no ${factor}`);
  return part.value;
}

describe('relationshipStrength', () => {
  it('is 0 without any interaction, with every factor explained', () => {
    const strength = relationshipStrength(none, now);
    expect(strength.score).toBe(0);
    expect(strength.components.map((c) => c.factor)).toEqual([
      'RECENCY',
      'FREQUENCY',
      'RECIPROCITY',
      'SENTIMENT',
    ]);
    expect(strength.components.every((c) => c.explanation.length > 0)).toBe(true);
  });

  it('weights add up to 1, so a perfect relationship scores 100', () => {
    expect(Object.values(STRENGTH_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    const perfect = relationshipStrength(
      {
        lastInteractionAt: now.toISOString(),
        interactionsInYear: 40,
        answeredInYear: 40,
        ratedInYear: 40,
        averageSentimentInYear: 1,
      },
      now,
    );
    expect(perfect.score).toBe(100);
  });

  it('recency halves every 90 days', () => {
    const at = (days: number) =>
      valueOf({ ...none, lastInteractionAt: daysAgo(days) }, StrengthFactor.RECENCY);
    expect(at(0)).toBe(1);
    expect(at(90)).toBeCloseTo(0.5, 3);
    expect(at(180)).toBeCloseTo(0.25, 3);
  });

  it('frequency grows with diminishing returns and is full at 24 a year', () => {
    const at = (count: number) =>
      valueOf({ ...none, interactionsInYear: count }, StrengthFactor.FREQUENCY);
    expect(at(0)).toBe(0);
    expect(at(1)).toBeGreaterThan(0.2);
    expect(at(12) - at(6)).toBeLessThan(at(6) - at(0));
    expect(at(24)).toBe(1);
    expect(at(100)).toBe(1);
  });

  it('reciprocity is the share answered; sentiment maps −1…1 to 0…1, neutral when unrated', () => {
    const stats = { ...none, interactionsInYear: 4, answeredInYear: 3 };
    expect(valueOf(stats, StrengthFactor.RECIPROCITY)).toBe(0.75);
    expect(valueOf(stats, StrengthFactor.SENTIMENT)).toBe(0.5);
    expect(
      valueOf({ ...stats, ratedInYear: 2, averageSentimentInYear: -0.5 }, StrengthFactor.SENTIMENT),
    ).toBe(0.25);
  });

  it('shows a mean sentiment near zero as +0.00, whatever its floating-point sign', () => {
    const explanation = (average: number) =>
      relationshipStrength(
        { ...none, interactionsInYear: 2, ratedInYear: 2, averageSentimentInYear: average },
        now,
      ).components.find((c) => c.factor === StrengthFactor.SENTIMENT)?.explanation;
    expect(explanation(-0.0001)).toBe(explanation(0.0001));
    expect(explanation(-0.0001)).toContain('+0.00');
    expect(explanation(-0.5)).toContain('−0.50');
  });

  it('the score is the sum of the components’ points', () => {
    const strength = relationshipStrength(
      {
        lastInteractionAt: daysAgo(10),
        interactionsInYear: 5,
        answeredInYear: 2,
        ratedInYear: 3,
        averageSentimentInYear: 0.4,
      },
      now,
    );
    const sum = strength.components.reduce((total, c) => total + c.points, 0);
    expect(strength.score).toBe(Math.round(sum));
    expect(strength.score).toBeGreaterThan(0);
    expect(strength.score).toBeLessThan(100);
  });
});
