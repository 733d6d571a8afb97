import type { ErrorRequestHandler, RequestHandler } from 'express';

/** A request-level failure in the GraphQL-over-HTTP shape: `{ errors: [{ message, extensions }] }`. */
export function requestErrorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

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
  const failure = error as { type?: string; status?: number };
  if (failure.type === 'entity.parse.failed') {
    res.status(400).json(requestErrorBody('The request body is not valid JSON', 'BAD_REQUEST'));
    return;
  }
  if (failure.type === 'entity.too.large') {
    res.status(413).json(requestErrorBody('The request body is too large', 'BAD_REQUEST'));
    return;
  }
  if (typeof failure.status === 'number' && failure.status >= 400 && failure.status < 500) {
    res.status(failure.status).json(requestErrorBody('Bad request', 'BAD_REQUEST'));
    return;
  }
  next(error);
};
