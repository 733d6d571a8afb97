import type { BatchCollector } from './batch-collector';
import { mixSeed, Random } from './random';
import {
  agencyId,
  communityOrganizationId,
  companyId,
  mediaOutletId,
  productId,
  topicId,
} from './seed-ids';
import type { OrganizationRow, SeedBatch } from './seed-records';
import { daysBefore, toDateTime } from './seed-time';
import type { SeedWorld } from './seed-world';
import {
  AGENCIES,
  asciiSlug,
  COMMUNITY_ORGANIZATIONS,
  COMPANY_TRADES,
  COMPANY_WORDS,
  LEGAL_FORMS,
  MEDIA_OUTLETS,
  OWN_ORGANIZATION_ID,
  OWN_ORGANIZATION_NAME,
  PRODUCTS,
  TOPICS,
} from './vocabulary';
import { companyCount, STREAM } from './world-plan';

const CATALOG_CREATED = toDateTime(daysBefore(5 * 365));

function organization(
  id: string,
  name: string,
  kind: OrganizationRow['kind'],
  domain: string | null,
  random: Random,
): OrganizationRow {
  const createdAt = daysBefore(random.between(200, 6 * 365));
  return {
    id,
    name,
    kind,
    domain,
    isOwnOrganization: false,
    createdAt: toDateTime(createdAt),
    updatedAt: toDateTime(createdAt + Math.floor(random.between(0, 150) * 86_400_000)),
  };
}

export interface OrganizationIdentity {
  name: string;
  domain: string;
}

/** A company's name and domain follow from its index, so people's e-mail addresses can use it. */
export function companyIdentity(seed: number, company: number): OrganizationIdentity {
  const random = new Random(mixSeed(seed, STREAM.organizations, company));
  const word = random.pick(COMPANY_WORDS);
  const trade = random.pick(COMPANY_TRADES);
  return {
    name: `${word} ${trade} ${random.pick(LEGAL_FORMS)}`,
    domain: `${asciiSlug(word)}-${asciiSlug(trade)}-${company.toString(36)}.example`,
  };
}

export function mediaOutletIdentity(outlet: number): OrganizationIdentity {
  const base = MEDIA_OUTLETS[outlet % MEDIA_OUTLETS.length] ?? 'Radwelt Magazin';
  const edition = Math.floor(outlet / MEDIA_OUTLETS.length);
  return {
    name: edition === 0 ? base : `${base} Regional ${edition}`,
    domain: `${asciiSlug(base)}${edition === 0 ? '' : edition}.example`,
  };
}

/** Our own company, the organizations people work for or write for, topics and products. */
export function* catalogRecords(world: SeedWorld, collector: BatchCollector): Generator<SeedBatch> {
  const { layout } = world;
  const random = new Random(mixSeed(layout.seed, STREAM.organizations));
  collector.add('organization', {
    id: OWN_ORGANIZATION_ID,
    name: OWN_ORGANIZATION_NAME,
    kind: 'COMPANY',
    domain: 'velora-bikes.example',
    isOwnOrganization: true,
    createdAt: CATALOG_CREATED,
    updatedAt: CATALOG_CREATED,
  });
  for (let company = 0; company < companyCount(layout); company++) {
    const { name, domain } = companyIdentity(layout.seed, company);
    collector.add(
      'organization',
      organization(companyId(company), name, 'COMPANY', domain, random),
    );
    if (collector.isFull) yield* collector.flush();
  }
  for (let outlet = 0; outlet < layout.mediaOutlets; outlet++) {
    const { name, domain } = mediaOutletIdentity(outlet);
    collector.add(
      'organization',
      organization(mediaOutletId(outlet), name, 'MEDIA_OUTLET', domain, random),
    );
    if (collector.isFull) yield* collector.flush();
  }
  COMMUNITY_ORGANIZATIONS.forEach((name, index) => {
    collector.add(
      'organization',
      organization(communityOrganizationId(index), name, 'COMMUNITY', null, random),
    );
  });
  AGENCIES.forEach((name, index) => {
    const domain = `${asciiSlug(name)}.example`;
    collector.add('organization', organization(agencyId(index), name, 'AGENCY', domain, random));
  });
  for (const name of TOPICS) {
    collector.add('topic', {
      id: topicId(name),
      name,
      createdAt: CATALOG_CREATED,
      updatedAt: CATALOG_CREATED,
    });
  }
  for (const product of PRODUCTS) {
    collector.add('product', {
      id: productId(product.name),
      name: product.name,
      sku: product.sku,
      createdAt: CATALOG_CREATED,
      updatedAt: CATALOG_CREATED,
    });
  }
  yield* collector.flush();
}
