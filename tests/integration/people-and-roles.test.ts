import {
  AddRoleDocument,
  AddTieDocument,
  type RoleConditionInput,
  DeleteOrganizationDocument,
  DeletePersonDocument,
  PersonDocument,
  PersonsDocument,
  RemoveRoleDocument,
  UpdatePersonDocument,
  UpdateRoleDocument,
  UpsertPersonByExternalKeyDocument,
} from '../generated/graphql';
import {
  addRole,
  createOrganization,
  createPerson,
  dataOf,
  uniqueName,
} from '../support/factories';
import { countNodes, useTestServer } from '../support/test-server';

const server = useTestServer();

describe('people: create, read, update, delete', () => {
  it('creates a person and reads it back by id', async () => {
    const created = await createPerson(server, {
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      locale: 'en',
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    const { person } = dataOf(await server.execute(PersonDocument, { id: created.id }));
    expect(person).toMatchObject({
      id: created.id,
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      roles: [],
      ties: [],
    });
  });

  it('updates only the fields given and clears one set to null', async () => {
    const created = await createPerson(server, {
      name: 'Grace',
      email: 'grace@example.org',
      phone: '+49 30 1234',
    });
    const { updatePerson } = dataOf(
      await server.execute(UpdatePersonDocument, {
        id: created.id,
        input: { name: 'Grace Hopper', phone: null, email: undefined, locale: undefined },
      }),
    );
    expect(updatePerson).toMatchObject({
      name: 'Grace Hopper',
      email: 'grace@example.org',
      phone: null,
    });
  });

  it('deletes idempotently: a second delete reports deleted = false', async () => {
    const created = await createPerson(server);
    const first = dataOf(await server.execute(DeletePersonDocument, { id: created.id }));
    const second = dataOf(await server.execute(DeletePersonDocument, { id: created.id }));
    expect(first.deletePerson).toEqual({ id: created.id, deleted: true });
    expect(second.deletePerson).toEqual({ id: created.id, deleted: false });
    const lookup = await server.execute(PersonDocument, { id: created.id });
    expect(lookup.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('bad input is refused with BAD_USER_INPUT and writes nothing', () => {
  const cases: Array<
    [
      string,
      () => Promise<{ body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }>,
      string,
    ]
  > = [
    [
      'an e-mail that is not one',
      () =>
        server.execute(UpdatePersonDocument, {
          id: 'x-1',
          input: { email: 'not-an-email', name: undefined, phone: undefined, locale: undefined },
        }),
      'email',
    ],
    [
      'an empty name',
      () =>
        server.execute(UpsertPersonByExternalKeyDocument, {
          key: { system: 'shop', externalId: 'E-1' },
          input: { name: '', email: null, phone: null, locale: null },
        }),
      'name',
    ],
    [
      'a malformed phone number',
      () =>
        server.execute(UpsertPersonByExternalKeyDocument, {
          key: { system: 'shop', externalId: 'E-2' },
          input: { name: 'X', email: null, phone: 'call me', locale: null },
        }),
      'phone',
    ],
    [
      'a malformed external key',
      () =>
        server.execute(UpsertPersonByExternalKeyDocument, {
          key: { system: 'Shop System', externalId: 'E-3' },
          input: { name: 'X', email: null, phone: null, locale: null },
        }),
      'system',
    ],
    ['a page larger than the cap', () => server.execute(PersonsDocument, { first: 101 }), 'first'],
    [
      'a forged cursor',
      () => server.execute(PersonsDocument, { after: 'bm90LWEtY3Vyc29y' }),
      'after',
    ],
    ['a malformed id', () => server.execute(PersonDocument, { id: "x' OR 1=1 //" }), 'id'],
  ];

  it.each(cases)('%s', async (_name, send, field) => {
    const before = await countNodes(server, 'Person');
    const response = await send();
    const error = response.body.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    const named = [
      error?.extensions?.field,
      ...((error?.extensions?.fields as string[] | undefined) ?? []),
    ];
    expect(JSON.stringify(named)).toContain(field);
    expect(await countNodes(server, 'Person')).toBe(before);
  });
});

describe('upsert by external key', () => {
  it('is idempotent: the same key always yields the same person, updated', async () => {
    const key = { system: 'shop', externalId: `C-${Date.now()}` };
    const first = dataOf(
      await server.execute(UpsertPersonByExternalKeyDocument, {
        key,
        input: { name: 'Old Name', email: null, phone: null, locale: null },
      }),
    );
    const second = dataOf(
      await server.execute(UpsertPersonByExternalKeyDocument, {
        key,
        input: { name: 'New Name', email: null, phone: null, locale: null },
      }),
    );
    expect(second.upsertPersonByExternalKey.id).toBe(first.upsertPersonByExternalKey.id);
    expect(second.upsertPersonByExternalKey.name).toBe('New Name');
  });

  it('1,000 concurrent upserts of one key leave exactly one person and one key', async () => {
    const key = { system: 'crm', externalId: `RACE-${Date.now()}` };
    const peopleBefore = await countNodes(server, 'Person');
    const keysBefore = await countNodes(server, 'ExternalKey');
    const responses = await Promise.all(
      Array.from({ length: 1000 }, (_, index) =>
        server.execute(UpsertPersonByExternalKeyDocument, {
          key,
          input: { name: `Racer ${index}`, email: null, phone: null, locale: null },
        }),
      ),
    );
    const ids = new Set(responses.map((response) => dataOf(response).upsertPersonByExternalKey.id));
    expect(ids.size).toBe(1);
    expect(await countNodes(server, 'Person')).toBe(peopleBefore + 1);
    expect(await countNodes(server, 'ExternalKey')).toBe(keysBefore + 1);
  }, 120_000);
});

describe('roles across organizations and time', () => {
  let journalistCustomer: string;
  let journalistOnly: string;
  let customer2024: string;
  let formerDecisionMaker: string;
  let currentDecisionMaker: string;
  let shopId: string;
  let targetId: string;

  beforeAll(async () => {
    const outlet = await createOrganization(server, {
      name: uniqueName('Outlet'),
      kind: 'MEDIA_OUTLET',
    });
    shopId = (await createOrganization(server, { name: uniqueName('Shop') })).id;
    targetId = (await createOrganization(server, { name: uniqueName('Target') })).id;

    journalistCustomer = (await createPerson(server, { name: 'Jana Journalist' })).id;
    await addRole(server, {
      personId: journalistCustomer,
      role: 'JOURNALIST',
      organizationId: outlet.id,
    });
    await addRole(server, {
      personId: journalistCustomer,
      role: 'CUSTOMER',
      organizationId: shopId,
      since: '2023-01-01',
    });

    journalistOnly = (await createPerson(server, { name: 'Jo Journalist' })).id;
    await addRole(server, {
      personId: journalistOnly,
      role: 'JOURNALIST',
      organizationId: outlet.id,
    });

    customer2024 = (await createPerson(server, { name: 'Carla Customer' })).id;
    await addRole(server, {
      personId: customer2024,
      role: 'CUSTOMER',
      organizationId: shopId,
      since: '2024-03-01',
      until: '2024-09-30',
    });

    formerDecisionMaker = (await createPerson(server, { name: 'Fritz Former' })).id;
    await addRole(server, {
      personId: formerDecisionMaker,
      role: 'DECISION_MAKER',
      organizationId: targetId,
      since: '2015-01-01',
      until: '2020-12-31',
    });

    currentDecisionMaker = (await createPerson(server, { name: 'Dora Decider' })).id;
    await addRole(server, {
      personId: currentDecisionMaker,
      role: 'DECISION_MAKER',
      organizationId: targetId,
      since: '2021-01-01',
    });
  });

  async function idsMatching(roles: RoleConditionInput[]) {
    const { persons } = dataOf(await server.execute(PersonsDocument, { filter: { roles } }));
    return persons.edges.map((edge) => edge.node.id).sort();
  }

  it('journalists who are also customers of a given shop', async () => {
    expect(
      await idsMatching([{ role: 'JOURNALIST' }, { role: 'CUSTOMER', organizationId: shopId }]),
    ).toEqual([journalistCustomer]);
  });

  it('people who were customers of the shop at some point in 2024', async () => {
    const ids = await idsMatching([
      {
        role: 'CUSTOMER',
        organizationId: shopId,
        activeFrom: '2024-01-01',
        activeTo: '2024-12-31',
      },
    ]);
    expect(ids).toEqual([journalistCustomer, customer2024].sort());
  });

  it('current decision makers at the target', async () => {
    expect(
      await idsMatching([{ role: 'DECISION_MAKER', organizationId: targetId, current: true }]),
    ).toEqual([currentDecisionMaker]);
    expect(await idsMatching([{ role: 'DECISION_MAKER', organizationId: targetId }])).toEqual(
      [currentDecisionMaker, formerDecisionMaker].sort(),
    );
  });

  it('a role without organization is held at our own company, and adding it again changes nothing', async () => {
    const person = await createPerson(server);
    const first = await addRole(server, {
      personId: person.id,
      role: 'PROSPECT',
      since: '2026-01-15',
    });
    const again = await addRole(server, {
      personId: person.id,
      role: 'PROSPECT',
      since: '2026-01-15',
    });
    expect(first.organization).toMatchObject({ isOwnOrganization: true, name: 'Our company' });
    expect(again.id).toBe(first.id);
    const { person: read } = dataOf(await server.execute(PersonDocument, { id: person.id }));
    expect(read.roles).toHaveLength(1);
    expect(read.roles[0]).toMatchObject({
      role: 'PROSPECT',
      since: '2026-01-15',
      until: null,
      isCurrent: true,
    });
  });

  it('ending a role before it began is refused, and the role stays as it was', async () => {
    const person = await createPerson(server);
    const role = await addRole(server, {
      personId: person.id,
      role: 'PARTNER',
      since: '2025-06-01',
    });
    const response = await server.execute(UpdateRoleDocument, {
      id: role.id,
      input: { until: '2025-01-01', since: undefined, source: undefined },
    });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'until',
    });
    const ended = dataOf(
      await server.execute(UpdateRoleDocument, {
        id: role.id,
        input: { until: '2025-12-31', since: undefined, source: undefined },
      }),
    );
    expect(ended.updateRole).toMatchObject({
      since: '2025-06-01',
      until: '2025-12-31',
      isCurrent: false,
    });
    expect(
      dataOf(await server.execute(RemoveRoleDocument, { id: role.id })).removeRole.deleted,
    ).toBe(true);
  });

  it('roles to unknown people or organizations are NOT_FOUND', async () => {
    const person = await createPerson(server);
    const response = await server.execute(AddRoleDocument, {
      input: { personId: person.id, role: 'CUSTOMER', organizationId: 'no-such-organization' },
    });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'organizationId',
    });
  });

  it('deleting an organization removes its roles and keeps the people', async () => {
    const organization = await createOrganization(server);
    const person = await createPerson(server);
    await addRole(server, {
      personId: person.id,
      role: 'EMPLOYEE',
      organizationId: organization.id,
    });
    dataOf(await server.execute(DeleteOrganizationDocument, { id: organization.id }));
    const { person: read } = dataOf(await server.execute(PersonDocument, { id: person.id }));
    expect(read.roles).toEqual([]);
  });
});

describe('days that do not exist', () => {
  const tiesBetween = async (fromId: string, toId: string) => {
    const rows = await server.gateway.read({ operationName: 'countTies' }, (runner) =>
      runner.run('MATCH (:Person {id: $fromId})-[t]-(:Person {id: $toId}) RETURN count(t) AS n', {
        fromId,
        toId,
      }),
    );
    return Number(rows[0]?.n);
  };

  it('a tie since 2024-02-30 is BAD_USER_INPUT naming `since`, and no tie is written', async () => {
    const anna = await createPerson(server);
    const ben = await createPerson(server);
    const response = await server.execute(AddTieDocument, {
      input: {
        fromPersonId: anna.id,
        toPersonId: ben.id,
        type: 'KNOWS',
        strength: 0.5,
        since: '2024-02-30',
      },
    });
    const error = response.body.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(error?.extensions)).toContain('since');
    expect(await tiesBetween(anna.id, ben.id)).toBe(0);
  });

  it('a role until 2023-02-29 and a role condition from 2025-13-01 are BAD_USER_INPUT', async () => {
    const person = await createPerson(server);
    const role = await server.execute(AddRoleDocument, {
      input: { personId: person.id, role: 'CUSTOMER', since: '2023-01-01', until: '2023-02-29' },
    });
    expect(role.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(role.body.errors?.[0]?.extensions)).toContain('until');
    const filter = await server.execute(PersonsDocument, {
      first: 5,
      filter: { roles: [{ role: 'CUSTOMER', activeFrom: '2025-13-01' }] },
    });
    expect(filter.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const { person: read } = dataOf(await server.execute(PersonDocument, { id: person.id }));
    expect(read.roles).toEqual([]);
  });
});
