import {
  AddTieDocument,
  OrganizationsDocument,
  PersonDocument,
  PersonsDocument,
  PersonsWithRelationsDocument,
  type PersonsQuery,
  RemoveTieDocument,
  UpdateTieDocument,
} from '../generated/graphql';
import { addRole, createOrganization, createPerson, dataOf } from '../support/factories';
import { useTestServer } from '../support/test-server';

const server = useTestServer();

describe('name search and cursor pagination', () => {
  beforeAll(async () => {
    for (const name of [
      'Anna Schmidt',
      'Anna Schmitz',
      'Annabelle Weber',
      'Hanna Schmidt',
      'Bernd Anna',
    ]) {
      await createPerson(server, { name });
    }
    for (let index = 0; index < 25; index += 1) {
      await createPerson(server, { name: `Paging Person ${String(index).padStart(2, '0')}` });
    }
  });

  it('finds people by every word as a prefix, best match first', async () => {
    const { persons } = dataOf(
      await server.execute(PersonsDocument, { filter: { search: 'anna schm' } }),
    );
    expect(persons.edges.map((edge) => edge.node.name).sort()).toEqual([
      'Anna Schmidt',
      'Anna Schmitz',
    ]);
    expect(persons.totalCount).toBe(2);
  });

  it('treats Lucene syntax in the search text as plain words', async () => {
    for (const search of ['anna OR *', 'name:anna', '"anna', 'anna~2', '(anna']) {
      const response = await server.execute(PersonsDocument, { filter: { search } });
      expect(response.body.errors).toBeUndefined();
    }
  });

  it('pages through all matches in name order without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: PersonsQuery['persons'] = dataOf(
        await server.execute(PersonsDocument, { filter: { search: 'paging' }, first: 10, after }),
      ).persons;
      expect(page.totalCount).toBe(25);
      seen.push(...page.edges.map((edge) => edge.node.name));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);

    const byName: string[] = [];
    after = null;
    for (;;) {
      const page: PersonsQuery['persons'] = dataOf(
        await server.execute(PersonsDocument, {
          filter: { search: 'paging' },
          sort: 'NAME',
          first: 7,
          after,
        }),
      ).persons;
      byName.push(...page.edges.map((edge) => edge.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(byName).toEqual([...byName].sort());
    expect(byName).toHaveLength(25);
  });

  it('a page of size 0 still counts', async () => {
    const { persons } = dataOf(
      await server.execute(PersonsDocument, { filter: { search: 'paging' }, first: 0 }),
    );
    expect(persons).toMatchObject({ totalCount: 25, edges: [], pageInfo: { hasNextPage: true } });
  });

  it('RELEVANCE without a search text is BAD_USER_INPUT', async () => {
    const response = await server.execute(PersonsDocument, { sort: 'RELEVANCE' });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'sort',
    });
  });

  it('organizations filter by part of the name', async () => {
    await createOrganization(server, { name: 'Nordlicht Logistik' });
    await createOrganization(server, { name: 'Südwind Logistik', kind: 'AGENCY' });
    const { organizations } = dataOf(
      await server.execute(OrganizationsDocument, { filter: { nameContains: 'LOGISTIK' } }),
    );
    expect(organizations.edges.map((edge) => edge.node.name)).toEqual([
      'Nordlicht Logistik',
      'Südwind Logistik',
    ]);
    const agencies = dataOf(
      await server.execute(OrganizationsDocument, {
        filter: { nameContains: 'logistik', kind: 'AGENCY' },
      }),
    );
    expect(agencies.organizations.totalCount).toBe(1);
  });
});

describe('ties', () => {
  it('adds, updates, lists strongest first, and removes ties; adding again updates the one tie', async () => {
    const a = await createPerson(server, { name: 'Tie A' });
    const b = await createPerson(server, { name: 'Tie B' });
    const c = await createPerson(server, { name: 'Tie C' });
    const weak = dataOf(
      await server.execute(AddTieDocument, {
        input: { fromPersonId: a.id, toPersonId: b.id, type: 'KNOWS', strength: 0.2 },
      }),
    ).addTie;
    const again = dataOf(
      await server.execute(AddTieDocument, {
        input: {
          fromPersonId: a.id,
          toPersonId: b.id,
          type: 'KNOWS',
          strength: 0.3,
          since: '2020-05-01',
        },
      }),
    ).addTie;
    expect(again).toMatchObject({ id: weak.id, strength: 0.3, since: '2020-05-01' });
    dataOf(
      await server.execute(AddTieDocument, {
        input: { fromPersonId: c.id, toPersonId: a.id, type: 'COLLEAGUE_OF', strength: 0.9 },
      }),
    );

    const { person } = dataOf(await server.execute(PersonDocument, { id: a.id }));
    expect(person.ties.map((tie) => [tie.type, tie.strength, tie.from.id, tie.to.id])).toEqual([
      ['COLLEAGUE_OF', 0.9, c.id, a.id],
      ['KNOWS', 0.3, a.id, b.id],
    ]);

    const updated = dataOf(
      await server.execute(UpdateTieDocument, { id: weak.id, input: { strength: 1 } }),
    ).updateTie;
    expect(updated.strength).toBe(1);
    expect(dataOf(await server.execute(RemoveTieDocument, { id: weak.id })).removeTie.deleted).toBe(
      true,
    );
    expect(dataOf(await server.execute(RemoveTieDocument, { id: weak.id })).removeTie.deleted).toBe(
      false,
    );
  });

  it.each([
    ['strength above 1', { strength: 1.5 }, 'BAD_USER_INPUT'],
    ['a tie to oneself', { toPersonId: 'SELF' }, 'BAD_USER_INPUT'],
    ['an unknown person', { toPersonId: 'nobody-with-this-id' }, 'NOT_FOUND'],
  ])('%s → %s', async (_name, override, code) => {
    const a = await createPerson(server);
    const b = await createPerson(server);
    const input = {
      fromPersonId: a.id,
      toPersonId: b.id,
      type: 'KNOWS' as const,
      strength: 0.5,
      ...override,
    };
    if (input.toPersonId === 'SELF') input.toPersonId = a.id;
    const response = await server.execute(AddTieDocument, { input });
    expect(response.body.errors?.[0]?.extensions?.code).toBe(code);
  });
});

describe('nested relationship fields are batched (no N+1)', () => {
  it('the round-trips of a nested list query do not grow with the list length', async () => {
    const organization = await createOrganization(server);
    const people = [];
    for (let index = 0; index < 30; index += 1) people.push(await createPerson(server));
    for (const [index, person] of people.entries()) {
      await addRole(server, {
        personId: person.id,
        role: 'CUSTOMER',
        organizationId: organization.id,
      });
      const next = people[(index + 1) % people.length];
      if (next !== undefined) {
        dataOf(
          await server.execute(AddTieDocument, {
            input: { fromPersonId: person.id, toPersonId: next.id, type: 'KNOWS' },
          }),
        );
      }
    }

    async function roundTrips(first: number): Promise<number> {
      const response = await server.execute(PersonsWithRelationsDocument, { first });
      const data = dataOf(response);
      expect(data.persons.edges).toHaveLength(first);
      return response.body.extensions?.diagnostics?.dbRoundTrips ?? -1;
    }

    const small = await roundTrips(2);
    const large = await roundTrips(30);
    expect(large).toBe(small);
    // persons (count + page), roles, ties, organizations, people behind ties and roles
    expect(small).toBeLessThanOrEqual(6);
  });
});
