import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../../core/errors/domain-error';
import type { StaffRole } from '../staff/staff-user.type';
import type { Viewer } from './viewer';

/**
 * Decides `@Authorized(...roles)`: the viewer must hold one of the listed staff roles. Requests
 * without a token are refused before any resolver runs (see the HTTP and WebSocket entry points);
 * the check here is the second line.
 */
export const authorizeByStaffRole: AuthChecker<{ viewer: Viewer | null }, StaffRole> = (
  { context },
  roles,
) => {
  const { viewer } = context;
  if (viewer === null) throw unauthenticated('Sign in with a bearer token');
  if (roles.some((role) => viewer.roles.includes(role))) return true;
  throw forbidden('Your staff role may not use this');
};
