import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { findProjectRoot } from '../src/core/config/config';
import { buildGraphQLSchema, printSortedSchema } from '../src/server/schema';

/** Writes schema/schema.graphql from the type-graphql classes (npm run schema:emit). */
async function emitSchema(): Promise<void> {
  const target = path.join(findProjectRoot(), 'schema', 'schema.graphql');
  writeFileSync(target, printSortedSchema(await buildGraphQLSchema()));
  process.stdout.write(`wrote ${target}\n`);
}

void emitSchema();
