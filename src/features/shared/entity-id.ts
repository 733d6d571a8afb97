import { badUserInput } from '../../core/errors/domain-error';

/**
 * Ids are UUIDs for everything this service creates; imported and fixture ids may be any short
 * token of safe characters. Anything else is refused before it reaches the database.
 */
const ENTITY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export function assertEntityId(id: string, field: string): string {
  if (!ENTITY_ID.test(id)) throw badUserInput(`${field} is not a valid id`, { field });
  return id;
}
