import { wordsOf } from '../watch-lists/keyword-query';

/** The languages sentiment is scored for. */
export type PostLanguage = 'de' | 'en';

// Short posts give a trigram guesser too little to go on; the most frequent function words of
// each language decide more reliably, and only between the two languages we score.
const GERMAN = new Set(
  'der die das und ist nicht ich ein eine mit auf den dem für von zu sich es auch wie aber noch mein meine sehr schon wieder kein keine war bin sind hat haben'.split(
    ' ',
  ),
);
const ENGLISH = new Set(
  'the and is not i a an with on of for to it my this that was are be have has but very again no just so your you'.split(
    ' ',
  ),
);

/** `de` or `en` by function words; null when neither is recognisably there. */
export function detectLanguage(text: string): PostLanguage | null {
  let german = 0;
  let english = 0;
  for (const word of wordsOf(text)) {
    if (GERMAN.has(word)) german += 1;
    if (ENGLISH.has(word)) english += 1;
    if (/[äöüß]/.test(word)) german += 1;
  }
  if (german === english) return null;
  return german > english ? 'de' : 'en';
}

/** A given language tag (`de`, `de-AT`, `EN`) reduced to a scored language, or null. */
export function scoredLanguage(tag: string): PostLanguage | null {
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  return primary === 'de' || primary === 'en' ? primary : null;
}
