import { Length } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';

@InputType()
export class ErasePersonInput {
  @Field({ description: 'The person to erase.' })
  @Length(1, 100)
  personId!: string;

  @Field({ description: 'Why, e.g. the ticket of the data subject request. No personal data.' })
  @Length(1, 500)
  reason!: string;
}

@ObjectType({ description: 'What an erasure removed and kept.' })
export class ErasureResult {
  @Field({
    description: 'Stands in for the person where records must stay (orders) and in the audit log.',
  })
  pseudonym!: string;

  @Field({ description: 'True when the person had been erased before; nothing changed now.' })
  alreadyErased!: boolean;

  @Field(() => Int, { description: 'The person record and records merged into it.' })
  erasedRecords!: number;

  @Field(() => Int)
  deletedAccounts!: number;

  @Field(() => Int)
  deletedInteractions!: number;

  @Field(() => Int, { description: 'Orders kept for bookkeeping, now under the pseudonym.' })
  keptOrders!: number;

  @Field(() => Int, {
    description:
      "Text properties elsewhere (others' posts, notes) cleaned of the person's identifiers.",
  })
  scrubbedProperties!: number;
}
