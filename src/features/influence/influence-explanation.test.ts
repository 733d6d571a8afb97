import { explainInfluence } from './influence-explanation';
import { INFLUENCE_SETTINGS } from './influence-settings';
import type { InfluenceComponents } from './influence-scoring';

const COMPONENTS: InfluenceComponents = {
  centrality: 81.04,
  pageRank: 3.4172,
  reachScore: 66.2,
  reach: 48_200,
  reportedFollowers: 48_201,
  knownFollowers: 120,
  duplicateFollows: 1,
  accounts: 3,
  amplificationScore: 68.93,
  amplification: 96.41,
  amplifiedCount: 200,
};

describe('explainInfluence', () => {
  it('states the weighted sum and the measures behind each component', () => {
    const lines = explainInfluence(72.4, COMPONENTS, null, INFLUENCE_SETTINGS);
    expect(lines).toEqual([
      'Score 72.4 of 100 = 40 % centrality 81.0 + 35 % reach 66.2 + 25 % amplification 68.9.',
      'Centrality 81.0: PageRank 3.417 in the network of follows, ties, mentions, replies and shares (0.150 = nobody points to them).',
      'Reach 66.2: 48,200 followers across 3 accounts, less 1 follow the platforms count twice; 120 of the followers are in our graph.',
      'Amplification 68.9: 200 replies and shares of their posts, 96.4 after recency weighting (half-life 180 days).',
      'Weighs most: centrality.',
    ]);
  });

  it('names the subject and says when someone is at the floor', () => {
    const floor = explainInfluence(
      0,
      { ...COMPONENTS, centrality: 0, reachScore: 0, amplificationScore: 0, reach: 0 },
      'e-bikes',
      INFLUENCE_SETTINGS,
    );
    expect(floor[0]).toContain('of 100 about e-bikes');
    expect(floor.at(-1)).toBe(
      'Nothing in our graph points to their influence yet: the floor score.',
    );
  });
});
