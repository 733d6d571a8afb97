import { cumulativeLevels, overlapOf } from './reach-levels';

describe('cumulativeLevels', () => {
  it('adds up the people first reached at each level, with missing levels as none', () => {
    expect(
      cumulativeLevels(
        [
          { hops: 1, people: 3, identified: 2 },
          { hops: 3, people: 5, identified: 1 },
        ],
        3,
      ),
    ).toEqual([
      { hops: 1, people: 3, newPeople: 3, identifiedPeople: 2 },
      { hops: 2, people: 3, newPeople: 0, identifiedPeople: 2 },
      { hops: 3, people: 8, newPeople: 5, identifiedPeople: 3 },
    ]);
  });
});

describe('overlapOf', () => {
  it('counts shared people and the Jaccard index', () => {
    expect(overlapOf(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd', 'e']))).toEqual({
      aPeople: 3,
      bPeople: 4,
      sharedPeople: 2,
      unionPeople: 5,
      jaccard: 0.4,
    });
  });

  it('is 0, not NaN, for two empty audiences', () => {
    expect(overlapOf(new Set(), new Set()).jaccard).toBe(0);
  });
});
