import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'What this service runs on; read from the database on every request.' })
export class ServerInfo {
  @Field({ description: 'Version of this GraphQL service.' })
  version!: string;

  @Field({ description: 'Neo4j server version, e.g. 5.26.30.' })
  neo4jVersion!: string;

  @Field({ description: 'Neo4j edition: community or enterprise.' })
  neo4jEdition!: string;

  @Field({ description: 'Name of the Neo4j database the service uses.' })
  database!: string;

  @Field(() => String, {
    nullable: true,
    description: 'APOC Core version, null when not installed.',
  })
  apocVersion!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Graph Data Science version, null when not installed.',
  })
  gdsVersion!: string | null;
}
