import { checksum, splitCypherStatements } from './cypher-files';

describe('splitCypherStatements', () => {
  it('splits on semicolons at line ends and drops comment lines', () => {
    const source = [
      '// a comment; with a semicolon',
      'CREATE CONSTRAINT a IF NOT EXISTS',
      '  FOR (n:A) REQUIRE n.id IS UNIQUE;',
      '',
      "MERGE (n:B {text: 'x; y'});",
      'RETURN 1',
    ].join('\n');
    expect(splitCypherStatements(source)).toEqual([
      'CREATE CONSTRAINT a IF NOT EXISTS\n  FOR (n:A) REQUIRE n.id IS UNIQUE',
      "MERGE (n:B {text: 'x; y'})",
      'RETURN 1',
    ]);
  });

  it('returns nothing for a file of comments', () => {
    expect(splitCypherStatements('// only\n\n// comments\n')).toEqual([]);
  });
});

describe('checksum', () => {
  it('ignores line-ending style but not content', () => {
    expect(checksum('a;\r\nb;')).toBe(checksum('a;\nb;'));
    expect(checksum('a;\nb;')).not.toBe(checksum('a;\nc;'));
  });
});
