import { buildSchema, graphql, type GraphQLObjectType } from 'graphql';
import {
  isWorthPrefetching,
  planPersonView,
  type PlanRequests,
  type SelectedField,
  selectedFields,
} from './person-view-plan';
import type { TieRequest } from './person-view.service';
import type { TimelineRequest } from './timeline.service';

const schema = buildSchema(`
  type Person {
    id: ID!
    name: String
    roles: [String]
    sameAs: [String]
    sentimentTrend: [String]
    relationshipStrength: String
    tiesConnection(first: Int): String
    timeline(first: Int): String
    closestStaff(first: Int): StaffConnection
  }
  type StaffConnection { totalCount: Int, edges: [StaffEdge] }
  type StaffEdge { node: Closeness }
  type Closeness { score: Float, recentSharedInteractions: [String] }
  type Query { person: Person }
`);
const personType = schema.getType('Person') as GraphQLObjectType;

async function selectionOf(source: string, variables: Record<string, unknown> = {}) {
  let fields: SelectedField[] = [];
  const result = await graphql({
    schema,
    source,
    variableValues: variables,
    rootValue: {
      person: (_args: unknown, _context: unknown, info: Parameters<typeof selectedFields>[0]) => {
        fields = selectedFields(info, personType);
        return { id: 'p' };
      },
    },
  });
  expect(result.errors).toBeUndefined();
  return fields;
}

// Stand-ins for the services: they keep `first` and refuse a negative one, as pageRequest does.
const requests: PlanRequests = {
  tieRequest: (types, first) => {
    if ((first ?? 0) < 0) throw new Error('bad first');
    return { types: [...(types ?? [])], first: first ?? 20, after: null } satisfies TieRequest;
  },
  timelineRequest: (_filter, first) =>
    ({ first: first ?? 20, after: null, query: {} }) as unknown as TimelineRequest,
};

describe('the person view plan', () => {
  it('sees fields through fragments and inline fragments, and honours @skip and @include', async () => {
    const fields = await selectionOf(
      `query ($skip: Boolean!) {
        person {
          id
          ...Parts
          ... on Person { sameAs }
          timeline @skip(if: $skip)
          relationshipStrength @include(if: false)
        }
      }
      fragment Parts on Person { roles tiesConnection(first: 5) }`,
      { skip: true },
    );
    expect(fields.map((field) => field.name)).toEqual(['id', 'roles', 'tiesConnection', 'sameAs']);
    expect(fields.find((field) => field.name === 'tiesConnection')?.args).toEqual({ first: 5 });
  });

  it('keeps one request per distinct argument set and leaves out arguments the resolver refuses', async () => {
    const fields = await selectionOf(`{
      person {
        a: tiesConnection(first: 5)
        b: tiesConnection(first: 5)
        c: tiesConnection(first: 7)
        d: tiesConnection(first: -1)
        timeline
        sentimentTrend
        relationshipStrength
      }
    }`);
    const plan = planPersonView(fields, requests);
    expect(plan.ties.map((request) => request.first)).toEqual([5, 7]);
    expect(plan.timelines).toHaveLength(1);
    expect(plan).toMatchObject({ insights: true, roles: false, closestStaff: false });
  });

  it('prefetches only when one query replaces at least two', async () => {
    const one = planPersonView(await selectionOf('{ person { id name roles } }'), requests);
    expect(isWorthPrefetching(one)).toBe(false);
    const two = planPersonView(await selectionOf('{ person { roles timeline } }'), requests);
    expect(isWorthPrefetching(two)).toBe(true);
  });

  it("fetches the closest staff's recent interactions only where the selection shows them", async () => {
    const counts = planPersonView(
      await selectionOf('{ person { closestStaff { totalCount edges { node { score } } } } }'),
      requests,
    );
    expect(counts).toMatchObject({ closestStaff: true, staffRecentInteractions: false });
    const throughFragments = planPersonView(
      await selectionOf(
        `query ($show: Boolean!) {
          person { closestStaff { edges { ...Edge } } }
        }
        fragment Edge on StaffEdge { node { ... on Closeness { recentSharedInteractions @include(if: $show) } } }`,
        { show: true },
      ),
      requests,
    );
    expect(throughFragments.staffRecentInteractions).toBe(true);
    const skipped = planPersonView(
      await selectionOf(
        `query ($show: Boolean!) {
          person { closestStaff { edges { node { score recentSharedInteractions @include(if: $show) } } } }
        }`,
        { show: false },
      ),
      requests,
    );
    expect(skipped.staffRecentInteractions).toBe(false);
  });
});
