import DataLoader from 'dataloader';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { Connection } from '../../core/pagination/connection';
import type { InteractionRecord } from '../interactions/interaction.type';
import { loadersPerArguments } from './argument-loaders';
import { EMPTY_CONNECTION } from './paged-rows';
import type {
  PersonInsights,
  PersonViewPrefetch,
  PersonViewService,
  TieRequest,
} from './person-view.service';
import type { PersonViewPlan } from './person-view-plan';
import type { PersonTieConnectionRecord } from './person-view.type';
import type { StaffClosenessRecord } from './staff-closeness';
import type { TimelineRequest, TimelineService } from './timeline.service';

/** The person view's fields, each batched over all people of one operation. */
export function createPersonViewLoaders(
  personView: PersonViewService,
  timeline: TimelineService,
  scope: OperationScope,
) {
  return {
    tiePages: loadersPerArguments<TieRequest, PersonTieConnectionRecord>(
      (request, ids) => personView.tiePages(scope, ids, request),
      () => EMPTY_CONNECTION,
    ),
    timeline: loadersPerArguments<TimelineRequest, Connection<InteractionRecord>>(
      (request, ids) => timeline.pages(scope, 'Person', ids, request),
      () => EMPTY_CONNECTION,
    ),
    insights: new DataLoader<string, PersonInsights | null>(async (ids) => {
      const found = await personView.insights(scope, ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    closestStaff: new DataLoader<string, StaffClosenessRecord[]>(async (ids) => {
      const found = await personView.closestStaff(scope, ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    /** The whole view of several people in one query; see prefetch-person-view.ts. */
    prefetch: loadersPerArguments<PersonViewPlan, PersonViewPrefetch | null>(
      (plan, ids) => personView.prefetch(scope, ids, plan),
      () => null,
    ),
  };
}

export type PersonViewLoaders = ReturnType<typeof createPersonViewLoaders>;
