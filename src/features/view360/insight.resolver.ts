import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { notFound } from '../../core/errors/domain-error';
import type { GraphQLContext } from '../../server/context';
import type { CatalogRecord } from '../catalog/catalog.type';
import { Product, Topic } from '../catalog/catalog.type';
import { Interaction, type InteractionRecord } from '../interactions/interaction.type';
import { StaffUser, type StaffUserRecord } from '../staff/staff-user.type';
import {
  LastContact,
  type LastContactRecord,
  ProductPurchase,
  type ProductPurchaseRecord,
  TopicOfInterest,
  type TopicOfInterestRecord,
} from './insight.type';

async function catalogItem(context: GraphQLContext, id: string): Promise<CatalogRecord> {
  const item = await context.loaders.catalogItem.load(id);
  if (item === null) throw notFound('The topic or product no longer exists');
  return item;
}

@Resolver(() => TopicOfInterest)
export class TopicOfInterestResolver {
  @FieldResolver(() => Topic)
  topic(@Root() record: TopicOfInterestRecord, @Ctx() context: GraphQLContext) {
    return catalogItem(context, record.topicId);
  }
}

@Resolver(() => ProductPurchase)
export class ProductPurchaseResolver {
  @FieldResolver(() => Product)
  product(@Root() record: ProductPurchaseRecord, @Ctx() context: GraphQLContext) {
    return catalogItem(context, record.productId);
  }
}

@Resolver(() => LastContact)
export class LastContactResolver {
  @FieldResolver(() => Interaction)
  async interaction(
    @Root() record: LastContactRecord,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<InteractionRecord> {
    const interaction = await loaders.interaction.load(record.interactionId);
    if (interaction === null) throw notFound('The interaction no longer exists');
    return interaction;
  }

  @FieldResolver(() => StaffUser)
  async staff(
    @Root() record: LastContactRecord,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<StaffUserRecord> {
    const user = await loaders.staffUser.load(record.userId);
    if (user === null) throw notFound('The staff user no longer exists');
    return user;
  }
}
