import { Field, Float, Int, ObjectType } from 'type-graphql';

/** How many months a sentiment trend covers, the current one included. */
export const TREND_MONTHS = 24;
/** Sentiment above this counts as positive, below its negative as negative; between is neutral. */
export const SENTIMENT_POLARITY_THRESHOLD = 0.2;

/** One month as aggregated in Cypher: `month` is year * 100 + month (UTC), e.g. 202605. */
export interface MonthAggregate {
  month: number;
  interactions: number;
  rated: number;
  average: number | null;
  positive: number;
  negative: number;
}

@ObjectType({ description: 'Interactions and their sentiment in one calendar month (UTC).' })
export class MonthlySentiment {
  @Field({ description: 'YYYY-MM' })
  month!: string;

  @Field(() => Int)
  interactions!: number;

  @Field(() => Int, { description: 'Interactions with a sentiment value.' })
  rated!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean sentiment (−1…1) of the rated ones; null when none was rated.',
  })
  averageSentiment!: number | null;

  @Field(() => Int, { description: `Sentiment above ${SENTIMENT_POLARITY_THRESHOLD}.` })
  positive!: number;

  @Field(() => Int, { description: `Sentiment below −${SENTIMENT_POLARITY_THRESHOLD}.` })
  negative!: number;
}

/** The first instant of the oldest month in the trend window that ends with the month of `now`. */
export function trendStart(now: Date, months: number = TREND_MONTHS): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
}

/** Every month of the window, oldest first, with zeros where nothing happened. */
export function monthlyTrend(
  aggregates: readonly MonthAggregate[],
  now: Date,
  months: number = TREND_MONTHS,
): MonthlySentiment[] {
  const byMonth = new Map(aggregates.map((aggregate) => [aggregate.month, aggregate]));
  const start = trendStart(now, months);
  const trend: MonthlySentiment[] = [];
  for (let offset = 0; offset < months; offset += 1) {
    const monthStart = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + offset, 1));
    const key = monthStart.getUTCFullYear() * 100 + monthStart.getUTCMonth() + 1;
    const found = byMonth.get(key);
    trend.push({
      month: `${monthStart.getUTCFullYear()}-${String(monthStart.getUTCMonth() + 1).padStart(2, '0')}`,
      interactions: found?.interactions ?? 0,
      rated: found?.rated ?? 0,
      averageSentiment: found?.average ?? null,
      positive: found?.positive ?? 0,
      negative: found?.negative ?? 0,
    });
  }
  return trend;
}
