import { groupBy } from './group-by';

describe('groupBy', () => {
  it('groups in order and leaves out items without a key', () => {
    const groups = groupBy(
      [
        { owner: 'a', n: 1 },
        { owner: null, n: 2 },
        { owner: 'b', n: 3 },
        { owner: 'a', n: 4 },
      ],
      (item) => item.owner,
    );
    expect([...groups.entries()]).toEqual([
      [
        'a',
        [
          { owner: 'a', n: 1 },
          { owner: 'a', n: 4 },
        ],
      ],
      ['b', [{ owner: 'b', n: 3 }]],
    ]);
  });
});
