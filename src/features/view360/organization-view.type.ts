import { Field, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../core/pagination/connection';
import { Role, RoleType } from '../roles/role.type';

/**
 * The order of people by role in an organization view: the people who decide and who champion us
 * first, then customers and employees, then every other role in the order of RoleType.
 */
const FIRST_ROLES: readonly RoleType[] = [
  RoleType.DECISION_MAKER,
  RoleType.CHAMPION,
  RoleType.CUSTOMER,
  RoleType.EMPLOYEE,
];

export const ROLE_RANK: Readonly<Record<RoleType, number>> = Object.fromEntries(
  [...FIRST_ROLES, ...Object.values(RoleType).filter((role) => !FIRST_ROLES.includes(role))].map(
    (role, rank) => [role, rank],
  ),
) as Record<RoleType, number>;

@ObjectType()
export class OrganizationRoleConnection extends connectionType('OrganizationRole', Role) {}

@ObjectType({ description: 'How many people hold a role at an organization.' })
export class RoleCount {
  @Field(() => RoleType)
  role!: RoleType;

  @Field(() => Int, { description: 'Roles that hold today.' })
  current!: number;

  @Field(() => Int, { description: 'Roles that ended (or have not begun).' })
  other!: number;
}
