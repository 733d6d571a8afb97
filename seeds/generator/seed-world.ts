import { buildAccountIndex, type AccountIndex } from './account-index';
import { buildPeopleIndex, type PeopleIndex } from './people-index';
import type { SeedSize } from './seed-sizes';
import { buildWorldLayout, type WorldLayout } from './world-plan';

/** What every part of the generator may consult: the layout and the compact indexes. */
export interface SeedWorld {
  layout: WorldLayout;
  people: PeopleIndex;
  accounts: AccountIndex;
}

export function buildSeedWorld(size: SeedSize, seed: number): SeedWorld {
  const layout = buildWorldLayout(size, seed);
  return { layout, people: buildPeopleIndex(layout), accounts: buildAccountIndex(layout) };
}
