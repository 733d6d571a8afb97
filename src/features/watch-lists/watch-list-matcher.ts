import type { Platform } from '../social-accounts/social-account.type';
import {
  type KeywordQuery,
  matchKeywordQuery,
  parseKeywordQuery,
  type PostWords,
} from './keyword-query';
import type { AuthorFacts } from './watch-list.repository';
import type { WatchListRecord } from './watch-list.type';

/** A new post as the matcher sees it. */
export interface PostForMatching {
  interactionId: string;
  platform: Platform;
  words: PostWords;
  sentiment: number | null;
  followers: number;
  /** The person the post is attributed to (consent allowing), else null. */
  authorPersonId: string | null;
}

/** A watch list ready for evaluation: its keyword query parsed once per batch. */
export interface CompiledWatchList {
  list: WatchListRecord;
  query: KeywordQuery | null;
  platforms: ReadonlySet<Platform>;
  needsAuthor: boolean;
}

export interface PreliminaryMatch {
  post: PostForMatching;
  watchList: CompiledWatchList;
  matchedKeywords: string[];
  matchedConditions: string[];
}

export interface WatchListMatch {
  interactionId: string;
  watchListId: string;
  matchedKeywords: string[];
  matchedConditions: string[];
}

export function compileWatchList(list: WatchListRecord): CompiledWatchList {
  return {
    list,
    query: list.keywords === null ? null : parseKeywordQuery(list.keywords),
    platforms: new Set(list.platforms),
    needsAuthor:
      list.minInfluence !== null ||
      list.nearDecisionMakerOf !== null ||
      list.customerWithOpenComplaint,
  };
}

/**
 * The conditions that need no database: platform, keywords, sentiment and reach. What is left
 * (influence and graph conditions) is decided by {@link completeMatch} with the author's facts.
 */
export function preliminaryMatch(
  watchList: CompiledWatchList,
  post: PostForMatching,
): PreliminaryMatch | null {
  const { list } = watchList;
  const conditions: string[] = [];
  if (watchList.platforms.size > 0) {
    if (!watchList.platforms.has(post.platform)) return null;
    conditions.push(`platform ${post.platform}`);
  }
  let matchedKeywords: string[] = [];
  if (watchList.query !== null) {
    const result = matchKeywordQuery(watchList.query, post.words);
    if (!result.matches) return null;
    matchedKeywords = [...new Set(result.terms)];
  }
  // A post in a language we do not score has no sentiment: sentiment conditions do not hold.
  if (list.sentimentBelow !== null) {
    if (post.sentiment === null || !(post.sentiment < list.sentimentBelow)) return null;
    conditions.push(`sentiment ${post.sentiment} < ${list.sentimentBelow}`);
  }
  if (list.sentimentAbove !== null) {
    if (post.sentiment === null || !(post.sentiment > list.sentimentAbove)) return null;
    conditions.push(`sentiment ${post.sentiment} > ${list.sentimentAbove}`);
  }
  if (list.minFollowers !== null) {
    if (post.followers < list.minFollowers) return null;
    conditions.push(`followers ${post.followers} >= ${list.minFollowers}`);
  }
  if (watchList.needsAuthor && post.authorPersonId === null) return null;
  return { post, watchList, matchedKeywords, matchedConditions: conditions };
}

/** Decides the author conditions; `facts` is null when the graph knows nothing of the author. */
export function completeMatch(
  match: PreliminaryMatch,
  facts: AuthorFacts | null,
): WatchListMatch | null {
  const { list } = match.watchList;
  const conditions = [...match.matchedConditions];
  if (match.watchList.needsAuthor) {
    if (facts === null) return null;
    if (list.minInfluence !== null) {
      if (facts.influence === null || facts.influence < list.minInfluence) return null;
      conditions.push(`influence ${facts.influence} >= ${list.minInfluence}`);
    }
    if (list.nearDecisionMakerOf !== null) {
      const { organizationId, maxHops } = list.nearDecisionMakerOf;
      const hops = facts.decisionMakerHops.get(organizationId);
      if (hops === undefined || hops > maxHops) return null;
      conditions.push(`${hops} hops from a decision maker of organization ${organizationId}`);
    }
    if (list.customerWithOpenComplaint) {
      if (!facts.customerWithOpenComplaint) return null;
      conditions.push('customer with an open complaint');
    }
  }
  return {
    interactionId: match.post.interactionId,
    watchListId: list.id,
    matchedKeywords: match.matchedKeywords,
    matchedConditions: conditions,
  };
}
