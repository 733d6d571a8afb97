import type { StaffRole } from '../staff/staff-user.type';

/** The authenticated member of staff behind one GraphQL operation. */
export interface Viewer {
  /** Id of the staff `User` node. */
  userId: string;
  login: string;
  roles: readonly StaffRole[];
}
