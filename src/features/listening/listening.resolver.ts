import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../server/context';
import { Access } from '../access/access-rules';
import { IngestReport } from './ingest.type';
import { PostInput } from './post.input';

@Resolver()
export class ListeningResolver {
  @Authorized(Access.INGEST)
  @Mutation(() => IngestReport, {
    description:
      'Ingests up to 500 posts in one transaction (BAD_USER_INPUT naming posts.<index>.<field> for a bad one; nothing is written then). Idempotent by platform + postId. Feeds with more posts stream NDJSON to POST /ingest/posts.',
  })
  ingestPosts(
    @Arg('posts', () => [PostInput]) posts: PostInput[],
    @Ctx() { services, scope }: GraphQLContext,
  ): Promise<IngestReport> {
    return services.ingest.ingestPosts(scope, posts);
  }
}
