import type { RequestHandler } from 'express';
import { DomainError } from '../core/errors/domain-error';
import type { Logger } from '../core/logging/logger';
import type { TokenVerifier } from '../features/access/token-verifier';
import type { Viewer } from '../features/access/viewer';
import { requestErrorBody } from './http-errors';

/** Browsers asking for HTML get the Sandbox landing page outside production, without a token. */
function wantsLandingPage(accept: string | undefined): boolean {
  return accept?.includes('text/html') === true;
}

/**
 * Every GraphQL request over HTTP needs a valid bearer token; the viewer it names is left in
 * `res.locals.viewer` for the context. No token or a bad one → 401 UNAUTHENTICATED before
 * any GraphQL work, so nothing about the schema or the data is revealed to strangers.
 */
export function requireBearerToken(tokens: TokenVerifier, logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' && wantsLandingPage(req.headers.accept)) return next();
    tokens
      .viewerFromHeader(req.headers.authorization)
      .then((viewer: Viewer | null) => {
        if (viewer === null) {
          refuse(res, 'Sign in: send an Authorization: Bearer <token> header');
          return;
        }
        res.locals.viewer = viewer;
        next();
      })
      .catch((error: unknown) => {
        if (error instanceof DomainError) {
          logger.info({ requestId: res.locals.requestId }, `token refused: ${error.message}`);
          refuse(res, error.message);
          return;
        }
        next(error);
      });
  };
}

function refuse(res: Parameters<RequestHandler>[1], message: string): void {
  res
    .status(401)
    .setHeader('www-authenticate', 'Bearer')
    .json(requestErrorBody(message, 'UNAUTHENTICATED'));
}
