import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** What a member of staff does; access rules build on it (data-protection issue). */
export enum StaffRole {
  ADMIN = 'ADMIN',
  SALES_REP = 'SALES_REP',
  SUPPORT = 'SUPPORT',
  MARKETING = 'MARKETING',
  ANALYST = 'ANALYST',
  DATA_PROTECTION_OFFICER = 'DATA_PROTECTION_OFFICER',
}

registerEnumType(StaffRole, { name: 'StaffRole' });

export interface StaffUserRecord {
  id: string;
  login: string;
  displayName: string;
  staffRole: StaffRole;
  personId: string | null;
}

@ObjectType('User', {
  description: 'A member of our staff who logs in; linked to their own person.',
})
export class StaffUser {
  @Field(() => ID)
  id!: string;

  @Field()
  login!: string;

  @Field()
  displayName!: string;

  @Field(() => StaffRole)
  staffRole!: StaffRole;

  personId!: string | null;
}
