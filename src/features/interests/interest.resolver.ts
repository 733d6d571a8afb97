import { changing } from '../audit/audited';
import { Access } from '../access/access-rules';
import { Arg, Ctx, ID, Mutation, Resolver, Authorized } from 'type-graphql';
import type { GraphQLContext } from '../../server/context';
import { SetInterestInput } from './interest.input';
import { Interest } from './interest.type';

@Resolver(() => Interest)
export class InterestResolver {
  @Authorized(Access.WRITE_CRM)
  @Mutation(() => Interest)
  setInterest(
    @Arg('input') input: SetInterestInput,
    @Ctx() { services, scope, audit }: GraphQLContext,
  ) {
    return changing(audit, services.interests.set(scope, input), () => [input.personId]);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => Boolean, { description: 'True when an interest was removed.' })
  removeInterest(
    @Arg('personId', () => ID) personId: string,
    @Arg('subjectId', () => ID) subjectId: string,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.interests.remove(scope, personId, subjectId);
  }
}
