const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * Turns what a user typed into a Lucene query for the name index: every word must match, as a
 * prefix ("anna schm" finds "Anna Schmidt"). Lucene operators in the input are escaped, so a search
 * text can never change the query's structure.
 */
export function nameSearchQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(LUCENE_SPECIAL, (char) => `\\${char}`))
    .filter((word) => word !== '');
  if (words.length === 0) return null;
  return words.map((word) => `+${word}*`).join(' ');
}
