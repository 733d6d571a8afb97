import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** What a person is in the context of an organization. Add a value here to add a role. */
export enum RoleType {
  CUSTOMER = 'CUSTOMER',
  PROSPECT = 'PROSPECT',
  EMPLOYEE = 'EMPLOYEE',
  PARTNER = 'PARTNER',
  SUPPLIER = 'SUPPLIER',
  JOURNALIST = 'JOURNALIST',
  INFLUENCER = 'INFLUENCER',
  BLOGGER = 'BLOGGER',
  DECISION_MAKER = 'DECISION_MAKER',
  CHAMPION = 'CHAMPION',
  INVESTOR = 'INVESTOR',
  FORMER_CUSTOMER = 'FORMER_CUSTOMER',
}

registerEnumType(RoleType, { name: 'RoleType' });

/**
 * Roles that are public knowledge (a journalist, a company's decision maker). The others describe a
 * business relationship with us and count as personal data: staff without need-to-know do not see them.
 */
export const PUBLIC_ROLES: ReadonlySet<RoleType> = new Set([
  RoleType.EMPLOYEE,
  RoleType.PARTNER,
  RoleType.SUPPLIER,
  RoleType.JOURNALIST,
  RoleType.INFLUENCER,
  RoleType.BLOGGER,
  RoleType.DECISION_MAKER,
  RoleType.INVESTOR,
]);

/** A role as stored: a HAS_ROLE relationship from a person to an organization. */
export interface RoleRecord {
  id: string;
  role: RoleType;
  since: string | null;
  until: string | null;
  source: string | null;
  personId: string;
  organizationId: string;
}

@ObjectType({ description: 'One role of a person in one organization, over a time span.' })
export class Role {
  @Field(() => ID)
  id!: string;

  @Field(() => RoleType)
  role!: RoleType;

  @Field(() => String, { nullable: true, description: 'First day (YYYY-MM-DD); null = unknown.' })
  since!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Last day (YYYY-MM-DD); null = still holds.',
  })
  until!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where we learned it: import, form, staff …',
  })
  source!: string | null;

  @Field({ description: 'Holds today.' })
  isCurrent!: boolean;

  personId!: string;
  organizationId!: string;
}

/** Today's date as YYYY-MM-DD (UTC), the reference for "current" roles. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function toRole(record: RoleRecord, on: string = today()): Role {
  const started = record.since === null || record.since <= on;
  const notEnded = record.until === null || record.until >= on;
  return { ...record, isCurrent: started && notEnded };
}
