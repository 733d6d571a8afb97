import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../core/pagination/connection';
import { Person } from '../people/person.type';
import { Tie, type TieRecord } from '../ties/tie.type';

export enum TieDirection {
  OUTGOING = 'OUTGOING',
  INCOMING = 'INCOMING',
}

registerEnumType(TieDirection, {
  name: 'TieDirection',
  description: 'Seen from the person whose ties are listed.',
});

export interface PersonTieEdgeRecord {
  cursor: string;
  node: TieRecord;
  otherPersonId: string;
  direction: TieDirection;
}

export interface PersonTieConnectionRecord {
  edges: PersonTieEdgeRecord[];
  pageInfo: PageInfo;
  totalCount: number;
}

@ObjectType({ description: 'One tie of a person, with the person at its other end.' })
export class PersonTieEdge {
  @Field()
  cursor!: string;

  @Field(() => Tie)
  node!: Tie;

  @Field(() => Person, { description: 'The person at the other end of the tie.' })
  other!: Person;

  @Field(() => TieDirection)
  direction!: TieDirection;
}

@ObjectType({ description: 'A page of a person’s ties, strongest first.' })
export class PersonTieConnection {
  @Field(() => [PersonTieEdge])
  edges!: PersonTieEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'All matching ties, on every page.' })
  totalCount!: number;
}
