import { badUserInput } from '../../core/errors/domain-error';

/**
 * A watch list's keyword query: words, "quoted phrases", AND, OR, NOT and parentheses. Adjacent
 * terms without an operator are ANDed, as in the monitoring tools staff know. Precedence:
 * NOT binds tighter than AND, AND tighter than OR. Matching is case-insensitive on whole words.
 */
export type KeywordQuery =
  | { kind: 'term'; words: readonly string[]; text: string }
  | { kind: 'not'; operand: KeywordQuery }
  | { kind: 'and' | 'or'; operands: readonly KeywordQuery[] };

/** Longer queries are a sign of a pasted document, not a watch list. */
export const MAX_QUERY_LENGTH = 2_000;
const MAX_DEPTH = 20;

type Token =
  | { type: 'word' | 'phrase'; value: string; position: number }
  | { type: 'AND' | 'OR' | 'NOT' | '(' | ')'; position: number };

/** Lower-cased words of a text (letters and digits of any script), for queries and posts alike. */
export function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []
  );
}

function syntaxError(message: string, position: number): never {
  // Positions are 1-based, as editors show them.
  throw badUserInput(`keywords: ${message} at position ${position + 1}`, {
    field: 'keywords',
    position: position + 1,
  });
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index] ?? '';
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '(' || char === ')') {
      tokens.push({ type: char, position: index });
      index += 1;
    } else if (char === '"') {
      const end = source.indexOf('"', index + 1);
      if (end === -1) syntaxError('unclosed quote', index);
      const value = source.slice(index + 1, end);
      if (wordsOf(value).length === 0) syntaxError('empty phrase', index);
      tokens.push({ type: 'phrase', value, position: index });
      index = end + 1;
    } else {
      const match = /^[^\s()"]+/.exec(source.slice(index));
      const value = match?.[0] ?? char;
      if (value === 'AND' || value === 'OR' || value === 'NOT') {
        tokens.push({ type: value, position: index });
      } else {
        if (wordsOf(value).length === 0) syntaxError(`"${value}" is not a word`, index);
        tokens.push({ type: 'word', value, position: index });
      }
      index += value.length;
    }
  }
  return tokens;
}

class Parser {
  private next = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly length: number,
  ) {}

  parse(): KeywordQuery {
    if (this.tokens.length === 0) syntaxError('the query is empty', 0);
    const query = this.or(0);
    const extra = this.peek();
    if (extra !== undefined) {
      syntaxError(extra.type === ')' ? 'unmatched ")"' : 'unexpected input', extra.position);
    }
    return query;
  }

  private peek(): Token | undefined {
    return this.tokens[this.next];
  }

  private or(depth: number): KeywordQuery {
    const operands = [this.and(depth)];
    while (this.peek()?.type === 'OR') {
      this.next += 1;
      operands.push(this.and(depth));
    }
    return operands.length === 1 ? (operands[0] as KeywordQuery) : { kind: 'or', operands };
  }

  private and(depth: number): KeywordQuery {
    const operands = [this.not(depth)];
    for (;;) {
      const token = this.peek();
      if (token?.type === 'AND') {
        this.next += 1;
        operands.push(this.not(depth));
      } else if (token !== undefined && token.type !== 'OR' && token.type !== ')') {
        operands.push(this.not(depth));
      } else {
        break;
      }
    }
    return operands.length === 1 ? (operands[0] as KeywordQuery) : { kind: 'and', operands };
  }

  private not(depth: number): KeywordQuery {
    if (this.peek()?.type === 'NOT') {
      this.next += 1;
      return { kind: 'not', operand: this.not(depth) };
    }
    return this.primary(depth);
  }

  private primary(depth: number): KeywordQuery {
    const token = this.peek();
    if (token === undefined) syntaxError('a term is missing', this.length);
    this.next += 1;
    switch (token.type) {
      case 'word':
      case 'phrase':
        return { kind: 'term', words: wordsOf(token.value), text: token.value };
      case '(': {
        if (depth >= MAX_DEPTH) syntaxError('parentheses nest too deeply', token.position);
        if (this.peek()?.type === ')') syntaxError('empty parentheses', token.position);
        const inner = this.or(depth + 1);
        if (this.peek()?.type !== ')') {
          syntaxError('missing ")"', this.peek()?.position ?? this.length);
        }
        this.next += 1;
        return inner;
      }
      default:
        return syntaxError(`${token.type} needs a term here`, token.position);
    }
  }
}

/** Parses a query; BAD_USER_INPUT naming the field and the 1-based position otherwise. */
export function parseKeywordQuery(source: string): KeywordQuery {
  if (source.length > MAX_QUERY_LENGTH) {
    throw badUserInput(`keywords: at most ${MAX_QUERY_LENGTH} characters`, { field: 'keywords' });
  }
  return new Parser(tokenize(source), source.length).parse();
}

/** The words of a post, prepared once for every watch list. */
export interface PostWords {
  words: readonly string[];
  set: ReadonlySet<string>;
}

export function postWords(text: string): PostWords {
  const words = wordsOf(text);
  return { words, set: new Set(words) };
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let start = 0; start + needle.length <= haystack.length; start += 1) {
    for (let offset = 0; offset < needle.length; offset += 1) {
      if (haystack[start + offset] !== needle[offset]) continue outer;
    }
    return true;
  }
  return false;
}

function termMatches(words: readonly string[], post: PostWords): boolean {
  if (words.length === 1) return post.set.has(words[0] ?? '');
  return words.every((word) => post.set.has(word)) && containsSequence(post.words, words);
}

/**
 * Whether the post matches, and the terms that made it match (for the alert's explanation). Terms
 * under NOT never count as reasons.
 */
export function matchKeywordQuery(
  query: KeywordQuery,
  post: PostWords,
): { matches: boolean; terms: string[] } {
  switch (query.kind) {
    case 'term': {
      const matches = termMatches(query.words, post);
      return { matches, terms: matches ? [query.text] : [] };
    }
    case 'not':
      return { matches: !matchKeywordQuery(query.operand, post).matches, terms: [] };
    case 'and': {
      const terms: string[] = [];
      for (const operand of query.operands) {
        const result = matchKeywordQuery(operand, post);
        if (!result.matches) return { matches: false, terms: [] };
        terms.push(...result.terms);
      }
      return { matches: true, terms };
    }
    case 'or': {
      const terms: string[] = [];
      let matches = false;
      for (const operand of query.operands) {
        const result = matchKeywordQuery(operand, post);
        if (result.matches) {
          matches = true;
          terms.push(...result.terms);
        }
      }
      return { matches, terms };
    }
  }
}
