import type { ErrorRequestHandler, RequestHandler } from 'express';
import { INTERNAL_ERROR_MESSAGE } from '../core/errors/graphql-errors';
import type { Logger } from '../core/logging/logger';

/** A request-level failure in the GraphQL-over-HTTP shape: `{ errors: [{ message, extensions }] }`. */
export function requestErrorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** Answers of the API hold personal data: no browser or proxy may keep them, errors included. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('cache-control', 'no-store');
  next();
};

const JSON_TYPES = ['application/json', 'application/graphql-response+json'];

/** GraphQL over HTTP accepts JSON bodies only; say so in a GraphQL-shaped 415, not plain text. */
export const requireJsonBody: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST') return next();
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (JSON_TYPES.includes(type)) return next();
  res
    .status(415)
    .json(
      requestErrorBody('POST requests must have Content-Type: application/json', 'BAD_REQUEST'),
    );
};

/** Body-parser failures (malformed JSON, oversized bodies) as GraphQL-shaped 4xx responses. */
export const bodyErrorHandler: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const failure = error as { type?: string; status?: number; limit?: number };
  if (failure.type === 'entity.parse.failed') {
    res.status(400).json(requestErrorBody('The request body is not valid JSON', 'BAD_REQUEST'));
    return;
  }
  if (failure.type === 'entity.too.large') {
    res
      .status(413)
      .json(
        requestErrorBody(
          `The request body is larger than the limit of ${String(failure.limit)} bytes`,
          'BAD_REQUEST',
        ),
      );
    return;
  }
  if (typeof failure.status === 'number' && failure.status >= 400 && failure.status < 500) {
    res.status(failure.status).json(requestErrorBody('Bad request', 'BAD_REQUEST'));
    return;
  }
  next(error);
};

/**
 * A JSON array of operations is a batch. Apollo would refuse it too ("Operation batching
 * disabled."); this says what to do instead. Batches multiply the work of one request past every
 * per-operation limit, so they stay off.
 */
export const refuseBatchedRequests: RequestHandler = (req, res, next) => {
  if (!Array.isArray(req.body)) return next();
  res
    .status(400)
    .json(
      requestErrorBody(
        'Batched requests are not accepted: send one operation per request',
        'BAD_REQUEST',
      ),
    );
};

/**
 * The last error handler: anything unexpected outside GraphQL becomes a masked 500 in the GraphQL
 * shape. Express's own handler would answer with an HTML page holding the stack trace outside
 * production.
 */
export function unexpectedErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    logger.error(
      { err: error, requestId: res.locals.requestId },
      'unexpected error in HTTP request',
    );
    if (res.headersSent) return next(error);
    res.status(500).json(requestErrorBody(INTERNAL_ERROR_MESSAGE, 'INTERNAL_SERVER_ERROR'));
  };
}
