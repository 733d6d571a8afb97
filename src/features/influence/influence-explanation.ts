import { type InfluenceSettings, pageRankFloor } from './influence-settings';
import type { InfluenceComponents } from './influence-scoring';

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${whole.format(count)} ${count === 1 ? singular : pluralForm}`;
}

/**
 * Why someone scores as they do, in sentences a sales rep can read: the weighted sum, then each
 * component with the measures behind it, then the component that weighs most. No personal fields
 * (names, handles, texts) appear, only numbers and the subject's name.
 */
export function explainInfluence(
  score: number,
  components: InfluenceComponents,
  subjectName: string | null,
  settings: InfluenceSettings,
): string[] {
  const about = subjectName === null ? '' : ` about ${subjectName}`;
  const weights = settings.componentWeights;
  const parts = [
    { name: 'centrality', value: weights.centrality * components.centrality },
    { name: 'reach', value: weights.reach * components.reachScore },
    { name: 'amplification', value: weights.amplification * components.amplificationScore },
  ];
  const strongest = parts.reduce((best, part) => (part.value > best.value ? part : best));
  const reachLine =
    `Reach ${one.format(components.reachScore)}: ${plural(components.reach, 'follower')} across ` +
    `${plural(components.accounts, 'account')}` +
    (components.duplicateFollows > 0
      ? `, less ${plural(components.duplicateFollows, 'follow')} the platforms count twice`
      : '') +
    (components.knownFollowers > 0
      ? `; ${whole.format(components.knownFollowers)} of the followers are in our graph`
      : '') +
    '.';
  return [
    `Score ${one.format(score)} of 100${about} = ${percent(weights.centrality)} centrality ` +
      `${one.format(components.centrality)} + ${percent(weights.reach)} reach ` +
      `${one.format(components.reachScore)} + ${percent(weights.amplification)} amplification ` +
      `${one.format(components.amplificationScore)}.`,
    `Centrality ${one.format(components.centrality)}: PageRank ${components.pageRank.toFixed(3)} ` +
      `in the network of follows, ties, mentions, replies and shares${about} ` +
      `(${pageRankFloor(settings).toFixed(3)} = nobody points to them).`,
    reachLine,
    `Amplification ${one.format(components.amplificationScore)}: ` +
      `${plural(components.amplifiedCount, 'reply or share', 'replies and shares')} of their posts` +
      `${about}, ${one.format(components.amplification)} after recency weighting ` +
      `(half-life ${settings.halfLifeDays} days).`,
    score === 0
      ? 'Nothing in our graph points to their influence yet: the floor score.'
      : `Weighs most: ${strongest.name}.`,
  ];
}
