import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A post that was not ingested, and why.' })
export class IngestProblem {
  @Field(() => Int, { description: 'The NDJSON line (1-based), or the index in posts (0-based).' })
  line!: number;

  @Field({ description: 'The offending field, or "line" for a line that is not a post.' })
  field!: string;

  @Field()
  message!: string;
}

@ObjectType({ description: 'What an ingest did.' })
export class IngestReport {
  @Field(() => Int, { description: 'Posts (or non-blank lines) received.' })
  received!: number;

  @Field(() => Int, { description: 'New posts stored.' })
  created!: number;

  @Field(() => Int, { description: 'Posts that were already there: nothing changed.' })
  unchanged!: number;

  @Field(() => Int, { description: 'Posts refused; see problems.' })
  rejected!: number;

  @Field(() => Int)
  alertsRaised!: number;

  @Field(() => [IngestProblem], { description: 'The first 1,000 problems.' })
  problems!: IngestProblem[];
}
