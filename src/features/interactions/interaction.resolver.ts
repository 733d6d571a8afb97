import { changing } from '../audit/audited';
import { PersonalData, Sensitivity } from '../access/personal-data';
import { Access } from '../access/access-rules';
import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Authorized,
} from 'type-graphql';
import { connectionType, type Connection } from '../../core/pagination/connection';
import type { GraphQLContext } from '../../server/context';
import { DeletionResult } from '../shared/deletion-result.type';
import { StaffUser } from '../staff/staff-user.type';
import {
  InteractionFilter,
  RecordInteractionInput,
  UpdateInteractionInput,
} from './interaction.input';
import { Interaction, type InteractionRecord } from './interaction.type';
import {
  InteractionActor,
  InteractionSubject,
  type LinkedNode,
  loadLinkedNodes,
  Mentionable,
} from './interaction-links';

@ObjectType()
export class InteractionConnection extends connectionType('Interaction', Interaction) {}

@Resolver(() => Interaction)
export class InteractionResolver {
  @Authorized(Access.READ)
  @Query(() => Interaction, { description: 'NOT_FOUND when no interaction has this id.' })
  interaction(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.interactions.get(scope, id);
  }

  @Authorized(Access.READ)
  @Query(() => InteractionConnection, { description: 'Newest first.' })
  interactions(
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('filter', () => InteractionFilter, { nullable: true }) filter?: InteractionFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<InteractionRecord>> {
    return services.interactions.list(scope, filter, first, after);
  }

  @PersonalData(Sensitivity.ACTIVITY)
  @FieldResolver(() => InteractionActor, { nullable: true })
  async performer(
    @Root() interaction: InteractionRecord,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<LinkedNode | null> {
    if (interaction.performer === null) return null;
    const [performer] = await loadLinkedNodes([interaction.performer], loaders);
    return performer ?? null;
  }

  @FieldResolver(() => [InteractionSubject])
  about(
    @Root() interaction: InteractionRecord,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<LinkedNode[]> {
    return loadLinkedNodes(interaction.about, loaders);
  }

  @PersonalData(Sensitivity.ACTIVITY)
  @FieldResolver(() => [Mentionable])
  mentions(
    @Root() interaction: InteractionRecord,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<LinkedNode[]> {
    return loadLinkedNodes(interaction.mentions, loaders);
  }

  @FieldResolver(() => Interaction, { nullable: true })
  replyTo(@Root() interaction: InteractionRecord, @Ctx() { loaders }: GraphQLContext) {
    return interaction.replyToId === null ? null : loaders.interaction.load(interaction.replyToId);
  }

  @FieldResolver(() => StaffUser, { nullable: true })
  handledBy(@Root() interaction: InteractionRecord, @Ctx() { loaders }: GraphQLContext) {
    return interaction.handledByUserId === null
      ? null
      : loaders.staffUser.load(interaction.handledByUserId);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => Interaction, {
    description: 'Records an interaction; with platform + postId it is an idempotent upsert.',
  })
  recordInteraction(
    @Arg('input') input: RecordInteractionInput,
    @Ctx() { services, scope, audit }: GraphQLContext,
  ) {
    return changing(audit, services.interactions.record(scope, input), () => [
      input.performedByPersonId,
    ]);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => Interaction)
  updateInteraction(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateInteractionInput,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.interactions.update(scope, id, input);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => DeletionResult)
  deleteInteraction(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.interactions.delete(scope, id);
  }
}
