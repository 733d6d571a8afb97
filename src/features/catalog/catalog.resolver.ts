import { Arg, Ctx, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
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
  @Query(() => TopicConnection, { description: 'Sorted by name.' })
  topics(
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('nameContains', () => String, { nullable: true }) nameContains?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return services.catalog.list(scope, 'Topic', nameContains, first, after);
  }

  @Mutation(() => Topic, { description: 'Idempotent by name (trimmed, any case).' })
  upsertTopic(@Arg('name') name: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.catalog.upsertTopic(scope, name);
  }

  @Mutation(() => DeletionResult)
  deleteTopic(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.catalog.delete(scope, 'Topic', id);
  }
}

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => Product)
  product(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.catalog.get(scope, 'Product', id);
  }

  @Query(() => ProductConnection, { description: 'Sorted by name.' })
  products(
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('nameContains', () => String, { nullable: true }) nameContains?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return services.catalog.list(scope, 'Product', nameContains, first, after);
  }

  @Mutation(() => Product)
  createProduct(@Arg('input') input: ProductInput, @Ctx() { services, scope }: GraphQLContext) {
    return services.catalog.create(scope, 'Product', input);
  }

  @Mutation(() => Product)
  updateProduct(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: ProductInput,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.catalog.update(scope, 'Product', id, input);
  }

  @Mutation(() => DeletionResult)
  deleteProduct(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.catalog.delete(scope, 'Product', id);
  }
}

@Resolver(() => Campaign)
export class CampaignResolver {
  @Query(() => CampaignConnection, { description: 'Sorted by name.' })
  campaigns(
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('nameContains', () => String, { nullable: true }) nameContains?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return services.catalog.list(scope, 'Campaign', nameContains, first, after);
  }

  @Mutation(() => Campaign)
  createCampaign(@Arg('input') input: CampaignInput, @Ctx() { services, scope }: GraphQLContext) {
    return services.catalog.create(scope, 'Campaign', input);
  }

  @Mutation(() => Campaign)
  updateCampaign(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: CampaignInput,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.catalog.update(scope, 'Campaign', id, input);
  }

  @Mutation(() => DeletionResult)
  deleteCampaign(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.catalog.delete(scope, 'Campaign', id);
  }
}
