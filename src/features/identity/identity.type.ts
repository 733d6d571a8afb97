import { Field, Float, ObjectType } from 'type-graphql';
import { Person } from '../people/person.type';

export interface SameAsRecord {
  personId: string;
  otherPersonId: string;
  confidence: number;
  source: string | null;
  createdAt: string;
}

@ObjectType({ description: 'Two person records that may be the same human.' })
export class SameAsLink {
  @Field(() => Person, { description: 'The other record.' })
  other!: Person;

  @Field(() => Float)
  confidence!: number;

  @Field(() => String, { nullable: true })
  source!: string | null;

  @Field()
  createdAt!: string;
}

@ObjectType({ description: 'What a merge moved; undo it with unmergePerson.' })
export class MergeResult {
  @Field(() => Person)
  survivor!: Person;

  @Field({ description: 'The id of the merged record, now hidden behind the survivor.' })
  mergedId!: string;

  @Field({ description: 'Relationships moved from the merged record to the survivor.' })
  movedRelationships!: number;

  @Field(() => [String], {
    description: 'Properties the survivor lacked and took from the merged record.',
  })
  filledProperties!: string[];
}
