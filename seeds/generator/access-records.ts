import type { BatchCollector } from './batch-collector';
import type { SeedBatch } from './seed-records';
import { companyId, userId } from './seed-ids';
import type { SeedWorld } from './seed-world';
import { daysBefore, toDateTime } from './seed-time';
import { OWN_ORGANIZATION_ID } from './vocabulary';

export const CUSTOMER_CARE_TEAM_ID = 'team-customer-care';

/**
 * Need-to-know in the demo world: every customer, prospect and former customer company has an
 * account owner from sales (round robin), and all support staff form the customer care team,
 * which is responsible for our own organization, i.e. for everyone who buys from us directly.
 */
export function* accessRecords(world: SeedWorld, collector: BatchCollector): Generator<SeedBatch> {
  const { layout } = world;
  const reps = layout.staffByRole.SALES_REP;
  const formed = toDateTime(daysBefore(3 * 365));
  collector.add('team', {
    id: CUSTOMER_CARE_TEAM_ID,
    name: 'Customer care',
    createdAt: formed,
    updatedAt: formed,
  });
  for (const staff of layout.staffByRole.SUPPORT) {
    collector.add('memberOf', { fromId: userId(staff), toId: CUSTOMER_CARE_TEAM_ID });
  }
  collector.add('responsibleFor', { fromId: CUSTOMER_CARE_TEAM_ID, toId: OWN_ORGANIZATION_ID });
  let next = 0;
  layout.companyStatus.forEach((status, company) => {
    if (status === 'NONE' || status === 'SUPPLIER' || reps.length === 0) return;
    const rep = reps[next++ % reps.length] ?? 0;
    collector.add('assignedTo', { fromId: userId(rep), toId: companyId(company) });
  });
  yield* collector.flush();
}
