import type { StanceRow } from './influence.repository';

export interface RankedStance extends StanceRow {
  /** Influence × net sentiment: −100 … 100. */
  stance: number;
}

export interface RankedStances {
  criticalMultipliers: RankedStance[];
  fans: RankedStance[];
  critics: RankedStance[];
}

function strongestFirst(a: RankedStance, b: RankedStance): number {
  return b.stance - a.stance || a.personId.localeCompare(b.personId);
}

function weakestFirst(a: RankedStance, b: RankedStance): number {
  return a.stance - b.stance || a.personId.localeCompare(b.personId);
}

/**
 * Fans have a positive stance, critics a negative one; each list holds the `first` strongest.
 * Critical multipliers are critics with at least `criticalMinInfluence`, the most influential
 * first, because the service team answers them before anyone else.
 */
export function rankStances(
  rows: readonly StanceRow[],
  first: number,
  criticalMinInfluence: number,
): RankedStances {
  const ranked = rows.map((row) => ({ ...row, stance: row.influenceScore * row.netSentiment }));
  const fans = ranked.filter((row) => row.stance > 0).sort(strongestFirst);
  const critics = ranked.filter((row) => row.stance < 0).sort(weakestFirst);
  const criticalMultipliers = critics
    .filter((row) => row.influenceScore >= criticalMinInfluence)
    .sort(
      (a, b) =>
        b.influenceScore - a.influenceScore ||
        a.stance - b.stance ||
        a.personId.localeCompare(b.personId),
    );
  return {
    criticalMultipliers: criticalMultipliers.slice(0, first),
    fans: fans.slice(0, first),
    critics: critics.slice(0, first),
  };
}
