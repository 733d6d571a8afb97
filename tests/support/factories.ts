import { randomUUID } from 'node:crypto';
import {
  AddRoleDocument,
  type AddRoleInput,
  CreateOrganizationDocument,
  type CreateOrganizationInput,
  CreatePersonDocument,
  type CreatePersonInput,
  type ConsentPurpose,
  GrantConsentDocument,
  type GrantConsentInput,
} from '../generated/graphql';
import type { GraphQLResponse, TestServer } from './test-server';

/** The data of a response that must have succeeded; fails the test with the errors otherwise. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.body.errors !== undefined || response.body.data == null) {
    throw new Error(`GraphQL errors: ${JSON.stringify(response.body.errors)}`);
  }
  return response.body.data;
}

export function uniqueName(prefix: string): string {
  return `${prefix} ${randomUUID().slice(0, 8)}`;
}

export async function createPerson(server: TestServer, input: Partial<CreatePersonInput> = {}) {
  const data = dataOf(
    await server.execute(CreatePersonDocument, {
      input: { name: uniqueName('Person'), email: null, phone: null, locale: null, ...input },
    }),
  );
  return data.createPerson;
}

export async function createOrganization(
  server: TestServer,
  input: Partial<CreateOrganizationInput> = {},
) {
  const data = dataOf(
    await server.execute(CreateOrganizationDocument, {
      input: { name: uniqueName('Org'), kind: 'COMPANY', domain: null, ...input },
    }),
  );
  return data.createOrganization;
}

export async function addRole(
  server: TestServer,
  input: Partial<AddRoleInput> & Pick<AddRoleInput, 'personId' | 'role'>,
) {
  const data = dataOf(
    await server.execute(AddRoleDocument, {
      input: { organizationId: null, since: null, until: null, source: null, ...input },
    }),
  );
  return data.addRole;
}

/** Records that the person consents to a purpose (by web form, notice 2026-01). */
export async function grantConsent(
  server: TestServer,
  personId: string,
  purpose: ConsentPurpose,
  input: Partial<GrantConsentInput> = {},
) {
  const data = dataOf(
    await server.execute(GrantConsentDocument, {
      input: {
        personId,
        purpose,
        channel: 'WEB_FORM',
        lawfulBasis: 'CONSENT',
        source: 'test',
        noticeVersion: '2026-01',
        ...input,
      },
    }),
  );
  return data.grantConsent;
}
