import {
  AddTieDocument,
  InteractionsDocument,
  LinkSocialAccountDocument,
  MarkSameAsDocument,
  MergePersonsDocument,
  PersonIdentityDocument,
  PersonsDocument,
  RecordInteractionDocument,
  RemoveSameAsDocument,
  UnmergePersonDocument,
  UpsertPersonByExternalKeyDocument,
  UpsertSocialAccountDocument,
} from '../generated/graphql';
import {
  addRole,
  createOrganization,
  createPerson,
  dataOf,
  grantConsent,
} from '../support/factories';
import { useTestServer } from '../support/test-server';

const server = useTestServer();

async function relationshipSnapshot(): Promise<string[]> {
  const rows = await server.gateway.read({ operationName: 'snapshot' }, (runner) =>
    runner.run(`
      MATCH (a)-[r]->(b)
      WHERE NOT a:SchemaMigration AND NOT a:TestDatabaseMarker
      RETURN a.id + ' -' + type(r) + '-> ' + b.id + ' ' + toString(coalesce(r.strength, r.role, '')) AS line
      ORDER BY line`),
  );
  return rows.map((row) => String(row.line));
}

describe('SAME_AS links', () => {
  it('are stored once per pair, in either order, and can be removed', async () => {
    const a = await createPerson(server);
    const b = await createPerson(server);
    dataOf(
      await server.execute(MarkSameAsDocument, {
        input: { personId: a.id, otherPersonId: b.id, confidence: 0.6 },
      }),
    );
    const again = dataOf(
      await server.execute(MarkSameAsDocument, {
        input: { personId: b.id, otherPersonId: a.id, confidence: 0.8, source: 'rule:email' },
      }),
    );
    expect(again.markSameAs).toEqual({
      confidence: 0.8,
      source: 'rule:email',
      other: { id: a.id },
    });
    const fromA = dataOf(await server.execute(PersonIdentityDocument, { id: a.id }));
    expect(fromA.person.sameAs).toEqual([{ confidence: 0.8, other: { id: b.id } }]);
    expect(
      dataOf(await server.execute(RemoveSameAsDocument, { personId: b.id, otherPersonId: a.id }))
        .removeSameAs,
    ).toBe(true);
  });
});

describe('merge and unmerge', () => {
  it('moves everything to the survivor, hides the merged record, and undoes it exactly', async () => {
    const organization = await createOrganization(server);
    const friend = await createPerson(server, { name: 'Friend' });
    const survivor = await createPerson(server, { name: 'Anna Schmidt' });
    const keyed = dataOf(
      await server.execute(UpsertPersonByExternalKeyDocument, {
        key: { system: 'shop', externalId: 'C-77' },
        input: { name: 'A. Schmidt', email: 'anna@shop.example' },
      }),
    ).upsertPersonByExternalKey;
    await addRole(server, {
      personId: keyed.id,
      role: 'CUSTOMER',
      organizationId: organization.id,
    });
    dataOf(
      await server.execute(AddTieDocument, {
        input: { fromPersonId: friend.id, toPersonId: keyed.id, type: 'KNOWS', strength: 0.7 },
      }),
    );
    dataOf(
      await server.execute(AddTieDocument, {
        input: { fromPersonId: keyed.id, toPersonId: survivor.id, type: 'FAMILY_OF', strength: 1 },
      }),
    );
    const account = dataOf(
      await server.execute(UpsertSocialAccountDocument, {
        input: { platform: 'X', handle: 'a_schmidt' },
      }),
    ).upsertSocialAccount;
    await grantConsent(server, keyed.id, 'SOCIAL_MONITORING');
    dataOf(
      await server.execute(LinkSocialAccountDocument, {
        input: { accountId: account.id, personId: keyed.id },
      }),
    );
    dataOf(
      await server.execute(RecordInteractionDocument, {
        input: {
          kind: 'ORDER',
          channel: 'WEB_SHOP',
          occurredAt: '2026-05-01T10:00:00Z',
          performedByPersonId: keyed.id,
        },
      }),
    );
    dataOf(
      await server.execute(MarkSameAsDocument, {
        input: { personId: survivor.id, otherPersonId: keyed.id, confidence: 0.9 },
      }),
    );
    const before = await relationshipSnapshot();

    const merged = dataOf(
      await server.execute(MergePersonsDocument, { survivorId: survivor.id, mergedId: keyed.id }),
    ).mergePersons;
    expect(merged.survivor).toEqual({
      id: survivor.id,
      name: 'Anna Schmidt',
      email: 'anna@shop.example',
    });
    expect(merged.filledProperties).toEqual(['email']);
    // role, KNOWS from friend, account, order, external key, and the consent given
    expect(merged.movedRelationships).toBe(6);

    const view = dataOf(await server.execute(PersonIdentityDocument, { id: survivor.id })).person;
    expect(view.roles.map((role) => role.role)).toEqual(['CUSTOMER']);
    expect(view.socialAccounts.map((a) => a.handle)).toEqual(['a_schmidt']);
    expect(view.ties).toEqual([
      { type: 'KNOWS', from: { id: friend.id }, to: { id: survivor.id } },
    ]);
    const orders = dataOf(
      await server.execute(InteractionsDocument, { filter: { personId: survivor.id } }),
    ).interactions;
    expect(orders.totalCount).toBe(1);

    const gone = await server.execute(PersonIdentityDocument, { id: keyed.id });
    expect(gone.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const search = dataOf(
      await server.execute(PersonsDocument, { filter: { search: 'schmidt' } }),
    ).persons;
    expect(search.edges.map((edge) => edge.node.id)).toEqual([survivor.id]);
    const viaKey = dataOf(
      await server.execute(UpsertPersonByExternalKeyDocument, {
        key: { system: 'shop', externalId: 'C-77' },
        input: { name: 'Anna Schmidt' },
      }),
    );
    expect(viaKey.upsertPersonByExternalKey.id).toBe(survivor.id);

    const restored = dataOf(
      await server.execute(UnmergePersonDocument, { mergedId: keyed.id }),
    ).unmergePerson;
    expect(restored).toEqual({ id: keyed.id, name: 'A. Schmidt', email: 'anna@shop.example' });
    expect(await relationshipSnapshot()).toEqual(before);
    const survivorAfter = dataOf(
      await server.execute(PersonIdentityDocument, { id: survivor.id }),
    ).person;
    expect(survivorAfter.email).toBeNull();
  });

  it.each([
    ['a record into itself', 'self', 'BAD_USER_INPUT'],
    ['an unknown record', 'unknown', 'NOT_FOUND'],
  ])('refuses to merge %s', async (_name, kind, code) => {
    const person = await createPerson(server);
    const mergedId = kind === 'self' ? person.id : 'no-such-person';
    const response = await server.execute(MergePersonsDocument, {
      survivorId: person.id,
      mergedId,
    });
    expect(response.body.errors?.[0]?.extensions?.code).toBe(code);
  });

  it('unmerging a record that was never merged is NOT_FOUND', async () => {
    const person = await createPerson(server);
    const response = await server.execute(UnmergePersonDocument, { mergedId: person.id });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
