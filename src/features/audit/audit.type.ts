import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { StaffRole } from '../staff/staff-user.type';

export enum AuditAction {
  READ = 'READ',
  CHANGE = 'CHANGE',
  EXPORT = 'EXPORT',
  ERASE = 'ERASE',
}
registerEnumType(AuditAction, { name: 'AuditAction' });

export interface AuditRecord {
  id: string;
  at: string;
  userId: string;
  login: string;
  roles: StaffRole[];
  operation: string;
  requestId: string;
  action: AuditAction;
  subjectIds: string[];
}

@ObjectType({
  description:
    'Who read or changed personal data of which people, when, through which operation. After an erasure the person appears only as a pseudonym.',
})
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'ISO date-time.' })
  at!: string;

  @Field(() => ID, { description: 'The staff user (token subject).' })
  userId!: string;

  @Field()
  login!: string;

  @Field(() => [StaffRole])
  roles!: StaffRole[];

  @Field({ description: 'The GraphQL operation name.' })
  operation!: string;

  @Field()
  requestId!: string;

  @Field(() => AuditAction)
  action!: AuditAction;

  @Field(() => [ID], { description: 'Ids of the people concerned (pseudonyms once erased).' })
  subjectIds!: string[];
}
