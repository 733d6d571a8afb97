import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { type Connection, connectionType } from '../../core/pagination/connection';
import type { GraphQLContext } from '../../server/context';
import { Access } from '../access/access-rules';
import { PersonalData, Sensitivity } from '../access/personal-data';
import { Interaction } from '../interactions/interaction.type';
import { Person } from '../people/person.type';
import { StaffUser } from '../staff/staff-user.type';
import { WatchList } from '../watch-lists/watch-list.type';
import { AlertFilter } from './alert.input';
import {
  Alert,
  AlertNote,
  type AlertNoteRecord,
  type AlertRecord,
  AlertStatus,
} from './alert.type';

@ObjectType()
export class AlertConnection extends connectionType('Alert', Alert) {}

@Resolver(() => AlertNote)
export class AlertNoteResolver {
  @FieldResolver(() => StaffUser, { nullable: true })
  author(@Root() note: AlertNoteRecord, @Ctx() { loaders }: GraphQLContext) {
    return note.authorUserId === null ? null : loaders.staffUser.load(note.authorUserId);
  }
}

@Resolver(() => Alert)
export class AlertResolver {
  @Authorized(Access.READ)
  @Query(() => Alert, { description: 'NOT_FOUND when no alert has this id.' })
  alert(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.alerts.get(scope, id);
  }

  @Authorized(Access.READ)
  @Query(() => AlertConnection, { description: 'Newest first.' })
  alerts(
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('filter', () => AlertFilter, { nullable: true }) filter?: AlertFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<AlertRecord>> {
    return services.alerts.list(scope, filter, first, after);
  }

  @FieldResolver(() => WatchList, { nullable: true, description: 'Null once the list is deleted.' })
  watchList(@Root() alert: AlertRecord) {
    return alert.watchList;
  }

  @FieldResolver(() => Interaction, { nullable: true, description: 'The post that matched.' })
  post(@Root() alert: AlertRecord, @Ctx() { loaders }: GraphQLContext) {
    return loaders.interaction.load(alert.interactionId);
  }

  @PersonalData(Sensitivity.IDENTITY)
  @FieldResolver(() => Person, {
    nullable: true,
    description: 'The person the post is attributed to (the account owner, with consent).',
  })
  author(@Root() alert: AlertRecord, @Ctx() { loaders }: GraphQLContext) {
    return alert.authorPersonId === null ? null : loaders.person.load(alert.authorPersonId);
  }

  @FieldResolver(() => StaffUser, { nullable: true })
  assignee(@Root() alert: AlertRecord, @Ctx() { loaders }: GraphQLContext) {
    return alert.assigneeId === null ? null : loaders.staffUser.load(alert.assigneeId);
  }

  @FieldResolver(() => [AlertNote], { description: 'Oldest first.' })
  notes(@Root() alert: AlertRecord): AlertNoteRecord[] {
    return alert.notes;
  }

  @Authorized(Access.LISTENING)
  @Mutation(() => Alert, { description: 'userId null unassigns. Publishes alertUpdated.' })
  assignAlert(
    @Arg('id', () => ID) id: string,
    @Arg('userId', () => ID, { nullable: true }) userId: string | null,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.alerts.assign(scope, id, userId ?? null);
  }

  @Authorized(Access.LISTENING)
  @Mutation(() => Alert, {
    description:
      'The same text by the same user again adds no second note. Publishes alertUpdated.',
  })
  addAlertNote(
    @Arg('id', () => ID) id: string,
    @Arg('text') text: string,
    @Ctx() { services, scope, viewer }: GraphQLContext,
  ) {
    return services.alerts.addNote(scope, id, text, viewer?.userId ?? null);
  }

  @Authorized(Access.LISTENING)
  @Mutation(() => Alert, {
    description:
      'Forward only: OPEN → ACKNOWLEDGED → RESOLVED (BAD_USER_INPUT going back; the same status is a no-op). Publishes alertUpdated.',
  })
  setAlertStatus(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => AlertStatus) status: AlertStatus,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.alerts.setStatus(scope, id, status);
  }
}

export const ALERT_RESOLVERS = [AlertResolver, AlertNoteResolver] as const;
