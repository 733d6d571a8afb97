import {
  getNamedType,
  getNullableType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';

/**
 * Strings that would change a query if they were ever spliced into Cypher (or a full-text query,
 * or a CSV/NDJSON import) instead of being passed as parameters.
 */
export const INJECTION_PAYLOADS: readonly string[] = [
  "' OR 1=1 //",
  '"}) DETACH DELETE n //',
  '`Person`) DETACH DELETE n //',
  '`}) SET n.pwned = true //',
  '{id: $id, name: $name}',
  '\\u0027 OR 1=1 //',
  'CALL db.labels() YIELD label RETURN label //',
  "\r\n'; MATCH (n) DETACH DELETE n; //",
  'null\u0000byte',
  'Ünïcødé 😀 \u202edlrow\u202c \u200b 𝕏 ﷽',
  'name:anna~ AND (x OR *',
  '{"type":"person","system":"fuzz","externalId":"x\'OR\'1\'=\'1","name":"\\"}) DETACH DELETE n //"}',
  `${'A'.repeat(100_000)}' OR 1=1 //`,
  '   ',
];

/** Where in an operation's arguments a string goes: argument name, then input fields and list indexes. */
export type ArgumentPath = ReadonlyArray<string | 0>;

export interface FuzzTarget {
  operation: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
  path: ArgumentPath;
}

export interface FuzzRequest {
  query: string;
  variables: Record<string, unknown>;
  /** Ids of existing things the request names (not the payload). */
  namedIds: string[];
}

/** Supplies ordinary values for the arguments that do not carry the payload. */
export interface ArgumentValues {
  /**
   * An existing id for an ID argument, or null when none fits; `occurrence` counts the ids of the
   * request so far, so that two people in one request can be two different people.
   */
  id(argumentName: string, operationName: string, occurrence: number): string | null;
  /** Optional inputs an operation needs in practice (e.g. a performer), filled like required ones. */
  companions(operationName: string): readonly ArgumentPath[];
  string(name: string): string;
  enumValue(coordinate: string, values: readonly string[]): string;
}

const MAX_INPUT_DEPTH = 4;

function stringLeaves(
  type: GraphQLInputType,
  path: ArgumentPath,
  seen: ReadonlySet<string>,
): ArgumentPath[] {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return stringLeaves(nullable.ofType, [...path, 0], seen);
  if (isScalarType(nullable)) {
    return nullable.name === 'String' || nullable.name === 'ID' ? [path] : [];
  }
  if (!isInputObjectType(nullable) || seen.has(nullable.name) || seen.size >= MAX_INPUT_DEPTH) {
    return [];
  }
  const inside = new Set([...seen, nullable.name]);
  return Object.values(nullable.getFields()).flatMap((field) =>
    stringLeaves(field.type, [...path, field.name], inside),
  );
}

/**
 * Every String or ID that a query or mutation accepts, anywhere in its arguments (input objects,
 * lists), read from the schema itself: a new operation is fuzzed without anyone listing it.
 */
export function fuzzTargets(schema: GraphQLSchema): FuzzTarget[] {
  const targets: FuzzTarget[] = [];
  for (const operation of ['query', 'mutation'] as const) {
    const root = operation === 'query' ? schema.getQueryType() : schema.getMutationType();
    for (const field of Object.values(root?.getFields() ?? {})) {
      for (const argument of field.args) {
        for (const path of stringLeaves(argument.type, [argument.name], new Set())) {
          targets.push({ operation, field, path });
        }
      }
    }
  }
  return targets;
}

export function describeTarget(target: FuzzTarget): string {
  return `${target.field.name}(${target.path.map(String).join('.')})`;
}

/** `{ __typename id }` for object types (id when there is one), nothing for scalars. */
function selectionFor(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return '';
  if (isObjectType(named) && 'id' in named.getFields()) return '{ __typename id }';
  return '{ __typename }';
}

const OMIT = Symbol('omit');

class RequestBuilder {
  readonly namedIds: string[] = [];
  private readonly companions: readonly ArgumentPath[];

  constructor(
    private readonly target: FuzzTarget,
    private readonly payload: string,
    private readonly values: ArgumentValues,
  ) {
    this.companions = values.companions(target.field.name);
  }

  argument(argument: GraphQLArgument): unknown {
    const onPath = this.target.path[0] === argument.name ? this.target.path.slice(1) : null;
    return this.value(argument.type, argument.name, onPath, argument.defaultValue !== undefined, [
      argument.name,
    ]);
  }

  private wanted(trail: ArgumentPath): boolean {
    return this.companions.some((companion) =>
      trail.every((segment, index) => companion[index] === segment),
    );
  }

  private value(
    type: GraphQLInputType,
    name: string,
    fuzzRest: ArgumentPath | null,
    hasDefault: boolean,
    trail: ArgumentPath,
  ): unknown {
    const optional = !isNonNullType(type) || hasDefault;
    if (fuzzRest === null && optional && !this.wanted(trail)) return OMIT;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      if (fuzzRest === null) return [];
      return [this.value(nullable.ofType, name, fuzzRest.slice(1), false, [...trail, 0])];
    }
    if (isInputObjectType(nullable)) {
      const object: Record<string, unknown> = {};
      for (const field of Object.values(nullable.getFields())) {
        const rest = fuzzRest?.[0] === field.name ? fuzzRest.slice(1) : null;
        const value = this.value(field.type, field.name, rest, field.defaultValue !== undefined, [
          ...trail,
          field.name,
        ]);
        if (value !== OMIT) object[field.name] = value;
      }
      return object;
    }
    if (fuzzRest !== null && fuzzRest.length === 0) return this.payload;
    if (isEnumType(nullable)) {
      return this.values.enumValue(
        `${this.target.field.name}.${name}`,
        nullable.getValues().map((value) => value.name),
      );
    }
    // Some inputs carry ids as String (e.g. `personId: String`): they name things all the same.
    if (isScalarType(nullable) && (nullable.name === 'ID' || /Ids?$/.test(name))) {
      return this.id(name);
    }
    if (isScalarType(nullable) && nullable.name === 'Int') return 1;
    if (isScalarType(nullable) && nullable.name === 'Float') return 0.5;
    if (isScalarType(nullable) && nullable.name === 'Boolean') return true;
    return this.values.string(name);
  }

  private id(name: string): string {
    const occurrence = this.namedIds.length;
    const id = this.values.id(name, this.target.field.name, occurrence) ?? 'no-such-id';
    this.namedIds.push(id);
    return id;
  }
}

/** The name of the input field or argument a target's payload goes into. */
export function leafName(target: FuzzTarget): string {
  const names = target.path.filter((segment): segment is string => segment !== 0);
  return names[names.length - 1] ?? '';
}

/** One operation that puts `payload` at the target's path and ordinary values everywhere else. */
export function fuzzRequest(
  target: FuzzTarget,
  payload: string,
  values: ArgumentValues,
): FuzzRequest {
  const builder = new RequestBuilder(target, payload, values);
  const variables: Record<string, unknown> = {};
  const used: GraphQLArgument[] = [];
  for (const argument of target.field.args) {
    const value = builder.argument(argument);
    if (value === OMIT) continue;
    variables[argument.name] = value;
    used.push(argument);
  }
  const definitions = used.map((argument) => `$${argument.name}: ${String(argument.type)}`);
  const passed = used.map((argument) => `${argument.name}: $${argument.name}`);
  const query =
    `${target.operation} Fuzz${definitions.length > 0 ? `(${definitions.join(', ')})` : ''} ` +
    `{ ${target.field.name}${passed.length > 0 ? `(${passed.join(', ')})` : ''} ` +
    `${selectionFor(target.field.type)} }`;
  return { query, variables, namedIds: builder.namedIds };
}
