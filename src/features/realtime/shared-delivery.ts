import {
  createSourceEventStream,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
  print,
} from 'graphql';
import {
  contextForEvent,
  type DirectDelivery,
  viewerKeyOf,
  type GraphQLContext,
} from '../../server/context';
import { PersonalAccessResolver } from '../access/personal-access';
import type { PersonalAccess } from '../access/personal-data';
import type { AuditTrail } from '../audit/audit-trail';
import { DeliveredEvent } from './delivered-event';
import {
  type DeliveryOutcome,
  type DeliveryOutlet,
  DeliveryQueue,
  type DeliverySlot,
  type SharedDelivery,
} from './delivery-queue';
import { SUBSCRIBER_BUFFER } from './local-pub-sub';
import { SubscriberQueue } from './subscriber-queue';

/** What one execution of an event asked of need-to-know, and what it produced. */
interface Variant {
  /** The access level of every person the execution asked about ('' = data of no known person). */
  access: Map<string, PersonalAccess>;
  result: ExecutionResult;
  /** Whose personal data the result shows (for each subscriber's audit entry). */
  peopleRead: string[];
  /** The result serialised for the wire, once for all its subscribers. */
  delivery: SharedDelivery | null;
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
  // Reads go to the variant, not to the executing subscriber's audit trail: that subscriber may be
  // writing an earlier event's entry meanwhile, and every subscriber notes the variant's reads
  // when it is sent the result.
  const peopleRead = new Set<string>();
  const execution: GraphQLContext = {
    ...context,
    personalAccess: recording,
    noteRead: (personId) => peopleRead.add(personId),
  };
  const result = await execute({ ...args, contextValue: execution, rootValue: delivered });
  return { access: recording.asked, result, peopleRead: [...peopleRead], delivery: null };
}

/** The variants of one event for one operation and set of roles, and which one each viewer got. */
interface EventVariants {
  executed: Promise<Variant>[];
  /** Keyed by viewerKey: the subscriptions of one viewer share its need-to-know answers. */
  chosen: Map<string, ViewerDelivery>;
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

/** A variant as its subscribers are sent it: serialised by the first of them, shared by all. */
function sharedDeliveryOf(variant: Variant, direct: DirectDelivery): SharedDelivery {
  variant.delivery ??= {
    payload: direct.payloadOf(variant.result),
    peopleRead: variant.peopleRead,
  };
  return variant.delivery;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * One viewer's outcome of one event, and the slots of that viewer's subscriptions waiting for it:
 * when it settles they are settled in one loop, without a promise per subscription.
 */
class ViewerDelivery {
  private readonly waiting: DeliverySlot[] = [];
  private outcome: DeliveryOutcome | null = null;

  constructor(outcome: Promise<DeliveryOutcome>) {
    void outcome.then((settled) => this.settle(settled));
  }

  add(slot: DeliverySlot): void {
    if (this.outcome === null) this.waiting.push(slot);
    else slot.queue.settle(slot, this.outcome);
  }

  private settle(outcome: DeliveryOutcome): void {
    this.outcome = outcome;
    for (const slot of this.waiting.splice(0)) slot.queue.settle(slot, outcome);
  }
}

/** What one subscription needs to take its share of an event. */
interface SharedSubscription {
  args: ExecutionArgs;
  context: GraphQLContext;
  direct: DirectDelivery;
  /** Its operation, variables and roles: subscriptions with the same key can share a result. */
  variantsKey: string;
  /** Its viewer (see contextForEvent). */
  viewerKey: string;
}

/**
 * The viewer's variant of an event, checked and (when no variant fits) executed through the
 * viewer's first subscription once the publish loop is done, ready to send.
 */
async function viewerOutcome(
  subscription: SharedSubscription,
  variants: EventVariants,
  delivered: DeliveredEvent<unknown>,
): Promise<DeliveryOutcome> {
  const { args, context, direct } = subscription;
  // Nothing of this runs in the publisher's turn: its loop goes on to the other subscribers first.
  await Promise.resolve();
  try {
    const variant = await chooseVariant(
      args,
      variants,
      delivered,
      contextForEvent(context, delivered),
    );
    return { kind: 'shared', delivery: sharedDeliveryOf(variant, direct) };
  } catch (error) {
    return { kind: 'error', error: asError(error) };
  }
}

/**
 * One event, many subscribers: subscribers with the same operation, variables and staff roles
 * get the same result whenever need-to-know answers the same for every person the execution
 * asked about, because nothing else in a delivery depends on the viewer (field resolvers never
 * read it; masking goes through `personalAccess`). So the event is executed once per distinct
 * answer (admins, reps assigned to the author, reps who are not …), and serialised once per
 * result, not once per subscriber. Each viewer's need-to-know is checked (one query for all
 * viewers, SharedNeedToKnow) once per event, by its first subscription: the subscriptions of one
 * viewer share its answers (contextForEvent), so they share the choice of variant too. Runs in the
 * publisher's turn, so it only takes the subscription's slot; the work starts after the publish.
 */
function deliverShared(
  subscription: SharedSubscription,
  delivered: DeliveredEvent<unknown>,
  slot: DeliverySlot,
): void {
  const variants = delivered.once<EventVariants>(subscription.variantsKey, () => ({
    executed: [],
    chosen: new Map(),
  }));
  let choice = variants.chosen.get(subscription.viewerKey);
  if (choice === undefined) {
    choice = new ViewerDelivery(viewerOutcome(subscription, variants, delivered));
    variants.chosen.set(subscription.viewerKey, choice);
  }
  choice.add(slot);
}

/** Events that are not DeliveredEvents (none today) execute on their own and go through graphql-ws. */
function deliverAlone(args: ExecutionArgs, event: unknown, slot: DeliverySlot): void {
  Promise.resolve()
    .then(() => execute({ ...args, rootValue: event }))
    .then(
      (result) => slot.queue.settle(slot, { kind: 'result', result }),
      (error: unknown) => slot.queue.settle(slot, { kind: 'error', error: asError(error) }),
    );
}

/**
 * Each subscriber's audit entry for what it is shown is written before it is sent, as onNext does
 * for results that go through graphql-ws; a delivery that shows no personal data does not wait.
 */
function auditedOutlet(audit: AuditTrail, direct: DirectDelivery): DeliveryOutlet {
  return {
    audit(peopleRead) {
      for (const personId of peopleRead) audit.noteRead(personId);
      return audit.hasEntries ? audit.flush() : undefined;
    },
    send: (payload) => direct.sendNext(payload),
  };
}

/**
 * graphql-ws's `subscribe`: graphql-js's own, except that each event is executed through
 * `deliverShared` as soon as it is published, and sent in order by the subscription's
 * DeliveryQueue. graphql-ws reads that queue as the subscription's iterator, which yields only
 * what does not go to the socket directly: results of events that are not DeliveredEvents, and
 * errors.
 */
export async function subscribeWithSharedDeliveries(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult, undefined, undefined> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  const context = args.contextValue as GraphQLContext;
  const direct = context.directDelivery;
  if (!(stream instanceof SubscriberQueue) || direct === undefined) {
    throw new Error(
      'A subscription must listen through LocalPubSub (RealtimeBus.subscribe) and be served over WebSocket',
    );
  }
  // Fixed for the subscription's life: its operation, variables and viewer do not change.
  const roles = context.viewer === null ? 'anonymous' : [...context.viewer.roles].sort().join(',');
  const subscription: SharedSubscription = {
    args,
    context,
    direct,
    variantsKey: `variants:${roles}:${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${print(args.document)}`,
    viewerKey: viewerKeyOf(context.viewer),
  };
  const deliveries = new DeliveryQueue(
    SUBSCRIBER_BUFFER,
    auditedOutlet(context.audit, direct),
    () => void stream.return(),
  );
  stream.forward(
    (event) => {
      const slot = deliveries.reserve();
      if (event instanceof DeliveredEvent) deliverShared(subscription, event, slot);
      else deliverAlone(args, event, slot);
    },
    (error) => deliveries.fail(error),
  );
  return deliveries;
}
