import DataLoader from 'dataloader';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { StaffRole } from '../staff/staff-user.type';
import type { NeedToKnowRepository } from './need-to-know.repository';
import { PersonalAccess } from './personal-data';
import type { Viewer } from './viewer';

/** Roles that see everything: administrators, and the data protection officer who answers for it. */
const SEE_ALL: readonly StaffRole[] = [StaffRole.ADMIN, StaffRole.DATA_PROTECTION_OFFICER];
/** Roles that see the people of the accounts and teams they are assigned to. */
const NEED_TO_KNOW: readonly StaffRole[] = [
  StaffRole.SALES_REP,
  StaffRole.SUPPORT,
  StaffRole.MARKETING,
];

/**
 * Per-operation answer to "how much of this person's data may the viewer see?", batched: one
 * query per tick for all people of one depth level, none for roles that see all or nothing.
 */
export class PersonalAccessResolver {
  private readonly loader: DataLoader<string, PersonalAccess>;
  private readonly seesAll: boolean;
  private readonly needToKnow: boolean;
  private readonly otherwise: PersonalAccess;

  constructor(
    repository: Pick<NeedToKnowRepository, 'assignedPeople'>,
    private readonly viewer: Viewer | null,
    scope: OperationScope,
  ) {
    const roles = viewer?.roles ?? [];
    this.seesAll = roles.some((role) => SEE_ALL.includes(role));
    this.needToKnow = roles.some((role) => NEED_TO_KNOW.includes(role));
    this.otherwise = roles.includes(StaffRole.ANALYST)
      ? PersonalAccess.PROFILE
      : PersonalAccess.NONE;
    this.loader = new DataLoader<string, PersonalAccess>(async (personIds) => {
      const assigned =
        viewer === null
          ? new Set<string>()
          : await repository.assignedPeople(
              scope,
              viewer.userId,
              personIds,
              roles.includes(StaffRole.SUPPORT),
            );
      return personIds.map((id) => (assigned.has(id) ? PersonalAccess.FULL : this.otherwise));
    });
  }

  /** Access to the data of one person; `null` for data no known person owns (e.g. an unlinked account). */
  async forPerson(personId: string | null): Promise<PersonalAccess> {
    if (this.viewer === null) return PersonalAccess.NONE;
    if (this.seesAll) return PersonalAccess.FULL;
    if (personId === null) return this.needToKnow ? PersonalAccess.FULL : this.otherwise;
    if (!this.needToKnow) return this.otherwise;
    return this.loader.load(personId);
  }

  /** Which of the people the viewer sees in full; for services that filter in bulk. */
  async fullyVisible(personIds: readonly string[]): Promise<Set<string>> {
    const levels = await Promise.all(personIds.map((id) => this.forPerson(id)));
    return new Set(personIds.filter((_id, index) => levels[index] === PersonalAccess.FULL));
  }
}
