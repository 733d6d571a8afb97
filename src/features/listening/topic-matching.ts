import { type PostWords, wordsOf } from '../watch-lists/keyword-query';
import type { CatalogTerm } from './ingest.repository';

/** A catalog term prepared for matching: each phrase as its words. */
export interface CompiledTerm {
  id: string;
  label: CatalogTerm['label'];
  phrases: string[][];
}

export function compileTerms(terms: readonly CatalogTerm[]): CompiledTerm[] {
  return terms.map((term) => ({
    id: term.id,
    label: term.label,
    phrases: term.phrases.map(wordsOf).filter((words) => words.length > 0),
  }));
}

function containsPhrase(post: PostWords, phrase: readonly string[]): boolean {
  if (!phrase.every((word) => post.set.has(word))) return false;
  for (let start = 0; start + phrase.length <= post.words.length; start += 1) {
    if (phrase.every((word, offset) => post.words[start + offset] === word)) return true;
  }
  return false;
}

/** The topics and products whose name or one of whose keywords occurs in the post as words. */
export function matchTerms(terms: readonly CompiledTerm[], post: PostWords): CompiledTerm[] {
  return terms.filter((term) => term.phrases.some((phrase) => containsPhrase(post, phrase)));
}
