import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

/**
 * How strong the relationship between our company and a person is, 0–100, and why. Affinity scores
 * recency and frequency of contact; Dynamics' relationship health adds sentiment. This score adds
 * reciprocity (do we answer them?) and returns every factor with its weight and the facts behind
 * it, so that a user can see why a relationship is weak and what would strengthen it.
 */
export enum StrengthFactor {
  RECENCY = 'RECENCY',
  FREQUENCY = 'FREQUENCY',
  RECIPROCITY = 'RECIPROCITY',
  SENTIMENT = 'SENTIMENT',
}

registerEnumType(StrengthFactor, {
  name: 'StrengthFactor',
  description: 'One factor of the relationship strength.',
});

/** Weights of the factors; they add up to 1, so the score is their weighted mean × 100. */
export const STRENGTH_WEIGHTS: Readonly<Record<StrengthFactor, number>> = {
  [StrengthFactor.RECENCY]: 0.35,
  [StrengthFactor.FREQUENCY]: 0.3,
  [StrengthFactor.RECIPROCITY]: 0.2,
  [StrengthFactor.SENTIMENT]: 0.15,
};

/** Recency halves every this many days without an interaction. */
export const RECENCY_HALF_LIFE_DAYS = 90;
/** Interactions with us per year that count as full frequency (twice a month). */
export const FULL_FREQUENCY_PER_YEAR = 24;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the score is computed from: the person's interactions *with us* (classic ones, and social
 * ones that our staff handled or that are about or mention our company or products), counted over
 * the last twelve months except for the last one, which may be older.
 */
export interface RelationshipStats {
  lastInteractionAt: string | null;
  interactionsInYear: number;
  /** Of those, handled by a member of staff or answered by one (a reply). */
  answeredInYear: number;
  ratedInYear: number;
  averageSentimentInYear: number | null;
}

@ObjectType({ description: 'One factor of the relationship strength, with the facts behind it.' })
export class StrengthComponent {
  @Field(() => StrengthFactor)
  factor!: StrengthFactor;

  @Field(() => Float, { description: 'The factor on its own, 0…1.' })
  value!: number;

  @Field(() => Float, { description: 'Its share of the score; the weights add up to 1.' })
  weight!: number;

  @Field(() => Float, { description: 'Points it adds to the score: value × weight × 100.' })
  points!: number;

  @Field({ description: 'The facts behind the value, in words.' })
  explanation!: string;
}

@ObjectType({
  description:
    'How strong the relationship between our company and the person is, 0–100: the sum of the points of its components.',
})
export class RelationshipStrength {
  @Field(() => Int)
  score!: number;

  @Field(() => [StrengthComponent])
  components!: StrengthComponent[];

  @Field(() => String, {
    nullable: true,
    description: 'The last interaction with us (ISO date-time); null when there was none.',
  })
  lastInteractionAt!: string | null;

  @Field(() => Int, { description: 'Interactions with us in the last twelve months.' })
  interactionsInYear!: number;
}

function component(factor: StrengthFactor, value: number, explanation: string): StrengthComponent {
  const weight = STRENGTH_WEIGHTS[factor];
  const bounded = Math.min(1, Math.max(0, value));
  return {
    factor,
    value: round(bounded, 3),
    weight,
    points: round(bounded * weight * 100, 1),
    explanation,
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function recency(stats: RelationshipStats, now: Date): StrengthComponent {
  if (stats.lastInteractionAt === null) {
    return component(StrengthFactor.RECENCY, 0, 'No interaction with us yet');
  }
  const days = Math.max(0, (now.getTime() - Date.parse(stats.lastInteractionAt)) / DAY_MS);
  return component(
    StrengthFactor.RECENCY,
    0.5 ** (days / RECENCY_HALF_LIFE_DAYS),
    `Last interaction with us ${plural(Math.floor(days), 'day')} ago; this factor halves every ${RECENCY_HALF_LIFE_DAYS} days`,
  );
}

function frequency(stats: RelationshipStats): StrengthComponent {
  const count = stats.interactionsInYear;
  // Logarithmic: the first interactions of a year matter most, the 30th adds little.
  const value = Math.log1p(count) / Math.log1p(FULL_FREQUENCY_PER_YEAR);
  return component(
    StrengthFactor.FREQUENCY,
    value,
    `${plural(count, 'interaction')} with us in the last 12 months; ${FULL_FREQUENCY_PER_YEAR} or more count fully`,
  );
}

function reciprocity(stats: RelationshipStats): StrengthComponent {
  const count = stats.interactionsInYear;
  if (count === 0) {
    return component(
      StrengthFactor.RECIPROCITY,
      0,
      'No interactions with us in the last 12 months',
    );
  }
  return component(
    StrengthFactor.RECIPROCITY,
    stats.answeredInYear / count,
    `${stats.answeredInYear} of ${plural(count, 'interaction')} in the last 12 months handled or answered by our staff`,
  );
}

function sentiment(stats: RelationshipStats): StrengthComponent {
  if (stats.interactionsInYear === 0) {
    return component(StrengthFactor.SENTIMENT, 0, 'No interactions with us in the last 12 months');
  }
  if (stats.ratedInYear === 0 || stats.averageSentimentInYear === null) {
    return component(
      StrengthFactor.SENTIMENT,
      0.5,
      'No interaction of the last 12 months has a sentiment; counted as neutral',
    );
  }
  const average = stats.averageSentimentInYear;
  // Rounded before the sign is chosen, so that a mean of −0.001 reads +0.00, not −0.00.
  const shown = Math.round(average * 100) / 100;
  const signed = `${shown < 0 ? '−' : '+'}${Math.abs(shown).toFixed(2)}`;
  return component(
    StrengthFactor.SENTIMENT,
    (average + 1) / 2,
    `Average sentiment ${signed} over ${plural(stats.ratedInYear, 'rated interaction')} in the last 12 months`,
  );
}

export function relationshipStrength(stats: RelationshipStats, now: Date): RelationshipStrength {
  const components = [recency(stats, now), frequency(stats), reciprocity(stats), sentiment(stats)];
  const total = components.reduce((sum, part) => sum + part.points, 0);
  return {
    score: Math.min(100, Math.max(0, Math.round(total))),
    components,
    lastInteractionAt: stats.lastInteractionAt,
    interactionsInYear: stats.interactionsInYear,
  };
}
