import { containerBootstrap } from '@nlpjs/core';
import { LangDe } from '@nlpjs/lang-de';
import { LangEn } from '@nlpjs/lang-en';
import { SentimentAnalyzer } from '@nlpjs/sentiment';
import type { PostLanguage } from './post-language';

/**
 * nlp.js sums the polarity (−1…1 per word, from its Senticon lexicons for German and English,
 * with negation words flipping what follows) of the words it knows. A sum is unbounded and grows
 * with length, so it is mapped to −1…1 with tanh: one clearly negative word (−1) gives −0.76, two
 * give −0.96, a mild one (−0.25) −0.24; no known word gives 0. The sign is nlp.js's verdict.
 */
export function sentimentFromScore(score: number): number {
  return Math.round(Math.tanh(score) * 1000) / 1000;
}

export class SentimentScorer {
  private constructor(private readonly analyzer: SentimentAnalyzer) {}

  static async create(): Promise<SentimentScorer> {
    const container = await containerBootstrap();
    container.use(LangDe);
    container.use(LangEn);
    return new SentimentScorer(new SentimentAnalyzer({ container }));
  }

  async score(text: string, language: PostLanguage): Promise<number> {
    const result = await this.analyzer.process({ locale: language, text });
    return sentimentFromScore(result.sentiment.score);
  }
}
