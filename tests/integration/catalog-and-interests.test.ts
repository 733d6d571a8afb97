import {
  CreateCampaignDocument,
  CreateProductDocument,
  PersonInterestsDocument,
  PersonsDocument,
  RemoveInterestDocument,
  SetInterestDocument,
  TopicsDocument,
  UpdateProductDocument,
  UpsertTopicDocument,
} from '../generated/graphql';
import { createPerson, dataOf } from '../support/factories';
import { useTestServer } from '../support/test-server';

const server = useTestServer();

describe('topics, products, campaigns', () => {
  it('names a topic once, however it is written', async () => {
    const first = dataOf(
      await server.execute(UpsertTopicDocument, { name: 'E-Bikes' }),
    ).upsertTopic;
    const again = dataOf(
      await server.execute(UpsertTopicDocument, { name: '  e-bikes ' }),
    ).upsertTopic;
    expect(again).toEqual({ id: first.id, name: 'e-bikes', keywords: [] });
    const { topics } = dataOf(await server.execute(TopicsDocument, { nameContains: 'BIKE' }));
    expect(topics.totalCount).toBe(1);
  });

  it('refuses a blank topic, a product with a bad sku, a campaign that ends before it starts or starts on a day that does not exist', async () => {
    const blank = await server.execute(UpsertTopicDocument, { name: '   ' });
    const sku = await server.execute(CreateProductDocument, {
      input: { name: 'Velora City', sku: 'has space' },
    });
    const campaign = await server.execute(CreateCampaignDocument, {
      input: { name: 'Spring', startsOn: '2026-04-01', endsOn: '2026-03-01' },
    });
    const noSuchDay = await server.execute(CreateCampaignDocument, {
      input: { name: 'Leap', startsOn: '2026-02-29', endsOn: '2026-03-31' },
    });
    for (const response of [blank, sku, campaign, noSuchDay]) {
      expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('keywords of topics and products', () => {
  it("keeps a topic's keywords until new ones are given, each once, tidied", async () => {
    const upsert = async (keywords?: string[]) =>
      dataOf(await server.execute(UpsertTopicDocument, { name: 'Cargo bikes', keywords }))
        .upsertTopic.keywords;
    expect(await upsert(['  Lastenrad ', 'long  john', 'LASTENRAD', 'bakfiets'])).toEqual([
      'Lastenrad',
      'long john',
      'bakfiets',
    ]);
    expect(await upsert()).toEqual(['Lastenrad', 'long john', 'bakfiets']);
    expect(await upsert(['cargo e-bike'])).toEqual(['cargo e-bike']);
    expect(await upsert([])).toEqual([]);
  });

  it("takes a product's keywords with every other field on create and update", async () => {
    const created = dataOf(
      await server.execute(CreateProductDocument, {
        input: { name: 'Velora Trail', keywords: ['Trail X', 'VT-1'] },
      }),
    ).createProduct;
    expect(created.keywords).toEqual(['Trail X', 'VT-1']);
    const renamed = dataOf(
      await server.execute(UpdateProductDocument, {
        id: created.id,
        input: { name: 'Velora Trail 2', keywords: ['VT-2'] },
      }),
    ).updateProduct;
    expect(renamed.keywords).toEqual(['VT-2']);
    const cleared = dataOf(
      await server.execute(UpdateProductDocument, {
        id: created.id,
        input: { name: 'Velora Trail 2' },
      }),
    ).updateProduct;
    expect(cleared.keywords).toEqual([]);
  });

  it('refuses keywords without a word, too long or too many, and writes nothing', async () => {
    const topic = dataOf(
      await server.execute(UpsertTopicDocument, { name: 'Commuting', keywords: ['pendeln'] }),
    ).upsertTopic;
    const cases: [string[], string][] = [
      [['pendeln', ' #!? '], 'keywords.1'],
      [['x'.repeat(101)], 'keywords.0'],
      [Array.from({ length: 51 }, (_, index) => `word${index}`), 'keywords'],
    ];
    for (const [keywords, field] of cases) {
      const response = await server.execute(UpsertTopicDocument, { name: 'Commuting', keywords });
      expect(response.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
      const product = await server.execute(CreateProductDocument, {
        input: { name: `Refused ${field}`, keywords },
      });
      expect(product.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const unchanged = dataOf(await server.execute(UpsertTopicDocument, { name: 'Commuting' }));
    expect(unchanged.upsertTopic).toEqual({ ...topic, keywords: ['pendeln'] });
    const refused = await server.gateway.read({ operationName: 'test' }, (runner) =>
      runner.run("MATCH (n:Product) WHERE n.name STARTS WITH 'Refused' RETURN count(n) AS count"),
    );
    expect(Number(refused[0]?.count)).toBe(0);
  });
});

describe('interests', () => {
  it('sets, updates and removes interests in topics and products, strongest first', async () => {
    const person = await createPerson(server);
    const topic = dataOf(
      await server.execute(UpsertTopicDocument, { name: 'cargo bikes' }),
    ).upsertTopic;
    const product = dataOf(
      await server.execute(CreateProductDocument, { input: { name: 'Velora Cargo', sku: 'VC-1' } }),
    ).createProduct;

    dataOf(
      await server.execute(SetInterestDocument, {
        input: { personId: person.id, subjectId: topic.id, weight: 0.4 },
      }),
    );
    dataOf(
      await server.execute(SetInterestDocument, {
        input: { personId: person.id, subjectId: product.id, weight: 0.6 },
      }),
    );
    dataOf(
      await server.execute(SetInterestDocument, {
        input: { personId: person.id, subjectId: topic.id, weight: 0.9 },
      }),
    );

    const read = dataOf(await server.execute(PersonInterestsDocument, { id: person.id }));
    expect(read.person.interests).toEqual([
      { weight: 0.9, subject: { __typename: 'Topic', name: 'cargo bikes' } },
      { weight: 0.6, subject: { __typename: 'Product', name: 'Velora Cargo' } },
    ]);

    expect(
      dataOf(
        await server.execute(RemoveInterestDocument, { personId: person.id, subjectId: topic.id }),
      ).removeInterest,
    ).toBe(true);
    expect(
      dataOf(await server.execute(PersonInterestsDocument, { id: person.id })).person.interests,
    ).toHaveLength(1);
  });

  it('people can be filtered by what they are interested in', async () => {
    const fan = await createPerson(server, { name: 'Cargo Fan' });
    await createPerson(server, { name: 'Not A Fan' });
    const topic = dataOf(
      await server.execute(UpsertTopicDocument, { name: 'cargo logistics' }),
    ).upsertTopic;
    dataOf(
      await server.execute(SetInterestDocument, {
        input: { personId: fan.id, subjectId: topic.id, weight: 0.8 },
      }),
    );
    const { persons } = dataOf(
      await server.execute(PersonsDocument, { filter: { interestedInId: topic.id } }),
    );
    expect(persons.edges.map((edge) => edge.node.id)).toEqual([fan.id]);
  });

  it('an interest in something that is neither topic nor product is NOT_FOUND', async () => {
    const person = await createPerson(server);
    const response = await server.execute(SetInterestDocument, {
      input: { personId: person.id, subjectId: person.id, weight: 0.5 },
    });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'subjectId',
    });
  });
});
