import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';

/** Ties between people. Each value is a relationship type in the graph (see TIE_RELATIONSHIPS). */
export enum TieType {
  KNOWS = 'KNOWS',
  COLLEAGUE_OF = 'COLLEAGUE_OF',
  FAMILY_OF = 'FAMILY_OF',
  FRIEND_OF = 'FRIEND_OF',
  REFERRED = 'REFERRED',
  REPORTS_TO = 'REPORTS_TO',
}

registerEnumType(TieType, { name: 'TieType' });

/**
 * The allow-list from tie type to relationship type: the only way a tie type reaches Cypher text.
 */
export const TIE_RELATIONSHIPS: Readonly<Record<TieType, string>> = {
  [TieType.KNOWS]: 'KNOWS',
  [TieType.COLLEAGUE_OF]: 'COLLEAGUE_OF',
  [TieType.FAMILY_OF]: 'FAMILY_OF',
  [TieType.FRIEND_OF]: 'FRIEND_OF',
  [TieType.REFERRED]: 'REFERRED',
  [TieType.REPORTS_TO]: 'REPORTS_TO',
};

/** `KNOWS|COLLEAGUE_OF|…` for patterns that accept any tie. */
export const ANY_TIE = Object.values(TIE_RELATIONSHIPS).join('|');

export interface TieRecord {
  id: string;
  type: TieType;
  strength: number;
  since: string | null;
  source: string | null;
  fromPersonId: string;
  toPersonId: string;
}

@ObjectType({ description: 'A directed tie from one person to another, with its strength 0–1.' })
export class Tie {
  @Field(() => ID)
  id!: string;

  @Field(() => TieType)
  type!: TieType;

  @Field(() => Float)
  strength!: number;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  since!: string | null;

  @Field(() => String, { nullable: true })
  source!: string | null;

  fromPersonId!: string;
  toPersonId!: string;
}
