import { badUserInput } from '../../core/errors/domain-error';
import type { CypherRunner, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { AlertRepository, type NewAlert, type RaisedAlert } from '../alerts/alert.repository';
import { AlertStatus } from '../alerts/alert.type';
import type { ConsentParam, ConsentPolicy } from '../consent/consent-policy';
import { ConsentPurpose } from '../consent/consent-purpose';
import type { InteractionEvents } from '../realtime/interaction-events';
import { RealtimeTopic, type RealtimePublisher } from '../realtime/realtime-events';
import { type PostWords, postWords } from '../watch-lists/keyword-query';
import {
  type CompiledWatchList,
  completeMatch,
  type PostForMatching,
  type PreliminaryMatch,
  preliminaryMatch,
  type WatchListMatch,
} from '../watch-lists/watch-list-matcher';
import { type AuthorQuestion, WatchListRepository } from '../watch-lists/watch-list.repository';
import type { WatchListService } from '../watch-lists/watch-list.service';
import type { IngestProblem, IngestReport } from './ingest.type';
import type { IngestRepository, PostRow, WrittenPost } from './ingest.repository';
import { ndjsonLines } from './ndjson-lines';
import { detectLanguage, scoredLanguage } from './post-language';
import { type ValidPost, validatePost } from './post-validation';
import { SentimentScorer } from './sentiment-scorer';
import { compileTerms, matchTerms } from './topic-matching';

/** Posts per ingestPosts mutation; bigger feeds use the NDJSON endpoint, which streams. */
export const MAX_POSTS_PER_MUTATION = 500;
/** Posts per transaction on the NDJSON endpoint and the CLI. */
export const NDJSON_BATCH_SIZE = 200;
/** A line longer than this is an oversized post whatever it holds (text is at most 10,000 chars). */
export const MAX_LINE_BYTES = 64 * 1024;
const MAX_REPORTED_PROBLEMS = 1_000;

interface BatchOutcome {
  created: number;
  unchanged: number;
  alertsRaised: number;
}

/**
 * Social listening: posts from monitoring feeds become interactions with sentiment, topics and
 * products, are checked against the active watch lists, and raise alerts. Each batch is one
 * transaction; events go out after it committed, and only for what it created.
 */
export class IngestService {
  private scorer: Promise<SentimentScorer> | null = null;

  constructor(
    private readonly repository: IngestRepository,
    private readonly watchLists: WatchListService,
    private readonly consentPolicy: ConsentPolicy,
    private readonly realtime: RealtimePublisher,
    private readonly interactionEvents: InteractionEvents,
  ) {}

  /** The mutation: all posts valid, or BAD_USER_INPUT naming the first bad one. */
  async ingestPosts(scope: OperationScope, inputs: readonly unknown[]): Promise<IngestReport> {
    if (inputs.length > MAX_POSTS_PER_MUTATION) {
      throw badUserInput(
        `At most ${MAX_POSTS_PER_MUTATION} posts per request; stream bigger feeds to POST /ingest/posts`,
        { field: 'posts', max: MAX_POSTS_PER_MUTATION },
      );
    }
    const posts: ValidPost[] = [];
    for (const [index, input] of inputs.entries()) {
      const result = validatePost(input);
      if ('problem' in result) {
        throw badUserInput(`posts[${index}].${result.problem.field}: ${result.problem.message}`, {
          field: `posts.${index}.${result.problem.field}`,
        });
      }
      posts.push(result.post);
    }
    const outcome = await this.ingestBatch(scope, posts);
    return { received: inputs.length, rejected: 0, problems: [], ...outcome };
  }

  /**
   * The NDJSON stream: one post per line. Lines that are not JSON, not a valid post or too big are
   * reported with their line number and skipped; the others land in batches.
   */
  async ingestNdjson(
    scope: OperationScope,
    source: AsyncIterable<Buffer | string>,
  ): Promise<IngestReport> {
    const report: IngestReport = {
      received: 0,
      created: 0,
      unchanged: 0,
      rejected: 0,
      alertsRaised: 0,
      problems: [],
    };
    const reject = (problem: IngestProblem) => {
      report.rejected += 1;
      if (report.problems.length < MAX_REPORTED_PROBLEMS) report.problems.push(problem);
    };
    let batch: ValidPost[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const outcome = await this.ingestBatch(scope, batch);
      report.created += outcome.created;
      report.unchanged += outcome.unchanged;
      report.alertsRaised += outcome.alertsRaised;
      batch = [];
    };
    for await (const entry of ndjsonLines(source, MAX_LINE_BYTES)) {
      report.received += 1;
      if ('oversized' in entry) {
        reject({
          line: entry.line,
          field: 'line',
          message: `post too large: ${entry.bytes} bytes, at most ${MAX_LINE_BYTES} per line`,
        });
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(entry.text);
      } catch {
        reject({ line: entry.line, field: 'line', message: 'not valid JSON' });
        continue;
      }
      const result = validatePost(parsed);
      if ('problem' in result) {
        reject({ line: entry.line, ...result.problem });
        continue;
      }
      batch.push(result.post);
      if (batch.length >= NDJSON_BATCH_SIZE) await flush();
    }
    await flush();
    return report;
  }

  /** Writes one batch (one transaction) with its alerts, then publishes what it created. */
  async ingestBatch(scope: OperationScope, posts: readonly ValidPost[]): Promise<BatchOutcome> {
    const unique = new Map<string, ValidPost>();
    for (const post of posts) {
      const key = `${post.platform}:${post.postId}`;
      if (!unique.has(key)) unique.set(key, post);
    }
    const [terms, watchLists, scorer] = await Promise.all([
      this.repository.catalogTerms(scope).then(compileTerms),
      this.watchLists.activeForMatching(scope),
      this.sentimentScorer(),
    ]);
    const prepared = await Promise.all(
      [...unique.values()].map(async (post) => {
        const words = postWords(post.text);
        const language =
          post.language === null ? detectLanguage(post.text) : scoredLanguage(post.language);
        const sentiment = language === null ? null : await scorer.score(post.text, language);
        const subjects = matchTerms(terms, words);
        const row: PostRow = {
          platform: post.platform,
          postId: post.postId,
          handle: post.authorHandle,
          kind: post.replyToPostId === null ? 'POST' : 'REPLY',
          text: post.text,
          occurredAt: post.occurredAt,
          replyToPostId: post.replyToPostId,
          mentions: post.mentions.filter((handle) => handle !== post.authorHandle),
          url: post.url,
          language: post.language ?? language,
          sentiment,
          aboutIds: subjects.map((subject) => subject.id),
        };
        return { row, words };
      }),
    );
    const monitoring = this.consentPolicy.param(ConsentPurpose.SOCIAL_MONITORING);
    const { written, outcome } = await this.repository.ingest(
      scope,
      prepared.map((entry) => entry.row),
      monitoring,
      (runner, rows) => this.evaluateWatchLists(runner, rows, prepared, watchLists, monitoring),
    );
    this.publish(written, outcome.raised, scope.requestId);
    const created = written.filter((post) => post.created).length;
    return {
      created,
      unchanged: posts.length - created,
      alertsRaised: outcome.raised.length,
    };
  }

  private async evaluateWatchLists(
    runner: CypherRunner,
    written: readonly WrittenPost[],
    prepared: ReadonlyArray<{ row: PostRow; words: PostWords }>,
    watchLists: readonly CompiledWatchList[],
    monitoring: ConsentParam,
  ): Promise<{ raised: RaisedAlert[] }> {
    const entries = new Map(
      prepared.map((entry) => [`${entry.row.platform}:${entry.row.postId}`, entry]),
    );
    const preliminary: PreliminaryMatch[] = [];
    const questions: AuthorQuestion[] = [];
    for (const post of written) {
      if (!post.created) continue;
      const entry = entries.get(`${post.platform}:${post.postId}`);
      if (entry === undefined) continue;
      const candidate: PostForMatching = {
        interactionId: post.interactionId,
        platform: post.platform,
        words: entry.words,
        sentiment: entry.row.sentiment,
        followers: post.followers,
        authorPersonId: post.authorPersonId,
      };
      const organizations = new Set<string>();
      let askAboutAuthor = false;
      for (const watchList of watchLists) {
        const match = preliminaryMatch(watchList, candidate);
        if (match === null) continue;
        preliminary.push(match);
        // The author's roles and influence go into every alert, so any match asks about them.
        askAboutAuthor = true;
        const near = watchList.list.nearDecisionMakerOf;
        if (near !== null) organizations.add(near.organizationId);
      }
      if (askAboutAuthor && post.authorPersonId !== null) {
        questions.push({
          interactionId: post.interactionId,
          personId: post.authorPersonId,
          decisionMakerOrganizationIds: [...organizations],
        });
      }
    }
    const facts = await WatchListRepository.authorFacts(runner, questions, monitoring);
    const byInteraction = new Map(written.map((post) => [post.interactionId, post]));
    const alerts: NewAlert[] = [];
    for (const match of preliminary) {
      const author = facts.get(match.post.interactionId) ?? null;
      const complete: WatchListMatch | null = completeMatch(match, author);
      if (complete === null) continue;
      const post = byInteraction.get(complete.interactionId);
      alerts.push({
        ...complete,
        authorPersonId: post?.authorPersonId ?? null,
        authorRoles: author?.roles.map((role) => role.role) ?? [],
        authorRoleOrganizationIds: author?.roles.map((role) => role.organizationId) ?? [],
        authorInfluence: author?.influence ?? null,
        authorFollowers: post?.followers ?? 0,
      });
    }
    return { raised: await AlertRepository.raise(runner, alerts) };
  }

  private publish(
    written: readonly WrittenPost[],
    raised: readonly RaisedAlert[],
    requestId?: string,
  ): void {
    const created = written.filter((post) => post.created).map((post) => post.interactionId);
    // INTERACTION_ADDED carries facts read from the graph (see InteractionEvents), in the
    // background: the feed's response does not wait for it.
    void this.interactionEvents.added(requestId, created);
    for (const alert of raised) {
      this.realtime.publish(RealtimeTopic.ALERT_RAISED, {
        alertId: alert.alertId,
        watchListId: alert.watchListId,
        assigneeId: null,
        status: AlertStatus.OPEN,
      });
    }
  }

  private sentimentScorer(): Promise<SentimentScorer> {
    this.scorer ??= SentimentScorer.create();
    return this.scorer;
  }
}
