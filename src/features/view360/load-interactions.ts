import type { GraphQLContext } from '../../server/context';
import type { InteractionRecord } from '../interactions/interaction.type';

/** Interactions by id through the operation's loader, in the given order; vanished ones left out. */
export async function loadInteractions(
  ids: readonly string[],
  { loaders }: GraphQLContext,
): Promise<InteractionRecord[]> {
  const loaded = await Promise.all(ids.map((id) => loaders.interaction.load(id)));
  return loaded.filter((record): record is InteractionRecord => record !== null);
}
