import { getMetadataStorage } from 'type-graphql';
import { StaffRole } from '../features/staff/staff-user.type';
import { buildGraphQLSchema } from './schema';

/**
 * Every query, mutation and subscription must say who may call it. A new operation without
 * `@Authorized(...)` fails here before it can ship open to every member of staff.
 */
describe('authorization declarations', () => {
  it('every root operation in the schema names the staff roles allowed to call it', async () => {
    const schema = await buildGraphQLSchema();
    const storage = getMetadataStorage();
    const declared = new Map<string, readonly string[]>();
    for (const kind of ['queries', 'mutations', 'subscriptions'] as const) {
      for (const operation of storage[kind]) {
        const authorized = storage.authorizedFields.find(
          (field) => field.target === operation.target && field.fieldName === operation.methodName,
        );
        if (authorized !== undefined) declared.set(operation.schemaName, authorized.roles);
      }
    }

    const rootFields = [
      schema.getQueryType(),
      schema.getMutationType(),
      schema.getSubscriptionType(),
    ]
      .flatMap((type) => (type === null || type === undefined ? [] : Object.keys(type.getFields())))
      .sort();
    expect(rootFields.length).toBeGreaterThan(40);
    const undeclared = rootFields.filter((name) => (declared.get(name) ?? []).length === 0);
    expect(undeclared).toEqual([]);

    const known = new Set<string>(Object.values(StaffRole));
    const unknownRoles = [...declared.values()].flat().filter((role) => !known.has(role));
    expect(unknownRoles).toEqual([]);
  });
});
