// The nlp.js 4 packages ship without type declarations; these cover the parts the sentiment
// scorer uses.
declare module '@nlpjs/core' {
  export interface NlpContainer {
    use(plugin: unknown): void;
  }
  export function containerBootstrap(): Promise<NlpContainer>;
}

declare module '@nlpjs/sentiment' {
  import type { NlpContainer } from '@nlpjs/core';

  export interface SentimentResult {
    sentiment: { score: number; numWords: number; numHits: number; average: number };
  }
  export class SentimentAnalyzer {
    constructor(settings: { container: NlpContainer });
    process(input: { locale: string; text: string }): Promise<SentimentResult>;
  }
}

declare module '@nlpjs/lang-de' {
  export const LangDe: unknown;
}

declare module '@nlpjs/lang-en' {
  export const LangEn: unknown;
}
