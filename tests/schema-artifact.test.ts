import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildGraphQLSchema, printSortedSchema } from '../src/server/schema';
import { projectRoot } from './support/test-server';

describe('schema/schema.graphql', () => {
  it('is exactly what the code emits (run `npm run schema:emit` after changing types)', async () => {
    const committed = readFileSync(path.join(projectRoot, 'schema', 'schema.graphql'), 'utf8');
    expect(printSortedSchema(await buildGraphQLSchema())).toBe(committed);
  });
});
