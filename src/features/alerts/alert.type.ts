import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PersonalData, Sensitivity } from '../access/personal-data';
import type { WatchListRecord } from '../watch-lists/watch-list.type';

/** The CoTweet workflow: a task moves forward only, from OPEN over ACKNOWLEDGED to RESOLVED. */
export enum AlertStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
}

registerEnumType(AlertStatus, { name: 'AlertStatus' });

export const STATUS_ORDER: Readonly<Record<AlertStatus, number>> = {
  [AlertStatus.OPEN]: 0,
  [AlertStatus.ACKNOWLEDGED]: 1,
  [AlertStatus.RESOLVED]: 2,
};

export interface AlertAuthorRoleRecord {
  role: string;
  organizationId: string;
}

export interface AlertNoteRecord {
  id: string;
  text: string;
  authorUserId: string | null;
  createdAt: string;
}

export interface AlertRecord {
  id: string;
  status: AlertStatus;
  watchListId: string;
  watchList: WatchListRecord | null;
  interactionId: string;
  matchedKeywords: string[];
  matchedConditions: string[];
  /** The person the post was attributed to when the alert was raised; owns its personal fields. */
  authorPersonId: string | null;
  authorRoles: AlertAuthorRoleRecord[];
  authorInfluence: number | null;
  authorFollowers: number;
  assigneeId: string | null;
  notes: AlertNoteRecord[];
  createdAt: string;
  updatedAt: string;
}

@ObjectType({ description: "A role the post's author held when the alert was raised." })
export class AlertAuthorRole {
  @Field()
  role!: string;

  @Field(() => ID)
  organizationId!: string;
}

@ObjectType()
export class AlertNote {
  @Field(() => ID)
  id!: string;

  @Field()
  text!: string;

  @Field()
  createdAt!: string;

  authorUserId!: string | null;
}

@ObjectType({
  description:
    'A post that matched a watch list: why it matched, who wrote it (roles and influence at the time), and the task of handling it.',
})
export class Alert {
  @Field(() => ID)
  id!: string;

  @Field(() => AlertStatus)
  status!: AlertStatus;

  @Field(() => ID)
  watchListId!: string;

  @Field(() => [String], { description: 'The keyword terms that matched.' })
  matchedKeywords!: string[];

  @PersonalData(Sensitivity.RELATIONSHIP)
  @Field(() => [String], {
    description: 'The conditions that held, e.g. "2 hops from a decision maker of …".',
  })
  matchedConditions!: string[];

  @PersonalData(Sensitivity.RELATIONSHIP)
  @Field(() => [AlertAuthorRole], { description: "The author's current roles at the time." })
  authorRoles!: AlertAuthorRoleRecord[];

  @PersonalData(Sensitivity.PROFILE)
  @Field(() => Float, { nullable: true, description: "The author's influence score at the time." })
  authorInfluence!: number | null;

  @Field(() => Int, { description: "Followers of the author's account at the time." })
  authorFollowers!: number;

  @Field()
  createdAt!: string;

  @Field()
  updatedAt!: string;
}
