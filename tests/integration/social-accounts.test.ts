import {
  FollowDocument,
  LinkSocialAccountDocument,
  PersonAccountsDocument,
  PersonsDocument,
  SocialAccountByHandleDocument,
  SocialAccountsDocument,
  UnfollowDocument,
  UnlinkSocialAccountDocument,
  UpsertSocialAccountDocument,
  type UpsertSocialAccountInput,
  WithdrawConsentDocument,
} from '../generated/graphql';
import { createPerson, grantConsent, dataOf } from '../support/factories';
import { countNodes, useTestServer } from '../support/test-server';

const server = useTestServer();

async function upsert(input: UpsertSocialAccountInput) {
  return dataOf(await server.execute(UpsertSocialAccountDocument, { input })).upsertSocialAccount;
}

describe('social accounts', () => {
  it('one account per platform and handle, whatever the case or @; missing values stay', async () => {
    const first = await upsert({
      platform: 'X',
      handle: '@Anna_B',
      followers: 120,
      displayName: 'Anna B.',
    });
    const second = await upsert({ platform: 'X', handle: 'anna_b', followers: 150 });
    const elsewhere = await upsert({ platform: 'INSTAGRAM', handle: 'anna_b' });
    expect(second).toMatchObject({
      id: first.id,
      handle: 'anna_b',
      followers: 150,
      displayName: 'Anna B.',
      owner: null,
    });
    expect(elsewhere.id).not.toBe(first.id);
    const found = dataOf(
      await server.execute(SocialAccountByHandleDocument, { platform: 'X', handle: '@ANNA_B' }),
    );
    expect(found.socialAccountByHandle.id).toBe(first.id);
  });

  it('1,000 concurrent upserts of one handle leave exactly one account', async () => {
    const before = await countNodes(server, 'SocialAccount');
    const handle = `racer_${Date.now()}`;
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, index) =>
        server.execute(UpsertSocialAccountDocument, {
          input: { platform: 'X', handle, followers: index },
        }),
      ),
    );
    expect(new Set(results.map((result) => dataOf(result).upsertSocialAccount.id)).size).toBe(1);
    expect(await countNodes(server, 'SocialAccount')).toBe(before + 1);
  }, 120_000);

  it('links an account to its owner, replaces the owner on relink, and unlinks', async () => {
    const account = await upsert({
      platform: 'LINKEDIN',
      handle: 'lukas-hoffmann',
      followers: 900,
    });
    const lukas = await createPerson(server, { name: 'Lukas Hoffmann' });
    const other = await createPerson(server, { name: 'Lukas H.' });
    await grantConsent(server, lukas.id, 'SOCIAL_MONITORING');
    await grantConsent(server, other.id, 'SOCIAL_MONITORING');
    const linked = dataOf(
      await server.execute(LinkSocialAccountDocument, {
        input: { accountId: account.id, personId: lukas.id },
      }),
    );
    expect(linked.linkSocialAccount.owner?.id).toBe(lukas.id);
    dataOf(
      await server.execute(LinkSocialAccountDocument, {
        input: { accountId: account.id, personId: other.id, confidence: 0.7 },
      }),
    );
    const lukasAccounts = dataOf(await server.execute(PersonAccountsDocument, { id: lukas.id }));
    const otherAccounts = dataOf(await server.execute(PersonAccountsDocument, { id: other.id }));
    expect(lukasAccounts.person.socialAccounts).toEqual([]);
    expect(otherAccounts.person.socialAccounts).toEqual([
      { handle: 'lukas-hoffmann', platform: 'LINKEDIN', followers: 900 },
    ]);
    const onLinkedIn = dataOf(
      await server.execute(PersonsDocument, { filter: { platform: 'LINKEDIN' } }),
    );
    expect(onLinkedIn.persons.edges.map((edge) => edge.node.id)).toEqual([other.id]);
    const unlinked = dataOf(
      await server.execute(UnlinkSocialAccountDocument, { accountId: account.id }),
    );
    expect(unlinked.unlinkSocialAccount.owner).toBeNull();
  });

  it('refuses to link an account to a person without SOCIAL_MONITORING consent, also after withdrawal', async () => {
    const account = await upsert({ platform: 'X', handle: 'no_consent_yet' });
    const mia = await createPerson(server, { name: 'Mia Monitoring' });
    const link = () =>
      server.execute(LinkSocialAccountDocument, {
        input: { accountId: account.id, personId: mia.id },
      });

    const refused = await link();
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONSENT_REQUIRED',
      purpose: 'SOCIAL_MONITORING',
      personIds: [mia.id],
    });
    expect(
      dataOf(await server.execute(PersonAccountsDocument, { id: mia.id })).person.socialAccounts,
    ).toEqual([]);

    await grantConsent(server, mia.id, 'SOCIAL_MONITORING');
    expect(dataOf(await link()).linkSocialAccount.owner?.id).toBe(mia.id);
    dataOf(await server.execute(UnlinkSocialAccountDocument, { accountId: account.id }));

    dataOf(
      await server.execute(WithdrawConsentDocument, {
        personId: mia.id,
        purpose: 'SOCIAL_MONITORING',
      }),
    );
    expect((await link()).body.errors?.[0]?.extensions?.code).toBe('CONSENT_REQUIRED');
  });

  it('follows idempotently and unfollows', async () => {
    const a = await upsert({ platform: 'X', handle: 'follower_a' });
    const b = await upsert({ platform: 'X', handle: 'followed_b' });
    expect(
      dataOf(await server.execute(FollowDocument, { followerId: a.id, followedId: b.id })).follow,
    ).toBe(true);
    expect(
      dataOf(await server.execute(FollowDocument, { followerId: a.id, followedId: b.id })).follow,
    ).toBe(true);
    const follows = await server.gateway.read({ operationName: 'count' }, (runner) =>
      runner.run(
        'MATCH (:SocialAccount {id: $a})-[f:FOLLOWS]->(:SocialAccount {id: $b}) RETURN count(f) AS n',
        { a: a.id, b: b.id },
      ),
    );
    expect(follows[0]?.n).toBe(1);
    expect(
      dataOf(await server.execute(UnfollowDocument, { followerId: a.id, followedId: b.id }))
        .unfollow,
    ).toBe(true);
    expect(
      dataOf(await server.execute(UnfollowDocument, { followerId: a.id, followedId: b.id }))
        .unfollow,
    ).toBe(false);
  });

  it('lists by platform, reach and missing owner, most followed first', async () => {
    for (const [handle, followers] of [
      ['yt_small', 10],
      ['yt_big', 50_000],
      ['yt_mid', 700],
    ] as const) {
      await upsert({ platform: 'YOUTUBE', handle, followers });
    }
    const all = dataOf(
      await server.execute(SocialAccountsDocument, { filter: { platform: 'YOUTUBE' }, first: 2 }),
    );
    expect(all.socialAccounts.totalCount).toBe(3);
    expect(all.socialAccounts.edges.map((edge) => edge.node.handle)).toEqual(['yt_big', 'yt_mid']);
    const rest = dataOf(
      await server.execute(SocialAccountsDocument, {
        filter: { platform: 'YOUTUBE' },
        after: all.socialAccounts.pageInfo.endCursor,
      }),
    );
    expect(rest.socialAccounts.edges.map((edge) => edge.node.handle)).toEqual(['yt_small']);
    const reach = dataOf(
      await server.execute(SocialAccountsDocument, {
        filter: { platform: 'YOUTUBE', minFollowers: 500, withoutOwner: true },
      }),
    );
    expect(reach.socialAccounts.totalCount).toBe(2);
  });

  it.each([
    ['a handle with spaces', { platform: 'X' as const, handle: 'anna b' }],
    ['negative followers', { platform: 'X' as const, handle: 'neg', followers: -1 }],
    [
      'a url that is not http(s)',
      { platform: 'BLOG' as const, handle: 'blog', url: 'javascript:alert(1)' },
    ],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, input) => {
    const before = await countNodes(server, 'SocialAccount');
    const response = await server.execute(UpsertSocialAccountDocument, { input });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countNodes(server, 'SocialAccount')).toBe(before);
  });

  it('an unknown handle is NOT_FOUND', async () => {
    const response = await server.execute(SocialAccountByHandleDocument, {
      platform: 'XING',
      handle: 'nobody_here',
    });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
