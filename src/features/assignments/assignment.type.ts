import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, Length } from 'class-validator';

/** What an account is: an organization (everyone with a current role there) or one person. */
export enum AccountKind {
  ORGANIZATION = 'ORGANIZATION',
  PERSON = 'PERSON',
}
registerEnumType(AccountKind, { name: 'AccountKind' });

/** Who holds an account: one member of staff or a team. */
export enum AssigneeKind {
  USER = 'USER',
  TEAM = 'TEAM',
}
registerEnumType(AssigneeKind, { name: 'AssigneeKind' });

@ObjectType({ description: 'A team of staff sharing the accounts it is responsible for.' })
export class Team {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [ID], { description: 'Ids of the staff users in the team.' })
  memberIds!: string[];
}

@InputType()
export class AccountAssignmentInput {
  @Field(() => AssigneeKind)
  assigneeKind!: AssigneeKind;

  @Field(() => ID, { description: 'A staff user id or a team id.' })
  @Length(1, 100)
  assigneeId!: string;

  @Field(() => AccountKind)
  accountKind!: AccountKind;

  @Field(() => ID, { description: 'An organization id or a person id.' })
  @Length(1, 100)
  accountId!: string;
}

@ObjectType({ description: 'An account held by a member of staff or a team (need-to-know).' })
export class AccountAssignment {
  @Field(() => AssigneeKind)
  assigneeKind!: AssigneeKind;

  @Field(() => ID)
  assigneeId!: string;

  @Field(() => AccountKind)
  accountKind!: AccountKind;

  @Field(() => ID)
  accountId!: string;

  @Field({ description: 'True while the assignment holds; false after unassigning.' })
  assigned!: boolean;
}

@InputType()
export class TeamInput {
  @Field({ description: 'Unique; creating a team with an existing name returns that team.' })
  @Length(1, 100)
  name!: string;

  @Field(() => [ID], { description: 'Replaces the members.' })
  @ArrayMaxSize(500)
  memberIds!: string[];
}
