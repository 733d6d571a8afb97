import { createHash } from 'node:crypto';
import {
  InteractionKind,
  InteractionStatus,
} from '../../src/features/interactions/interaction.type';
import { OrganizationKind } from '../../src/features/organizations/organization.type';
import { RoleType } from '../../src/features/roles/role.type';
import { Platform } from '../../src/features/social-accounts/social-account.type';
import { StaffRole } from '../../src/features/staff/staff-user.type';
import {
  generateSeedData,
  plannedCounts,
  type SeedOptions,
} from '../../seeds/generator/generate-seed-data';
import {
  INTERACTION_KINDS,
  INTERACTION_TEMPLATES,
  TONE_WEIGHTS,
  templatesFor,
  type Tone,
} from '../../seeds/generator/interaction-templates';
import { personProfile } from '../../seeds/generator/person-profile';
import type {
  InteractionRow,
  SeedBatch,
  SeedRecordKind,
  SeedRowsByKind,
} from '../../seeds/generator/seed-records';
import { NODE_RECORD_KINDS } from '../../seeds/generator/seed-records';
import { SEED_SIZES } from '../../seeds/generator/seed-sizes';
import { buildWorldLayout } from '../../seeds/generator/world-plan';

/**
 * The model's enums, from the code that defines them: generated values must come from these.
 * Consent purposes get their enum with the data-protection work; until then the list is here.
 */
const MODEL = {
  organizationKinds: Object.values(OrganizationKind),
  platforms: Object.values(Platform),
  roles: Object.values(RoleType),
  staffRoles: Object.values(StaffRole),
  purposes: ['SOCIAL_MONITORING', 'PROFILING', 'SALES_PROSPECTING', 'MARKETING'],
  statuses: Object.values(InteractionStatus),
  interactionKinds: Object.values(InteractionKind),
};

type Label =
  | 'Organization'
  | 'Topic'
  | 'Product'
  | 'Person'
  | 'User'
  | 'SocialAccount'
  | 'Consent'
  | 'Interaction'
  | 'Team';

const NODE_LABEL: Partial<Record<SeedRecordKind, Label>> = {
  organization: 'Organization',
  topic: 'Topic',
  product: 'Product',
  person: 'Person',
  user: 'User',
  socialAccount: 'SocialAccount',
  consent: 'Consent',
  interaction: 'Interaction',
  team: 'Team',
};

/** Which labels each relationship kind connects, and where its endpoint ids are in the row. */
const ENDPOINTS: Partial<Record<SeedRecordKind, readonly [Label, string, Label, string]>> = {
  role: ['Person', 'personId', 'Organization', 'organizationId'],
  userIsPerson: ['User', 'fromId', 'Person', 'toId'],
  knows: ['Person', 'fromId', 'Person', 'toId'],
  colleagueOf: ['Person', 'fromId', 'Person', 'toId'],
  familyOf: ['Person', 'fromId', 'Person', 'toId'],
  friendOf: ['Person', 'fromId', 'Person', 'toId'],
  referred: ['Person', 'fromId', 'Person', 'toId'],
  reportsTo: ['Person', 'fromId', 'Person', 'toId'],
  ownedBy: ['SocialAccount', 'accountId', 'Person', 'personId'],
  follows: ['SocialAccount', 'fromId', 'SocialAccount', 'toId'],
  interestedInTopic: ['Person', 'personId', 'Topic', 'targetId'],
  interestedInProduct: ['Person', 'personId', 'Product', 'targetId'],
  gaveConsent: ['Person', 'fromId', 'Consent', 'toId'],
  performedByPerson: ['Person', 'fromId', 'Interaction', 'toId'],
  performedByAccount: ['SocialAccount', 'fromId', 'Interaction', 'toId'],
  handled: ['User', 'userId', 'Interaction', 'interactionId'],
  aboutTopic: ['Interaction', 'fromId', 'Topic', 'toId'],
  aboutProduct: ['Interaction', 'fromId', 'Product', 'toId'],
  aboutOrganization: ['Interaction', 'fromId', 'Organization', 'toId'],
  mentionsAccount: ['Interaction', 'fromId', 'SocialAccount', 'toId'],
  mentionsPerson: ['Interaction', 'fromId', 'Person', 'toId'],
  mentionsOrganization: ['Interaction', 'fromId', 'Organization', 'toId'],
  replyTo: ['Interaction', 'fromId', 'Interaction', 'toId'],
  memberOf: ['User', 'fromId', 'Team', 'toId'],
  assignedTo: ['User', 'fromId', 'Organization', 'toId'],
  responsibleFor: ['Team', 'fromId', 'Organization', 'toId'],
};

function generateAll(options: SeedOptions): SeedBatch[] {
  return [...generateSeedData(options)];
}

function hashOf(batches: readonly SeedBatch[]): string {
  const hash = createHash('sha256');
  for (const batch of batches) hash.update(JSON.stringify(batch));
  return hash.digest('hex');
}

function rowsOf<K extends SeedRecordKind>(
  batches: readonly SeedBatch[],
  kind: K,
): SeedRowsByKind[K][] {
  const rows: SeedRowsByKind[K][] = [];
  for (const batch of batches) {
    if (batch.kind === kind) rows.push(...(batch.rows as SeedRowsByKind[K][]));
  }
  return rows;
}

function text(row: object, field: string): string {
  return String((row as Record<string, unknown>)[field]);
}

function templatePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = escaped
    .replace('#\\{topic\\}', '#\\S*')
    .replace('\\{topic\\}', '.+')
    .replace('\\{product\\}', 'Velora [A-Za-z0-9 ]+')
    .replace('\\{brand\\}', '@velorabikes');
  return new RegExp(`^${pattern}$`);
}

const demo = generateAll({ size: 'demo', seed: 42 });
const demoPlan = plannedCounts({ size: 'demo', seed: 42 });

describe('seed generator: determinism', () => {
  it('gives the identical world for the same seed and size, ids included', () => {
    expect(hashOf(generateAll({ size: 'demo', seed: 42 }))).toBe(hashOf(demo));
  });

  it('gives a different world for a different seed', () => {
    expect(hashOf(generateAll({ size: 'demo', seed: 43 }))).not.toBe(hashOf(demo));
  });
});

describe('seed generator: sizes', () => {
  it('yields about what the demo size plans', () => {
    const count = (kind: SeedRecordKind) => rowsOf(demo, kind).length;
    expect(count('person')).toBe(2_000);
    expect(count('user')).toBe(demoPlan.users);
    expect(count('organization')).toBe(demoPlan.organizations);
    const ties =
      count('knows') +
      count('colleagueOf') +
      count('familyOf') +
      count('friendOf') +
      count('referred') +
      count('reportsTo');
    const near = (actual: number, planned: number) => {
      expect(actual).toBeGreaterThan(planned * 0.85);
      expect(actual).toBeLessThan(planned * 1.15);
    };
    near(count('socialAccount'), demoPlan.socialAccounts);
    near(ties, demoPlan.personTies);
    near(count('follows'), demoPlan.follows);
    near(count('interaction'), demoPlan.interactions);
    near(
      demo.reduce((sum, batch) => sum + batch.rows.length, 0),
      demoPlan.records,
    );
  });

  it('plans bench-M at 100k people, ~1M ties and follows, ~1M interactions; bench-L at 1M people', () => {
    const medium = plannedCounts({ size: 'bench-M' });
    expect(medium.persons).toBe(100_000);
    expect(medium.personTies + medium.follows).toBeGreaterThan(900_000);
    expect(medium.personTies + medium.follows).toBeLessThan(1_100_000);
    expect(medium.interactions).toBeGreaterThan(950_000);
    expect(medium.interactions).toBeLessThan(1_100_000);

    const large = plannedCounts({ size: 'bench-L' });
    expect(large.persons).toBe(1_000_000);
    expect(large.interactions).toBeGreaterThan(9_500_000);
    expect(SEED_SIZES['bench-L'].batchSize).toBeLessThanOrEqual(10_000);
  });

  it('lays out bench-L people without generating them', () => {
    const layout = buildWorldLayout(SEED_SIZES['bench-L'], 42);
    const last = layout.segments.consumer.end;
    expect(last).toBe(1_000_000);
    expect(layout.segments.companyContact.end - layout.segments.companyContact.start).toBe(200_000);
    expect(personProfile(layout, 999_999).segment).toBe('consumer');
  });

  it('keeps every batch within the batch size', () => {
    const limit = SEED_SIZES.demo.batchSize;
    // A flush happens after the person or account that filled a buffer, so a batch may exceed
    // the size by that one unit's rows.
    for (const batch of demo) expect(batch.rows.length).toBeLessThanOrEqual(limit + 50);
  });
});

describe('seed generator: the graph model', () => {
  it('writes every relationship after both of its endpoints, and only between existing nodes', () => {
    const seen = new Map<Label, Set<string>>();
    const missing: string[] = [];
    for (const batch of demo) {
      const label = NODE_LABEL[batch.kind];
      if (label !== undefined) {
        const ids = seen.get(label) ?? new Set<string>();
        for (const row of batch.rows) ids.add(text(row, 'id'));
        seen.set(label, ids);
        continue;
      }
      const endpoints = ENDPOINTS[batch.kind];
      expect(endpoints).toBeDefined();
      if (endpoints === undefined) continue;
      const [fromLabel, fromField, toLabel, toField] = endpoints;
      for (const row of batch.rows) {
        if (!seen.get(fromLabel)?.has(text(row, fromField))) {
          missing.push(`${batch.kind}: ${fromLabel} ${text(row, fromField)}`);
        }
        if (!seen.get(toLabel)?.has(text(row, toField))) {
          missing.push(`${batch.kind}: ${toLabel} ${text(row, toField)}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('never repeats a relationship between the same two nodes (MERGE would fold it)', () => {
    const duplicates: string[] = [];
    for (const [kind, endpoints] of Object.entries(ENDPOINTS)) {
      if (kind === 'role' || endpoints === undefined) continue; // roles are told apart by id
      const [, fromField, , toField] = endpoints;
      const keys = new Set<string>();
      for (const row of rowsOf(demo, kind as SeedRecordKind) as readonly object[]) {
        const key = `${kind}:${text(row, fromField)}->${text(row, toField)}`;
        if (keys.has(key)) duplicates.push(key);
        keys.add(key);
      }
    }
    expect(duplicates).toEqual([]);
  });

  it('gives every node a unique id and createdAt/updatedAt', () => {
    for (const kind of NODE_RECORD_KINDS) {
      const rows: { id: string; createdAt: string; updatedAt: string }[] = [];
      for (const batch of demo) {
        if (batch.kind !== kind) continue;
        for (const row of batch.rows as readonly object[]) {
          rows.push({
            id: text(row, 'id'),
            createdAt: text(row, 'createdAt'),
            updatedAt: text(row, 'updatedAt'),
          });
        }
      }
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
      for (const row of rows) {
        expect(row.id).toMatch(/^[A-Za-z0-9._:-]+$/);
        expect(Date.parse(row.createdAt)).toBeLessThanOrEqual(Date.parse(row.updatedAt));
      }
    }
  });

  it('has our own company and its staff as users linked to people', () => {
    const own = rowsOf(demo, 'organization').find((row) => row.isOwnOrganization);
    expect(own).toMatchObject({ id: 'own-organization', name: 'Velora Bikes', kind: 'COMPANY' });
    expect(rowsOf(demo, 'organization').filter((row) => row.isOwnOrganization)).toHaveLength(1);
    const users = rowsOf(demo, 'user');
    expect(rowsOf(demo, 'userIsPerson')).toHaveLength(users.length);
    expect(new Set(users.map((user) => user.login)).size).toBe(users.length);
    const staffPeople = new Set(rowsOf(demo, 'userIsPerson').map((link) => link.toId));
    const employees = rowsOf(demo, 'role').filter(
      (role) => role.role === 'EMPLOYEE' && role.organizationId === 'own-organization',
    );
    expect(new Set(employees.map((role) => role.personId))).toEqual(staffPeople);
  });

  it('uses only the enum values of the model', () => {
    const expectWithin = (values: readonly string[], allowed: readonly string[]) => {
      expect([...new Set(values)].filter((value) => !allowed.includes(value))).toEqual([]);
    };
    expectWithin(
      rowsOf(demo, 'organization').map((row) => row.kind),
      MODEL.organizationKinds,
    );
    expectWithin(
      rowsOf(demo, 'socialAccount').map((row) => row.platform),
      MODEL.platforms,
    );
    expectWithin(
      rowsOf(demo, 'role').map((row) => row.role),
      MODEL.roles,
    );
    expectWithin(
      rowsOf(demo, 'user').map((row) => row.staffRole),
      MODEL.staffRoles,
    );
    expectWithin(
      rowsOf(demo, 'consent').map((row) => row.purpose),
      MODEL.purposes,
    );
    const interactions = rowsOf(demo, 'interaction');
    expectWithin(
      interactions.map((row) => row.kind),
      MODEL.interactionKinds,
    );
    expect(new Set(interactions.map((row) => row.kind)).size).toBe(MODEL.interactionKinds.length);
    expectWithin(
      interactions.flatMap((row) => (row.status === null ? [] : [row.status])),
      MODEL.statuses,
    );
    expect(INTERACTION_KINDS).toEqual(MODEL.interactionKinds);
  });

  it('has roles in context and time, some of them ended', () => {
    const roles = rowsOf(demo, 'role');
    const kinds = new Set(roles.map((role) => role.role));
    for (const expected of [
      'DECISION_MAKER',
      'CHAMPION',
      'CUSTOMER',
      'PROSPECT',
      'FORMER_CUSTOMER',
      'JOURNALIST',
      'BLOGGER',
      'INFLUENCER',
    ]) {
      expect(kinds).toContain(expected);
    }
    const ended = roles.filter((role) => role.until !== null);
    expect(ended.length).toBeGreaterThan(roles.length * 0.03);
    for (const role of ended) expect(role.until! >= role.since!).toBe(true);
  });

  it('gives social accounts lower-case handles, unique per platform, and leaves some without owner', () => {
    const accounts = rowsOf(demo, 'socialAccount');
    const keys = accounts.map((account) => `${account.platform}:${account.handle}`);
    expect(new Set(keys).size).toBe(accounts.length);
    for (const account of accounts) expect(account.handle).toBe(account.handle.toLowerCase());
    const owned = new Set(rowsOf(demo, 'ownedBy').map((row) => row.accountId));
    expect(owned.size).toBeLessThan(accounts.length);
    expect(new Set(accounts.map((account) => account.platform)).size).toBeGreaterThanOrEqual(8);
  });

  it('gives follower in-degrees a heavy tail', () => {
    const inDegree = new Map<string, number>();
    for (const row of rowsOf(demo, 'follows')) {
      inDegree.set(row.toId, (inDegree.get(row.toId) ?? 0) + 1);
    }
    const degrees = [...inDegree.values()].sort((a, b) => a - b);
    const median = degrees[Math.floor(degrees.length / 2)] ?? 0;
    const max = degrees[degrees.length - 1] ?? 0;
    expect(max).toBeGreaterThan(20 * median);
  });

  it('keeps most ties between people inside a community', () => {
    const layout = buildWorldLayout(SEED_SIZES.demo, 42);
    const communityOf = (id: string) => personProfile(layout, Number(id.slice(7))).community;
    const ties = [...rowsOf(demo, 'knows'), ...rowsOf(demo, 'friendOf')];
    const inside = ties.filter((tie) => communityOf(tie.fromId) === communityOf(tie.toId));
    expect(inside.length / ties.length).toBeGreaterThan(0.7);
  });

  it('gives social posts a platform and a postId unique per platform, and replies an earlier post', () => {
    const interactions = rowsOf(demo, 'interaction');
    const byId = new Map(interactions.map((row) => [row.id, row]));
    const social = interactions.filter((row) => row.platform !== null);
    const keys = social.map((row) => `${row.platform}:${row.postId}`);
    expect(new Set(keys).size).toBe(social.length);
    for (const row of social) expect(row.url).toMatch(/^https:\/\//);
    const replies = rowsOf(demo, 'replyTo');
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      const from = byId.get(reply.fromId);
      const to = byId.get(reply.toId);
      expect(from?.platform).toBe(to?.platform);
      expect(Date.parse(from?.occurredAt ?? '')).toBeGreaterThan(Date.parse(to?.occurredAt ?? ''));
    }
  });
});

describe('seed generator: interaction texts', () => {
  const interactions = rowsOf(demo, 'interaction');
  const patterns = INTERACTION_TEMPLATES.map((template) => ({
    template,
    pattern: templatePattern(template.text),
  }));
  const toneOf = (row: InteractionRow): Tone | undefined =>
    patterns.find(
      ({ template, pattern }) => template.kinds.includes(row.kind) && pattern.test(row.text ?? ''),
    )?.template.tone;

  it('has a template for every kind, language and tone it draws', () => {
    for (const kind of INTERACTION_KINDS) {
      for (const [tone] of TONE_WEIGHTS[kind]) {
        expect(templatesFor(kind, 'de', tone).length).toBeGreaterThan(0);
        expect(templatesFor(kind, 'en', tone).length).toBeGreaterThan(0);
      }
    }
  });

  it('writes in German and in English', () => {
    const languages = new Set(
      interactions.flatMap((row) =>
        patterns
          .filter(({ pattern }) => pattern.test(row.text ?? ''))
          .map(({ template }) => template.language),
      ),
    );
    expect(languages).toEqual(new Set(['de', 'en']));
  });

  it('scores sentiment in line with the text: complaints negative, praise positive', () => {
    for (const row of interactions) {
      if (row.kind === 'LIKE') {
        expect(row.text).toBeNull();
        continue;
      }
      const tone = toneOf(row);
      // Every text comes from a known template, so its tone is known.
      expect({ text: row.text, fromTemplate: tone !== undefined }).toEqual({
        text: row.text,
        fromTemplate: true,
      });
      if (row.kind === 'COMPLAINT' || tone === 'complaint') expect(row.sentiment).toBeLessThan(0);
      if (tone === 'praise') expect(row.sentiment).toBeGreaterThan(0);
      expect(Math.abs(row.sentiment ?? 2)).toBeLessThanOrEqual(1);
    }
  });

  it('places interactions within the two years before the fixed reference date', () => {
    const reference = Date.UTC(2026, 10, 1);
    for (const row of interactions) {
      const at = Date.parse(row.occurredAt);
      expect(at).toBeLessThan(reference);
      expect(at).toBeGreaterThan(reference - 731 * 86_400_000);
    }
  });
});
