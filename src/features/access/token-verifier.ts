import {
  createRemoteJWKSet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { AuthConfig } from '../../core/config/config';
import { unauthenticated } from '../../core/errors/domain-error';
import { StaffRole } from '../staff/staff-user.type';
import type { Viewer } from './viewer';

const STAFF_ROLES: ReadonlySet<string> = new Set(Object.values(StaffRole));
/** Tolerated clock difference between the token issuer and this service. */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Verifies bearer tokens (HS256 with a shared secret, or RS/ES/EdDSA via the issuer's JWKS) and
 * turns their claims into a {@link Viewer}: `sub` is the staff user's id, `roles` their staff roles,
 * `login` their login. Expiry, issuer and audience are required and checked.
 */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(private readonly config: AuthConfig) {
    if (config.verification.kind === 'secret') {
      this.key = new TextEncoder().encode(config.verification.secret);
      this.algorithms = ['HS256'];
    } else {
      this.key = createRemoteJWKSet(new URL(config.verification.jwksUrl));
      this.algorithms = ['RS256', 'PS256', 'ES256', 'EdDSA'];
    }
  }

  /** The viewer behind an `Authorization` header value; null when there is no header at all. */
  async viewerFromHeader(header: string | undefined): Promise<Viewer | null> {
    if (header === undefined || header.trim() === '') return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (match?.[1] === undefined) {
      throw unauthenticated('The Authorization header must be "Bearer <token>"');
    }
    return this.verify(match[1]);
  }

  async verify(token: string): Promise<Viewer> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as Uint8Array, {
        algorithms: this.algorithms,
        issuer: this.config.issuer,
        audience: this.config.audience,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch {
      // jose's reasons (expired, bad signature, wrong audience …) stay in the server log only.
      throw unauthenticated('The token is invalid or expired');
    }
    return viewerFromClaims(payload);
  }
}

function viewerFromClaims(payload: JWTPayload): Viewer {
  const roles = payload['roles'];
  if (
    !Array.isArray(roles) ||
    roles.length === 0 ||
    !roles.every((role) => typeof role === 'string' && STAFF_ROLES.has(role))
  ) {
    throw unauthenticated('The token must carry at least one known staff role in "roles"');
  }
  const login = payload['login'];
  const userId = payload.sub ?? '';
  return {
    userId,
    login: typeof login === 'string' ? login : userId,
    roles: [...new Set(roles as StaffRole[])],
  };
}

export interface TokenRequest {
  userId: string;
  login?: string;
  roles: readonly StaffRole[];
  /** Lifetime in seconds. */
  expiresInSeconds: number;
}

/** Signs an HS256 token with the configured secret: for `npm run token` and for tests. */
export async function signToken(config: AuthConfig, request: TokenRequest): Promise<string> {
  if (config.verification.kind !== 'secret') {
    throw new Error('Tokens can only be signed here with JWT_SECRET; JWT_JWKS_URL is configured');
  }
  return new SignJWT({ roles: [...request.roles], login: request.login ?? request.userId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.userId)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + request.expiresInSeconds)
    .sign(new TextEncoder().encode(config.verification.secret));
}
