import { nameSearchQuery } from './person-search';

describe('nameSearchQuery', () => {
  it.each([
    ['Anna', '+anna*'],
    ['  anna   SCHM ', '+anna* +schm*'],
    ['müller', '+müller*'],
    ['a+b', '+a\\+b*'],
    ['name:"x" OR *', '+name\\:\\"x\\"* +or* +\\**'],
    [
      '(ab) [c] {d} ~e ^f !g ?h /i \\j',
      '+\\(ab\\)* +\\[c\\]* +\\{d\\}* +\\~e* +\\^f* +\\!g* +\\?h* +\\/i* +\\\\j*',
    ],
  ])('%p → %p', (input, expected) => {
    expect(nameSearchQuery(input)).toBe(expected);
  });

  it('returns null for blank input', () => {
    expect(nameSearchQuery('   ')).toBeNull();
  });
});
