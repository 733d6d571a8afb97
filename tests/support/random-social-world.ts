import { seededRandom as randomFrom } from '../../src/core/random/seeded-random';
import { TieType } from '../../src/features/ties/tie.type';
import type { GraphSpec } from './social-graph-builder';

/**
 * Random social worlds for the introduction tests: people, staff, ties of every type, accounts
 * that follow each other and interactions shared in every way, with the links worked out from
 * the spec alone (the independent answer).
 */

const PROSPECTING = ['SALES_PROSPECTING'];
const TIE_TYPES = Object.values(TieType);

export type Adjacency = Map<string, Set<string>>;

function link(adjacency: Adjacency, a: string, b: string): void {
  if (a === b) return;
  adjacency.get(a)?.add(b);
  adjacency.get(b)?.add(a);
}

export interface RandomWorld {
  spec: GraphSpec;
  people: string[];
  staff: string[];
  consented: Set<string>;
  /** Who is linked to whom, worked out from the spec alone: the independent answer. */
  links: Adjacency;
}

/**
 * A random world of people with every kind of link the feature knows: ties of each type and
 * direction, accounts that follow each other, and interactions shared through performing,
 * mentions (of people and accounts), replies and handling by staff.
 */
export function randomWorld(seed: number, size: number): RandomWorld {
  const random = randomFrom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const people = Array.from({ length: size }, (_, index) => `rw${seed}-p${index}`);
  const consented = new Set(people.filter(() => random() < 0.75));
  const staff = people.slice(0, 3);
  const links: Adjacency = new Map(people.map((id) => [id, new Set<string>()]));
  const spec: GraphSpec = {
    persons: people.map((id) => ({ id, consents: consented.has(id) ? PROSPECTING : [] })),
    users: staff.map((personId, index) => ({ id: `rw${seed}-u${index}`, personId })),
    ties: [],
    accounts: [],
    follows: [],
    interactions: [],
  };
  const seenTies = new Set<string>();
  for (let n = 0; n < size * 0.9; n++) {
    const from = pick(people);
    const to = pick(people);
    const type = pick(TIE_TYPES);
    if (from === to || seenTies.has(`${from}${type}${to}`)) continue;
    seenTies.add(`${from}${type}${to}`);
    spec.ties?.push({ from, to, type, strength: Math.round(random() * 100) / 100 });
    link(links, from, to);
  }
  const ownerOf = new Map<string, string>();
  for (const person of people) {
    if (random() < 0.4) {
      const id = `${person}-x`;
      spec.accounts?.push({ id, platform: 'X', ownerId: person });
      ownerOf.set(id, person);
    }
  }
  const accounts = [...ownerOf.keys()];
  for (let n = 0; n < size * 0.3 && accounts.length > 1; n++) {
    const from = pick(accounts);
    const to = pick(accounts);
    if (from === to) continue;
    spec.follows?.push({ from, to });
    link(links, ownerOf.get(from) as string, ownerOf.get(to) as string);
  }
  const performerOf = new Map<string, string>();
  for (let n = 0; n < size * 0.4; n++) {
    const id = `rw${seed}-i${n}`;
    const performer = pick(people);
    const byAccount = accounts.length > 0 && random() < 0.3 ? pick(accounts) : null;
    const actor = byAccount === null ? performer : (ownerOf.get(byAccount) as string);
    const participants = new Set([actor]);
    const mentioned = random() < 0.5 ? pick(people) : null;
    if (mentioned !== null) participants.add(mentioned);
    const handler = random() < 0.3 ? Math.floor(random() * staff.length) : null;
    if (handler !== null) participants.add(staff[handler] as string);
    const earlier = [...performerOf.keys()];
    const replyTo = earlier.length > 0 && random() < 0.3 ? pick(earlier) : null;
    if (replyTo !== null) participants.add(performerOf.get(replyTo) as string);
    spec.interactions?.push({
      id,
      kind: replyTo === null ? 'POST' : 'REPLY',
      occurredAt: new Date(Date.now() - Math.floor(random() * 500) * 86_400_000).toISOString(),
      performerPersonId: byAccount === null ? performer : null,
      performerAccountId: byAccount,
      mentionPersonIds: mentioned === null ? [] : [mentioned],
      handledByUserId: handler === null ? null : `rw${seed}-u${handler}`,
      replyToId: replyTo,
    });
    performerOf.set(id, actor);
    for (const a of participants) for (const b of participants) link(links, a, b);
  }
  return { spec, people, staff, consented, links };
}
