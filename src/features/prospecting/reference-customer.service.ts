import { consentRequired, notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { ConsentPolicy } from '../consent/consent-policy';
import { ConsentPurpose } from '../consent/consent-purpose';
import { assessLink, type LinkAssessment } from '../introductions/introduction-link';
import type { IntroductionRepository } from '../introductions/introduction.repository';
import { assertEntityId } from '../shared/entity-id';
import { splitFeatures } from './features';
import { DEFAULT_MIN_SENTIMENT, type ReferenceCustomersInput } from './prospecting.input';
import { type ReferenceCustomer, ReferenceReason } from './prospecting.type';
import type { ReferenceCustomerRepository } from './reference-customer.repository';
import { assertExactlyOne, resultLimit } from './result-limit';

interface Link {
  assessment: LinkAssessment;
  viaPersonId: string;
}

/**
 * Satisfied customers to name to a prospect: those linked to it (or to its people) and those
 * most like it, ranked by how strong the link or likeness is and how happy they are.
 */
export class ReferenceCustomerService {
  constructor(
    private readonly repository: ReferenceCustomerRepository,
    private readonly links: IntroductionRepository,
    private readonly consentPolicy: ConsentPolicy,
    private readonly clock: () => number = Date.now,
  ) {}

  async referenceCustomers(
    scope: OperationScope,
    input: ReferenceCustomersInput,
  ): Promise<ReferenceCustomer[]> {
    assertExactlyOne(
      {
        prospectPersonId: input.prospectPersonId,
        prospectOrganizationId: input.prospectOrganizationId,
      },
      'prospectPersonId',
    );
    const prospectPersonId =
      input.prospectPersonId === null || input.prospectPersonId === undefined
        ? null
        : assertEntityId(input.prospectPersonId, 'prospectPersonId');
    const prospectOrganizationId =
      input.prospectOrganizationId === null || input.prospectOrganizationId === undefined
        ? null
        : assertEntityId(input.prospectOrganizationId, 'prospectOrganizationId');
    const first = resultLimit(input.first, 10);
    const consent = this.consentPolicy.param(ConsentPurpose.SALES_PROSPECTING);

    const prospect = await this.repository.prospect(scope, {
      prospectPersonId,
      prospectOrganizationId,
      consent,
    });
    if (prospectPersonId !== null) {
      if (!prospect.personFound) {
        throw notFound('No person with this id', { field: 'prospectPersonId' });
      }
      if (!prospect.personUsable) {
        throw consentRequired('The person has not consented to sales prospecting', {
          field: 'prospectPersonId',
          purpose: ConsentPurpose.SALES_PROSPECTING,
        });
      }
    } else if (!prospect.organizationFound) {
      throw notFound('No organization with this id', { field: 'prospectOrganizationId' });
    }

    const people = prospectPersonId === null ? prospect.memberIds : [prospectPersonId];
    const strongest = await this.strongestLinks(scope, people, consent);
    const satisfied = await this.repository.satisfiedCustomers(scope, {
      linkedIds: [...strongest.keys()],
      features: prospect.features,
      excludedIds: people,
      minSentiment: input.minSentiment ?? DEFAULT_MIN_SENTIMENT,
      productId: null,
      first,
      consent,
    });

    const byCustomer = new Map<string, ReferenceCustomer>();
    for (const customer of [...satisfied.linked, ...satisfied.similar]) {
      const link = strongest.get(customer.customerId);
      const known = byCustomer.get(customer.customerId);
      const similarity = Math.max(customer.similarity, known?.similarity ?? 0);
      const sharedFeatures = customer.sharedFeatures.length > 0 ? customer.sharedFeatures : [];
      const linkWeight = link?.assessment.weight ?? 0;
      const reasons = [
        ...(link === undefined ? [] : [ReferenceReason.TIED]),
        ...(similarity > 0 ? [ReferenceReason.SIMILAR] : []),
      ];
      byCustomer.set(customer.customerId, {
        score: (Math.max(linkWeight, similarity) * (1 + customer.sentiment)) / 2,
        reasons,
        sentiment: customer.sentiment,
        linkKinds: link?.assessment.kinds ?? [],
        linkWeight,
        similarity,
        customerId: customer.customerId,
        viaPersonId: prospectPersonId === null ? (link?.viaPersonId ?? null) : null,
        sharedInterestIds:
          known !== undefined && known.sharedInterestIds.length > 0
            ? known.sharedInterestIds
            : splitFeatures(sharedFeatures).interestIds,
      });
    }
    return [...byCustomer.values()]
      .sort(
        (a, b) =>
          b.score - a.score ||
          (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
      )
      .slice(0, first);
  }

  /** Per person linked to the prospect (or its people): the strongest link, and through whom. */
  private async strongestLinks(
    scope: OperationScope,
    people: readonly string[],
    consent: ReturnType<ConsentPolicy['param']>,
  ): Promise<Map<string, Link>> {
    const strongest = new Map<string, Link>();
    if (people.length === 0) return strongest;
    const now = this.clock();
    for (const facts of await this.links.expand(scope, people, [], consent, null)) {
      const assessment = assessLink(facts, now);
      if (assessment === null || people.includes(facts.otherId)) continue;
      const known = strongest.get(facts.otherId);
      if (known === undefined || assessment.weight > known.assessment.weight) {
        strongest.set(facts.otherId, { assessment, viaPersonId: facts.personId });
      }
    }
    return strongest;
  }
}
