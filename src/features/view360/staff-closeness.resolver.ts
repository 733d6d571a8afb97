import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { notFound } from '../../core/errors/domain-error';
import type { GraphQLContext } from '../../server/context';
import { Interaction, type InteractionRecord } from '../interactions/interaction.type';
import { Person } from '../people/person.type';
import { StaffUser, type StaffUserRecord } from '../staff/staff-user.type';
import { loadInteractions } from './load-interactions';
import {
  StaffCloseness,
  type StaffClosenessRecord,
  StaffRelationship,
  type StaffRelationshipRecord,
} from './staff-closeness';

async function staffUser(context: GraphQLContext, userId: string): Promise<StaffUserRecord> {
  const user = await context.loaders.staffUser.load(userId);
  if (user === null) throw notFound('The staff user no longer exists');
  return user;
}

@Resolver(() => StaffCloseness)
export class StaffClosenessResolver {
  @FieldResolver(() => StaffUser)
  staff(@Root() record: StaffClosenessRecord, @Ctx() context: GraphQLContext) {
    return staffUser(context, record.id);
  }

  @FieldResolver(() => [Interaction], {
    description: 'The newest shared interactions (up to 3), as evidence.',
  })
  recentSharedInteractions(
    @Root() record: StaffClosenessRecord,
    @Ctx() context: GraphQLContext,
  ): Promise<InteractionRecord[]> {
    return loadInteractions(record.recentSharedInteractionIds, context);
  }
}

@Resolver(() => StaffRelationship)
export class StaffRelationshipResolver {
  @FieldResolver(() => StaffUser)
  staff(@Root() record: StaffRelationshipRecord, @Ctx() context: GraphQLContext) {
    return staffUser(context, record.id);
  }

  @FieldResolver(() => [Person], {
    description: 'The people there they are closest to (up to 3), closest first.',
  })
  async closestContacts(
    @Root() record: StaffRelationshipRecord,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Person[]> {
    const people = await Promise.all(record.closestContactIds.map((id) => loaders.person.load(id)));
    return people.filter((person): person is Person => person !== null);
  }
}
