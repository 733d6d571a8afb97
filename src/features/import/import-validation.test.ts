import { ImportRecordType } from './import.type';
import { parseRecord, type RawFields } from './import-validation';

function reasonFor(type: ImportRecordType, fields: RawFields): string | null {
  const outcome = parseRecord(type, fields, 1);
  return 'reason' in outcome ? outcome.reason : null;
}

const anna = { system: 'shop', externalId: 'C-1' };
const ben = { system: 'shop', externalId: 'C-2' };
const interaction = {
  system: 'shop',
  externalId: 'T-1',
  kind: 'TICKET',
  channel: 'EMAIL',
  occurredAt: '2025-01-01T10:00:00Z',
  performer: anna,
};

describe('parseRecord', () => {
  it('normalises what it accepts', () => {
    expect(
      parseRecord(
        ImportRecordType.INTERACTION,
        {
          ...interaction,
          topics: [' E-Bikes ', 'e-bikes'],
          mentions: [{ platform: 'X', handle: '@Ben' }],
        },
        7,
      ),
    ).toMatchObject({
      record: {
        type: 'interaction',
        row: {
          line: 7,
          key: 'shop:T-1',
          status: 'OPEN',
          topics: ['e-bikes'],
          performerKey: 'shop:C-1',
          mentionAccounts: [{ platform: 'X', handle: 'ben' }],
          mentionKeys: [],
        },
      },
    });
    expect(
      parseRecord(ImportRecordType.ACCOUNT, { platform: 'X', handle: '@Anna_B' }, 1),
    ).toMatchObject({ record: { row: { handle: 'anna_b', ownerKey: null } } });
  });

  it.each<[string, ImportRecordType, RawFields, string]>([
    [
      'a person without a key',
      ImportRecordType.PERSON,
      { name: 'A' },
      'system must be a lower-case name; externalId must be 1–200 characters without spaces',
    ],
    [
      'an unknown field',
      ImportRecordType.PERSON,
      { ...anna, name: 'A', age: 3 },
      'unknown field age',
    ],
    [
      'a bad locale',
      ImportRecordType.PERSON,
      { ...anna, name: 'A', locale: 'German' },
      'locale must look like de or en-GB',
    ],
    [
      'an unknown organization kind',
      ImportRecordType.ORGANIZATION,
      { ...anna, name: 'O', kind: 'BAND' },
      'kind must be one of the following values: COMPANY, MEDIA_OUTLET, COMMUNITY, AGENCY, PUBLIC_BODY, OTHER',
    ],
    [
      'a role ending before it starts',
      ImportRecordType.ROLE,
      { person: anna, role: 'CUSTOMER', since: '2024-02-01', until: '2024-01-01' },
      'until must not be before since',
    ],
    [
      'a role key that is no object',
      ImportRecordType.ROLE,
      { person: 'shop:C-1', role: 'CUSTOMER' },
      'person must be an object',
    ],
    [
      'a tie strength as text',
      ImportRecordType.TIE,
      { from: anna, to: ben, tieType: 'KNOWS', strength: '0.5' },
      'strength must be a number',
    ],
    [
      'a tie on an impossible day',
      ImportRecordType.TIE,
      { from: anna, to: ben, tieType: 'KNOWS', since: '2023-02-29' },
      'since must be a real date YYYY-MM-DD',
    ],
    [
      'a bad handle',
      ImportRecordType.FOLLOW,
      { follower: { platform: 'X', handle: 'a b' }, followed: { platform: 'X', handle: 'b' } },
      'follower.handle may hold letters, digits, . _ - and a leading @',
    ],
    [
      'following oneself',
      ImportRecordType.FOLLOW,
      { follower: { platform: 'X', handle: '@A' }, followed: { platform: 'X', handle: 'a' } },
      'an account cannot follow itself',
    ],
    [
      'a post without its platform',
      ImportRecordType.INTERACTION,
      { ...interaction, system: undefined, externalId: undefined, postId: 'p1' },
      'postId needs its platform',
    ],
    [
      'two keys',
      ImportRecordType.INTERACTION,
      { ...interaction, platform: 'X', postId: 'p1' },
      'give either platform + postId or system + externalId, not both',
    ],
    [
      'a status on a call',
      ImportRecordType.INTERACTION,
      { ...interaction, kind: 'CALL', status: 'OPEN' },
      'only tickets and complaints have a status',
    ],
    [
      'no performer',
      ImportRecordType.INTERACTION,
      { ...interaction, performer: null },
      'performer is required',
    ],
    [
      'a performer of neither kind',
      ImportRecordType.INTERACTION,
      { ...interaction, performer: { id: 'x' } },
      'performer must be {system, externalId} or {platform, handle}',
    ],
    [
      'a future interaction',
      ImportRecordType.INTERACTION,
      { ...interaction, occurredAt: '2999-01-01T00:00:00Z' },
      'occurredAt lies in the future',
    ],
    [
      'topics that are not texts',
      ImportRecordType.INTERACTION,
      { ...interaction, topics: [1] },
      'topics must be a list of texts',
    ],
    [
      'a malformed product id',
      ImportRecordType.INTERACTION,
      { ...interaction, productIds: ["x' OR 1=1"] },
      'productIds holds an invalid id',
    ],
  ])('refuses %s', (_name, type, fields, reason) => {
    expect(reasonFor(type, fields)).toBe(reason);
  });
});
