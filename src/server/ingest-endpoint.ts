import type { RequestHandler } from 'express';
import { DomainError } from '../core/errors/domain-error';
import { ErrorCode } from '../core/errors/error-code';
import { Access } from '../features/access/access-rules';
import type { Viewer } from '../features/access/viewer';
import { requestErrorBody } from './http-errors';
import type { Services } from './services';

export const INGEST_POSTS_PATH = '/ingest/posts';
const NDJSON_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/json-seq'];

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.ServiceUnavailable]: 503,
  [ErrorCode.Timeout]: 503,
};

/**
 * POST /ingest/posts: a feed streams posts as NDJSON, one per line, with the same bearer token as
 * /graphql (run `requireBearerToken` first) and a role in Access.INGEST. The body is read as it
 * arrives, written in batches, and answered with one IngestReport (per-line problems included).
 */
export function ingestPostsHandler(services: Services): RequestHandler {
  return (req, res, next) => {
    const viewer = res.locals.viewer as Viewer | undefined;
    if (viewer === undefined || !Access.INGEST.some((role) => viewer.roles.includes(role))) {
      res.status(403).json(requestErrorBody('Your staff role may not ingest posts', 'FORBIDDEN'));
      return;
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!NDJSON_TYPES.includes(type)) {
      res
        .status(415)
        .json(
          requestErrorBody('Send posts with Content-Type: application/x-ndjson', 'BAD_REQUEST'),
        );
      return;
    }
    const scope = {
      operationName: 'ingestPostsNdjson',
      requestId: String(res.locals.requestId),
    };
    services.ingest
      .ingestNdjson(scope, req)
      .then((report) => res.json(report))
      .catch((error: unknown) => {
        if (error instanceof DomainError && STATUS_BY_CODE[error.code] !== undefined) {
          res
            .status(STATUS_BY_CODE[error.code] ?? 500)
            .json(requestErrorBody(error.message, error.code));
          return;
        }
        next(error);
      });
  };
}
