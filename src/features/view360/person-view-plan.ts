import {
  type FieldNode,
  getArgumentValues,
  getDirectiveValues,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { TieType } from '../ties/tie.type';
import type { TieRequest } from './person-view.service';
import type { TimelineFilter } from './timeline.input';
import type { TimelineRequest } from './timeline.service';

/**
 * Which parts of the person view one selection asks for, with the arguments of each: what the
 * prefetch fetches in one query (see person-view-prefetch.cypher.ts).
 */
export interface PersonViewPlan {
  roles: boolean;
  socialAccounts: boolean;
  sameAs: boolean;
  ties: TieRequest[];
  timelines: TimelineRequest[];
  insights: boolean;
  closestStaff: boolean;
  /** Whether the closest staff's evidence shows its recent interactions, not only counts. */
  staffRecentInteractions: boolean;
}

/** A field selected on an object, with its arguments as the resolver will receive them. */
export interface SelectedField {
  name: string;
  args: Record<string, unknown>;
  definition: GraphQLField<unknown, unknown>;
  /**
   * Whether the field's own selection names `field` at any depth, through fragments; type
   * conditions are not checked, so it may say yes where the field would not resolve.
   */
  selects: (field: string) => boolean;
}

/** The Person fields that read the person's insights (one loader serves them all). */
const INSIGHT_FIELDS: ReadonlySet<string> = new Set([
  'sentimentTrend',
  'topTopics',
  'openIssues',
  'openIssueCount',
  'productsBought',
  'lastContact',
  'relationshipStrength',
]);

/** How the plan turns field arguments into loader keys: the services the resolvers use. */
export interface PlanRequests {
  tieRequest(
    types: readonly TieType[] | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): TieRequest;
  timelineRequest(
    filter: TimelineFilter | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): TimelineRequest;
}

function included(
  node: FieldNode | SelectionSetNode['selections'][number],
  info: GraphQLResolveInfo,
) {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, info.variableValues);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues);
  return include?.if !== false;
}

/**
 * The fields selected on the object that the current field returns, through fragments and inline
 * fragments of its type, honouring @skip and @include. Aliases of one field come back once each.
 */
export function selectedFields(info: GraphQLResolveInfo, type: GraphQLObjectType): SelectedField[] {
  const definitions = type.getFields();
  const fields: SelectedField[] = [];
  const names = (selectionSet: SelectionSetNode | undefined, name: string, seen: Set<string>) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (!included(selection, info)) continue;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) return true;
        if (names(selection.selectionSet, name, seen)) return true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (names(selection.selectionSet, name, seen)) return true;
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        if (names(info.fragments[selection.name.value]?.selectionSet, name, seen)) return true;
      }
    }
    return false;
  };
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (!included(selection, info)) continue;
      if (selection.kind === Kind.FIELD) {
        const definition = definitions[selection.name.value];
        if (definition === undefined) continue;
        const args = getArgumentValues(definition, selection, info.variableValues);
        const selectionSet = selection.selectionSet;
        fields.push({
          name: selection.name.value,
          args,
          definition,
          selects: (name) => names(selectionSet, name, new Set()),
        });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        if (condition === undefined || condition === type.name) visit(selection.selectionSet);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment?.typeCondition.name.value === type.name) visit(fragment.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return fields;
}

function distinctByKey<T>(requests: T[]): T[] {
  const seen = new Map<string, T>();
  for (const request of requests) seen.set(JSON.stringify(request), request);
  return [...seen.values()];
}

/** Arguments the resolver would refuse stay out of the plan: the resolver reports them. */
function attempt<T>(build: () => T): T[] {
  try {
    return [build()];
  } catch {
    return [];
  }
}

export function planPersonView(fields: readonly SelectedField[], requests: PlanRequests) {
  const plan: PersonViewPlan = {
    roles: false,
    socialAccounts: false,
    sameAs: false,
    ties: [],
    timelines: [],
    insights: false,
    closestStaff: false,
    staffRecentInteractions: false,
  };
  for (const { name, args, selects } of fields) {
    const first = args.first as number | null | undefined;
    const after = args.after as string | null | undefined;
    if (name === 'roles') plan.roles = true;
    else if (name === 'socialAccounts') plan.socialAccounts = true;
    else if (name === 'sameAs') plan.sameAs = true;
    else if (name === 'closestStaff') {
      plan.closestStaff = true;
      plan.staffRecentInteractions ||= selects('recentSharedInteractions');
    } else if (INSIGHT_FIELDS.has(name)) plan.insights = true;
    else if (name === 'tiesConnection') {
      const types = args.types as TieType[] | null | undefined;
      plan.ties.push(...attempt(() => requests.tieRequest(types, first, after)));
    } else if (name === 'timeline') {
      const filter = args.filter as TimelineFilter | null | undefined;
      plan.timelines.push(...attempt(() => requests.timelineRequest(filter, first, after)));
    }
  }
  plan.ties = distinctByKey(plan.ties);
  plan.timelines = distinctByKey(plan.timelines);
  return plan;
}

/** One combined query pays off once it replaces at least two of the view's own queries. */
export function isWorthPrefetching(plan: PersonViewPlan): boolean {
  const parts = [
    plan.roles,
    plan.socialAccounts,
    plan.sameAs,
    plan.insights,
    plan.closestStaff,
  ].filter(Boolean).length;
  return parts + plan.ties.length + plan.timelines.length > 1;
}
