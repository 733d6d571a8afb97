import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Deleting is idempotent: deleting something already gone succeeds with deleted = false, so a retried request is harmless.',
})
export class DeletionResult {
  @Field(() => ID)
  id!: string;

  @Field()
  deleted!: boolean;
}
