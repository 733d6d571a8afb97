import { Access } from '../access/access-rules';
import { Arg, Ctx, ID, Int, Mutation, ObjectType, Query, Resolver, Authorized } from 'type-graphql';
import { connectionType } from '../../core/pagination/connection';
import type { GraphQLContext } from '../../server/context';
import { DeletionResult } from '../shared/deletion-result.type';
import { CampaignInput, ProductInput } from './catalog.input';
import { Campaign, Product, Topic } from './catalog.type';

@ObjectType()
export class TopicConnection extends connectionType('Topic', Topic) {}

@ObjectType()
export class ProductConnection extends connectionType('Product', Product) {}

@ObjectType()
export class CampaignConnection extends connectionType('Campaign', Campaign) {}

@Resolver(() => Topic)
export class TopicResolver {
  @Authorized(Access.READ)
  @Query(() => TopicConnection, { description: 'Sorted by name.' })
  topics(
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('nameContains', () => String, { nullable: true }) nameContains?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return services.catalog.list(scope, 'Topic', nameContains, first, after);
  }

  @Authorized(Access.WRITE_CATALOG)
  @Mutation(() => Topic, {
    description:
      "Idempotent by name (trimmed, any case). Keywords given replace the topic's (an empty list removes them); none given leave them as they are.",
  })
  upsertTopic(
    @Arg('name') name: string,
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('keywords', () => [String], { nullable: true }) keywords?: string[] | null,
  ) {
    return services.catalog.upsertTopic(scope, name, keywords);
  }

  @Authorized(Access.WRITE_CATALOG)
  @Mutation(() => DeletionResult)
  deleteTopic(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.catalog.delete(scope, 'Topic', id);
  }
}

@Resolver(() => Product)
export class ProductResolver {
  @Authorized(Access.READ)
  @Query(() => Product)
  product(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.catalog.get(scope, 'Product', id);
  }

  @Authorized(Access.READ)
  @Query(() => ProductConnection, { description: 'Sorted by name.' })
  products(
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('nameContains', () => String, { nullable: true }) nameContains?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return services.catalog.list(scope, 'Product', nameContains, first, after);
  }

  @Authorized(Access.WRITE_CATALOG)
  @Mutation(() => Product)
  createProduct(@Arg('input') input: ProductInput, @Ctx() { services, scope }: GraphQLContext) {
    return services.catalog.create(scope, 'Product', input);
  }

  @Authorized(Access.WRITE_CATALOG)
  @Mutation(() => Product)
  updateProduct(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: ProductInput,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.catalog.update(scope, 'Product', id, input);
  }

  @Authorized(Access.WRITE_CATALOG)
  @Mutation(() => DeletionResult)
  deleteProduct(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.catalog.delete(scope, 'Product', id);
  }
}

@Resolver(() => Campaign)
export class CampaignResolver {
  @Authorized(Access.READ)
  @Query(() => CampaignConnection, { description: 'Sorted by name.' })
  campaigns(
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('nameContains', () => String, { nullable: true }) nameContains?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return services.catalog.list(scope, 'Campaign', nameContains, first, after);
  }

  @Authorized(Access.WRITE_CATALOG)
  @Mutation(() => Campaign)
  createCampaign(@Arg('input') input: CampaignInput, @Ctx() { services, scope }: GraphQLContext) {
    return services.catalog.create(scope, 'Campaign', input);
  }

  @Authorized(Access.WRITE_CATALOG)
  @Mutation(() => Campaign)
  updateCampaign(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: CampaignInput,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.catalog.update(scope, 'Campaign', id, input);
  }

  @Authorized(Access.WRITE_CATALOG)
  @Mutation(() => DeletionResult)
  deleteCampaign(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.catalog.delete(scope, 'Campaign', id);
  }
}
