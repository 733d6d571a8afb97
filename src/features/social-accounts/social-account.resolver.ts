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
import { Person } from '../people/person.type';
import { DeletionResult } from '../shared/deletion-result.type';
import {
  LinkSocialAccountInput,
  SocialAccountFilter,
  UpsertSocialAccountInput,
} from './social-account.input';
import { Platform, SocialAccount, type SocialAccountRecord } from './social-account.type';

@ObjectType()
export class SocialAccountConnection extends connectionType('SocialAccount', SocialAccount) {}

@Resolver(() => SocialAccount)
export class SocialAccountResolver {
  @Authorized(Access.READ)
  @Query(() => SocialAccount, { description: 'NOT_FOUND when no account has this id.' })
  socialAccount(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.socialAccounts.get(scope, id);
  }

  @Authorized(Access.READ)
  @Query(() => SocialAccount, {
    description: 'By platform and handle (with or without @, any case).',
  })
  socialAccountByHandle(
    @Arg('platform', () => Platform) platform: Platform,
    @Arg('handle') handle: string,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.socialAccounts.getByHandle(scope, platform, handle);
  }

  @Authorized(Access.READ)
  @Query(() => SocialAccountConnection, { description: 'Most followed first.' })
  socialAccounts(
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('filter', () => SocialAccountFilter, { nullable: true }) filter?: SocialAccountFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<SocialAccountRecord>> {
    return services.socialAccounts.list(scope, filter, first, after);
  }

  @PersonalData(Sensitivity.IDENTITY)
  @FieldResolver(() => Person, {
    nullable: true,
    description: 'Null while we do not know who owns it.',
  })
  owner(@Root() account: SocialAccountRecord, @Ctx() { loaders }: GraphQLContext) {
    return account.ownerId === null ? null : loaders.person.load(account.ownerId);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => SocialAccount)
  upsertSocialAccount(
    @Arg('input') input: UpsertSocialAccountInput,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.socialAccounts.upsert(scope, input);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => SocialAccount, {
    description: 'Sets the owner; a previous owner link is replaced.',
  })
  linkSocialAccount(
    @Arg('input') input: LinkSocialAccountInput,
    @Ctx() { services, scope, audit }: GraphQLContext,
  ) {
    return changing(audit, services.socialAccounts.link(scope, input), () => [input.personId]);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => SocialAccount)
  unlinkSocialAccount(
    @Arg('accountId', () => ID) accountId: string,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.socialAccounts.unlink(scope, accountId);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => DeletionResult)
  deleteSocialAccount(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.socialAccounts.delete(scope, id);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => Boolean, { description: 'Idempotent: following twice keeps one FOLLOWS.' })
  follow(
    @Arg('followerId', () => ID) followerId: string,
    @Arg('followedId', () => ID) followedId: string,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.socialAccounts.follow(scope, followerId, followedId);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => Boolean, { description: 'True when a FOLLOWS was removed.' })
  unfollow(
    @Arg('followerId', () => ID) followerId: string,
    @Arg('followedId', () => ID) followedId: string,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.socialAccounts.unfollow(scope, followerId, followedId);
  }
}
