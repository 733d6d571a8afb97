import {
  createSourceEventStream,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
  print,
} from 'graphql';
import { renewForEvent, type GraphQLContext } from '../../server/context';
import { PersonalAccessResolver } from '../access/personal-access';
import type { PersonalAccess } from '../access/personal-data';
import { DeliveredEvent } from './delivered-event';

/** What one execution of an event asked of need-to-know, and what it produced. */
interface Variant {
  /** The access level of every person the execution asked about ('' = data of no known person). */
  access: Map<string, PersonalAccess>;
  result: ExecutionResult;
  /** Whose personal data the result shows (for each subscriber's audit entry). */
  peopleRead: string[];
}

/** Records each need-to-know answer an execution depends on. */
class RecordingPersonalAccess extends PersonalAccessResolver {
  readonly asked = new Map<string, PersonalAccess>();

  override async forPerson(personId: string | null): Promise<PersonalAccess> {
    const level = await super.forPerson(personId);
    this.asked.set(personId ?? '', level);
    return level;
  }
}

async function sameAccess(variant: Variant, context: GraphQLContext): Promise<boolean> {
  for (const [personId, level] of variant.access) {
    if ((await context.personalAccess.forPerson(personId === '' ? null : personId)) !== level) {
      return false;
    }
  }
  return true;
}

async function executeVariant(
  args: ExecutionArgs,
  delivered: DeliveredEvent<unknown>,
  context: GraphQLContext,
): Promise<Variant> {
  const { services, viewer } = context;
  const recording = new RecordingPersonalAccess(services.needToKnow, viewer, {
    operationName: 'subscriptionEvent',
  });
  context.personalAccess = recording;
  const result = await execute({ ...args, rootValue: delivered });
  return { access: recording.asked, result, peopleRead: [...context.audit.peopleRead] };
}

/** The variants of one event for one operation and set of roles, and which one each viewer got. */
interface EventVariants {
  executed: Promise<Variant>[];
  /** Keyed by the event's PersonalAccessResolver of a viewer (one per viewer, see renewForEvent). */
  chosen: Map<PersonalAccessResolver, Promise<Variant>>;
}

/** The first variant whose recorded answers are the viewer's too, or a new execution. */
async function chooseVariant(
  args: ExecutionArgs,
  variants: EventVariants,
  delivered: DeliveredEvent<unknown>,
  context: GraphQLContext,
): Promise<Variant> {
  let checked = 0;
  for (;;) {
    while (checked < variants.executed.length) {
      const variant = await variants.executed[checked];
      checked += 1;
      if (variant !== undefined && (await sameAccess(variant, context))) return variant;
    }
    // No variant fits (checked synchronously after the last await, so none was added meanwhile).
    const own = executeVariant(args, delivered, context);
    variants.executed.push(own);
    return own;
  }
}

/**
 * One event, many subscribers: subscribers with the same operation, variables and staff roles
 * get the same result whenever need-to-know answers the same for every person the execution
 * asked about, because nothing else in a delivery depends on the viewer (field resolvers never
 * read it; masking goes through `personalAccess`). So the event is executed once per distinct
 * answer (admins, reps assigned to the author, reps who are not …), not once per subscriber. Each
 * viewer's need-to-know is checked (one query for all viewers, SharedNeedToKnow) once per event:
 * the subscriptions of one viewer share its answers (renewForEvent), so they share the choice of
 * variant too. Each subscriber's audit trail notes what it was shown, as if it had executed.
 */
async function executeShared(
  args: ExecutionArgs,
  variantsKey: string,
  delivered: DeliveredEvent<unknown>,
): Promise<ExecutionResult> {
  const context = args.contextValue as GraphQLContext;
  renewForEvent(context, delivered);
  const variants = delivered.once<EventVariants>(variantsKey, () => ({
    executed: [],
    chosen: new Map(),
  }));
  const access = context.personalAccess;
  let choice = variants.chosen.get(access);
  if (choice === undefined) {
    choice = chooseVariant(args, variants, delivered, context);
    variants.chosen.set(access, choice);
  }
  const variant = await choice;
  for (const personId of variant.peopleRead) context.audit.noteRead(personId);
  return variant.result;
}

/** An async iterator mapped item by item; `return()` reaches the source at once (unsubscribe). */
function mapEvents(
  source: AsyncIterable<unknown>,
  map: (event: unknown) => Promise<ExecutionResult>,
): AsyncGenerator<ExecutionResult, void, void> {
  const iterator = source[Symbol.asyncIterator]();
  const close = async () => {
    await iterator.return?.();
  };
  const mapped: AsyncGenerator<ExecutionResult, void, void> = {
    async next() {
      const item = await iterator.next();
      if (item.done === true) return { value: undefined, done: true };
      try {
        return { value: await map(item.value), done: false };
      } catch (error) {
        await close();
        throw error;
      }
    },
    async return() {
      await close();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  } as AsyncGenerator<ExecutionResult, void, void>;
  return mapped;
}

/**
 * graphql-ws's `subscribe`: graphql-js's own, except that each event is executed through
 * `executeShared`. Events that are not DeliveredEvents (none today) execute as usual.
 */
export async function subscribeWithSharedDeliveries(
  args: ExecutionArgs,
): Promise<AsyncGenerator<ExecutionResult, void, void> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  // Fixed for the subscription's life: its operation, variables and viewer do not change.
  const context = args.contextValue as GraphQLContext;
  const roles = context.viewer === null ? 'anonymous' : [...context.viewer.roles].sort().join(',');
  const variantsKey = `variants:${roles}:${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${print(args.document)}`;
  return mapEvents(stream, (event) =>
    event instanceof DeliveredEvent
      ? executeShared(args, variantsKey, event)
      : Promise.resolve(execute({ ...args, rootValue: event })),
  );
}
