import { isISO8601 } from 'class-validator';
import { Platform } from '../social-accounts/social-account.type';

/** A post as the ingest writes it: validated and normalised. */
export interface ValidPost {
  platform: Platform;
  postId: string;
  authorHandle: string;
  text: string;
  occurredAt: string;
  replyToPostId: string | null;
  mentions: string[];
  url: string | null;
  language: string | null;
}

export interface PostProblem {
  field: string;
  message: string;
}

export const MAX_TEXT_LENGTH = 10_000;
const MAX_MENTIONS = 50;
const MAX_URL_LENGTH = 2_000;
/** Feeds stamp posts with their own clocks. */
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
const POST_ID = /^[A-Za-z0-9._:-]{1,200}$/;
const HANDLE = /^[\p{L}\p{N}._-]{1,100}$/u;
const LANGUAGE = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/;
const PLATFORMS = new Set<string>(Object.values(Platform));

function handleOf(value: string): string {
  return value.trim().replace(/^@/, '').toLowerCase();
}

function optionalText(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Checks one post from any entry point (mutation, NDJSON line). The first problem is returned,
 * naming the field, so that a feed operator can fix the line.
 */
export function validatePost(raw: unknown): { post: ValidPost } | { problem: PostProblem } {
  const problem = (field: string, message: string) => ({ problem: { field, message } });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return problem('post', 'a post must be a JSON object');
  }
  const input = raw as Record<string, unknown>;
  if (typeof input.platform !== 'string' || !PLATFORMS.has(input.platform)) {
    return problem('platform', `platform must be one of ${[...PLATFORMS].join(', ')}`);
  }
  if (typeof input.postId !== 'string' || !POST_ID.test(input.postId)) {
    return problem('postId', 'postId must be 1–200 letters, digits or ._:-');
  }
  if (typeof input.authorHandle !== 'string' || !HANDLE.test(handleOf(input.authorHandle))) {
    return problem('authorHandle', 'authorHandle must be a handle of 1–100 characters');
  }
  if (typeof input.text !== 'string' || input.text.trim().length === 0) {
    return problem('text', 'text must be a non-empty string');
  }
  if (input.text.length > MAX_TEXT_LENGTH) {
    return problem(
      'text',
      `post too large: text has ${input.text.length} characters, at most ${MAX_TEXT_LENGTH}`,
    );
  }
  // Strict ISO 8601: Date.parse alone reads "' OR 1=1 //" as 2001-01-01 (found by the fuzzer).
  if (
    typeof input.occurredAt !== 'string' ||
    !isISO8601(input.occurredAt, { strict: true }) ||
    Number.isNaN(Date.parse(input.occurredAt))
  ) {
    return problem('occurredAt', 'occurredAt must be an ISO date-time');
  }
  if (Date.parse(input.occurredAt) > Date.now() + MAX_FUTURE_MS) {
    return problem('occurredAt', 'occurredAt lies in the future');
  }
  const replyTo = optionalText(input.replyToPostId);
  if (replyTo === undefined || (replyTo !== null && !POST_ID.test(replyTo))) {
    return problem('replyToPostId', 'replyToPostId must be a post id');
  }
  const mentions = input.mentions ?? [];
  if (!Array.isArray(mentions) || mentions.length > MAX_MENTIONS) {
    return problem('mentions', `mentions must be a list of at most ${MAX_MENTIONS} handles`);
  }
  const handles: string[] = [];
  for (const mention of mentions as unknown[]) {
    if (typeof mention !== 'string' || !HANDLE.test(handleOf(mention))) {
      return problem('mentions', 'mentions must be handles of 1–100 characters');
    }
    handles.push(handleOf(mention));
  }
  const url = optionalText(input.url);
  if (
    url === undefined ||
    (url !== null && (url.length > MAX_URL_LENGTH || !/^https?:\/\//.test(url)))
  ) {
    return problem('url', 'url must be an http(s) URL');
  }
  const language = optionalText(input.language);
  if (language === undefined || (language !== null && !LANGUAGE.test(language))) {
    return problem('language', 'language must be a language tag such as de or en-GB');
  }
  return {
    post: {
      platform: input.platform as Platform,
      postId: input.postId,
      authorHandle: handleOf(input.authorHandle),
      text: input.text,
      occurredAt: new Date(input.occurredAt).toISOString(),
      replyToPostId: replyTo,
      mentions: [...new Set(handles)],
      url,
      language,
    },
  };
}
