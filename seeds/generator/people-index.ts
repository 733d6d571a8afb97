import { personProfile } from './person-profile';
import type { Random } from './random';
import type { WorldLayout } from './world-plan';

/** People grouped by community (4 bytes per person), so ties mostly stay inside a community. */
export interface PeopleIndex {
  communityStart: Int32Array;
  members: Int32Array;
}

export function buildPeopleIndex(layout: WorldLayout): PeopleIndex {
  const { persons, communities } = layout.size;
  const community = new Uint8Array(persons);
  const communityStart = new Int32Array(communities + 1);
  for (let person = 0; person < persons; person++) {
    const own = personProfile(layout, person).community;
    community[person] = own;
    communityStart[own + 1] = (communityStart[own + 1] ?? 0) + 1;
  }
  for (let c = 0; c < communities; c++) {
    communityStart[c + 1] = (communityStart[c + 1] ?? 0) + (communityStart[c] ?? 0);
  }
  const nextSlot = communityStart.slice(0, communities);
  const members = new Int32Array(persons);
  for (let person = 0; person < persons; person++) {
    const own = community[person] ?? 0;
    const slot = nextSlot[own] ?? 0;
    members[slot] = person;
    nextSlot[own] = slot + 1;
  }
  return { communityStart, members };
}

export function personInCommunity(people: PeopleIndex, community: number, random: Random): number {
  const start = people.communityStart[community] ?? 0;
  const end = people.communityStart[community + 1] ?? 0;
  return people.members[start + random.int(end - start)] ?? -1;
}
