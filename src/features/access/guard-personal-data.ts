import {
  defaultFieldResolver,
  type GraphQLField,
  type GraphQLFieldResolver,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLSchema,
  getNullableType,
} from 'graphql';
import { PERSONAL_DATA_EXTENSION, PersonalAccess, Sensitivity, canSee } from './personal-data';
import type { PersonalAccessResolver } from './personal-access';

/** What the guard needs from the operation context. */
export interface PersonalDataContext {
  personalAccess: PersonalAccessResolver;
  /** Notes that the viewer read personal data of a person (for the audit log). */
  noteRead(personId: string): void;
}

/** Finds the person a parent object's personal data belongs to; null when nobody known owns it. */
export type OwnerOf = (parent: never, context: never) => string | null | Promise<string | null>;

/** Replaces a field's value for viewers without access, where null or [] would be wrong. */
export type MaskOf = (value: unknown) => unknown;

export interface PersonalDataRules {
  /** Per GraphQL object type holding personal fields: whose data it is. */
  owners: Readonly<Record<string, OwnerOf>>;
  /** Per field coordinate (`Type.field`): a partial mask instead of hiding the whole value. */
  masks?: Readonly<Record<string, MaskOf>>;
}

/**
 * Wraps every field marked with `@PersonalData(...)` so that it checks, per parent object, whether
 * the viewer may see that person's data of that kind. Without access the field resolves as if there
 * were no data (null, an empty list, or the type's mask): the masked view does not reveal that
 * something is hidden. Because the rule sits on the field, it holds on every path to it — nested
 * fields, connections, aliases, fragments and subscriptions alike. The schema is checked when the
 * service starts: a marked field on a type without an owner rule, or one that cannot be hidden
 * (non-null scalar without a mask), stops start-up.
 */
export function guardPersonalData(schema: GraphQLSchema, rules: PersonalDataRules): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const sensitivity = field.extensions[PERSONAL_DATA_EXTENSION] as Sensitivity | undefined;
      if (sensitivity === undefined) continue;
      const ownerOf = rules.owners[type.name];
      if (ownerOf === undefined) {
        throw new Error(
          `${type.name}.${field.name} is personal data, but ${type.name} has no owner rule`,
        );
      }
      const coordinate = `${type.name}.${field.name}`;
      field.resolve = guarded(field, sensitivity, ownerOf, maskFor(field, coordinate, rules));
    }
  }
  return schema;
}

function maskFor(
  field: GraphQLField<unknown, unknown>,
  coordinate: string,
  rules: PersonalDataRules,
): MaskOf {
  const custom = rules.masks?.[coordinate];
  if (custom !== undefined) return custom;
  if (getNullableType(field.type) instanceof GraphQLList) return HIDE_LIST;
  if (field.type instanceof GraphQLNonNull) {
    throw new Error(
      `${coordinate} is personal data but non-null: make it nullable or give it a mask`,
    );
  }
  return HIDE_VALUE;
}

// Hiding masks do not run the field's resolver at all: nothing is loaded that nobody may see.
const HIDE_LIST: MaskOf = () => [];
const HIDE_VALUE: MaskOf = () => null;

function guarded(
  field: GraphQLField<unknown, unknown>,
  sensitivity: Sensitivity,
  ownerOf: OwnerOf,
  mask: MaskOf,
): GraphQLFieldResolver<unknown, PersonalDataContext> {
  const resolve = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<
    unknown,
    PersonalDataContext
  >;
  return async (parent, args, context, info) => {
    const owner = await (
      ownerOf as (p: unknown, c: unknown) => string | null | Promise<string | null>
    )(parent, context);
    const access = await context.personalAccess.forPerson(owner);
    if (!canSee(access, sensitivity)) {
      if (mask === HIDE_LIST || mask === HIDE_VALUE) return mask(undefined);
      return mask(await resolve(parent, args, context, info));
    }
    if (owner !== null && access === PersonalAccess.FULL && sensitivity !== Sensitivity.PROFILE) {
      context.noteRead(owner);
    }
    return resolve(parent, args, context, info);
  };
}
