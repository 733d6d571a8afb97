import { Access } from '../access/access-rules';
import { Ctx, Query, Resolver, Authorized } from 'type-graphql';
import type { GraphQLContext } from '../../server/context';
import { ServerInfo } from './server-info.type';

@Resolver(() => ServerInfo)
export class ServerInfoResolver {
  @Authorized(Access.READ)
  @Query(() => ServerInfo, {
    description: 'The service and database versions; a liveness check that reads Neo4j.',
  })
  serverInfo(@Ctx() context: GraphQLContext): Promise<ServerInfo> {
    return context.services.serverInfo.describe(context.scope);
  }
}
