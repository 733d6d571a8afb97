import { StaffRole } from '../../src/features/staff/staff-user.type';
import {
  GrantConsentDocument,
  PersonConsentsDocument,
  RecordInteractionDocument,
  WithdrawConsentDocument,
} from '../generated/graphql';
import { createPerson, dataOf, grantConsent } from '../support/factories';
import { startTestServer, type TestServer, useTestServer } from '../support/test-server';

const server = useTestServer();

const CONSENT_COUNT = `MATCH (c:Consent) RETURN count(c) AS n`;
async function consentNodes(): Promise<number> {
  const rows = await server.gateway.read({ operationName: 'consentCount' }, (runner) =>
    runner.run(CONSENT_COUNT),
  );
  return Number(rows[0]?.n);
}

describe('consent records', () => {
  it('keeps the history append-only and sums it up per purpose', async () => {
    const person = await createPerson(server, { name: 'Clara Consent' });
    const first = await grantConsent(server, person.id, 'MARKETING', {
      grantedAt: '2025-01-10T09:00:00Z',
      evidence: 'double-opt-in:abc',
    });
    expect(first).toMatchObject({
      purpose: 'MARKETING',
      channel: 'WEB_FORM',
      lawfulBasis: 'CONSENT',
      grantedAt: '2025-01-10T09:00:00.000Z',
      withdrawnAt: null,
      evidence: 'double-opt-in:abc',
      active: true,
      recordedByUserId: 'test-admin',
    });

    const withdrawal = dataOf(
      await server.execute(WithdrawConsentDocument, { personId: person.id, purpose: 'MARKETING' }),
    ).withdrawConsent;
    expect(withdrawal.withdrawn).toBe(1);
    // Withdrawing again changes nothing.
    expect(
      dataOf(
        await server.execute(WithdrawConsentDocument, {
          personId: person.id,
          purpose: 'MARKETING',
        }),
      ).withdrawConsent.withdrawn,
    ).toBe(0);
    await grantConsent(server, person.id, 'MARKETING', { channel: 'EMAIL' });

    const view = dataOf(await server.execute(PersonConsentsDocument, { id: person.id })).person;
    expect(view.consents.map((consent) => [consent.channel, consent.active])).toEqual([
      ['EMAIL', true],
      ['WEB_FORM', false],
    ]);
    expect(view.consents[1]?.withdrawnAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const marketing = view.consentSummary.find((status) => status.purpose === 'MARKETING');
    expect(marketing).toMatchObject({ granted: true, allowed: true });
    const profiling = view.consentSummary.find((status) => status.purpose === 'PROFILING');
    expect(profiling).toEqual({
      purpose: 'PROFILING',
      granted: false,
      allowed: false,
      since: null,
      expiresAt: null,
    });
    const active = dataOf(
      await server.execute(PersonConsentsDocument, { id: person.id, activeOnly: true }),
    ).person.consents;
    expect(active).toHaveLength(1);
  });

  it('a retried grant with its time records nothing new', async () => {
    const person = await createPerson(server);
    const before = await consentNodes();
    const grant = () =>
      grantConsent(server, person.id, 'PROFILING', { grantedAt: '2026-03-01T12:00:00+01:00' });
    const [a, b] = await Promise.all([grant(), grant()]);
    expect(a.id).toBe(b.id);
    expect(await consentNodes()).toBe(before + 1);
  });

  it('treats an expired consent as not given', async () => {
    const person = await createPerson(server);
    await grantConsent(server, person.id, 'SOCIAL_MONITORING', {
      grantedAt: '2024-01-01T00:00:00Z',
      expiresAt: '2025-01-01T00:00:00Z',
    });
    const summary = dataOf(await server.execute(PersonConsentsDocument, { id: person.id })).person
      .consentSummary;
    expect(summary.find((status) => status.purpose === 'SOCIAL_MONITORING')?.granted).toBe(false);
  });

  it.each([
    ['an unknown person', { personId: 'nobody' }, 'NOT_FOUND', 'personId'],
    ['an unknown channel', { channel: 'CARRIER_PIGEON' }, 'BAD_USER_INPUT', 'channel'],
    [
      'expiry before grant',
      { grantedAt: '2026-01-02T00:00:00Z', expiresAt: '2026-01-01T00:00:00Z' },
      'BAD_USER_INPUT',
      'expiresAt',
    ],
    ['a grant in the future', { grantedAt: '2099-01-01T00:00:00Z' }, 'BAD_USER_INPUT', 'grantedAt'],
    ['a malformed time', { grantedAt: 'yesterday' }, 'BAD_USER_INPUT', 'grantedAt'],
  ])('refuses %s and writes nothing', async (_name, change, code, field) => {
    const person = await createPerson(server);
    const before = await consentNodes();
    const response = await server.execute(GrantConsentDocument, {
      input: {
        personId: person.id,
        purpose: 'MARKETING',
        channel: 'WEB_FORM',
        lawfulBasis: 'CONSENT',
        source: 'test',
        noticeVersion: '2026-01',
        ...change,
      },
    });
    const error = response.body.errors?.[0];
    expect(error?.extensions?.code).toBe(code);
    expect(JSON.stringify(error?.extensions)).toContain(field);
    expect(await consentNodes()).toBe(before);
  });

  it('analysts may not record or withdraw consent', async () => {
    const person = await createPerson(server);
    const response = await server.execute(
      WithdrawConsentDocument,
      { personId: person.id, purpose: 'MARKETING' },
      { authorization: `Bearer ${await server.tokenFor([StaffRole.ANALYST])}` },
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('enforcement: social activity needs SOCIAL_MONITORING', () => {
  const post = (personId: string, postId: string) =>
    server.execute(RecordInteractionDocument, {
      input: {
        kind: 'POST',
        channel: 'X',
        platform: 'X',
        postId,
        occurredAt: '2026-11-01T10:00:00Z',
        text: 'Loving the new e-bike',
        performedByPersonId: personId,
      },
    });

  it('refuses a post by a person without consent, accepts it with consent, refuses again right after withdrawal', async () => {
    const person = await createPerson(server);
    const refused = await post(person.id, 'p-1');
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONSENT_REQUIRED',
      purpose: 'SOCIAL_MONITORING',
    });

    await grantConsent(server, person.id, 'SOCIAL_MONITORING');
    expect(dataOf(await post(person.id, 'p-2')).recordInteraction.kind).toBe('POST');

    dataOf(
      await server.execute(WithdrawConsentDocument, {
        personId: person.id,
        purpose: 'SOCIAL_MONITORING',
      }),
    );
    expect((await post(person.id, 'p-3')).body.errors?.[0]?.extensions?.code).toBe(
      'CONSENT_REQUIRED',
    );
  });

  it('refuses naming a person without consent in a post, but classic history needs none', async () => {
    const author = await createPerson(server);
    const named = await createPerson(server);
    await grantConsent(server, author.id, 'SOCIAL_MONITORING');
    const mention = await server.execute(RecordInteractionDocument, {
      input: {
        kind: 'MENTION',
        channel: 'X',
        occurredAt: '2026-11-01T10:00:00Z',
        performedByPersonId: author.id,
        mentionIds: [named.id],
      },
    });
    expect(mention.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONSENT_REQUIRED',
      personIds: [named.id],
    });
    const order = await server.execute(RecordInteractionDocument, {
      input: {
        kind: 'ORDER',
        channel: 'WEB_SHOP',
        occurredAt: '2026-11-01T10:00:00Z',
        performedByPersonId: named.id,
      },
    });
    expect(order.body.errors).toBeUndefined();
  });
});

describe('CONSENT_REQUIRED_PURPOSES decides which purposes need consent', () => {
  let relaxed: TestServer;
  beforeAll(async () => {
    // Shares the database with the suite's server; this one only reads and links.
    relaxed = await startTestServer({
      env: { CONSENT_REQUIRED_PURPOSES: 'PROFILING,SALES_PROSPECTING,MARKETING' },
      reset: false,
    });
  });
  afterAll(async () => {
    await relaxed.stop();
  });

  it('lets social activity rest on another lawful basis when SOCIAL_MONITORING is not listed', async () => {
    const person = await createPerson(relaxed);
    const response = await relaxed.execute(RecordInteractionDocument, {
      input: {
        kind: 'POST',
        channel: 'X',
        occurredAt: '2026-11-01T10:00:00Z',
        performedByPersonId: person.id,
      },
    });
    expect(response.body.errors).toBeUndefined();
    const summary = dataOf(await relaxed.execute(PersonConsentsDocument, { id: person.id })).person
      .consentSummary;
    expect(summary.find((status) => status.purpose === 'SOCIAL_MONITORING')).toMatchObject({
      granted: false,
      allowed: true,
    });
  });
});
