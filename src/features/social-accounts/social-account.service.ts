import { ConsentPurpose } from '../consent/consent-purpose';
import type { ConsentPolicy } from '../consent/consent-policy';
import { badUserInput, notFound, consentRequired } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { type Connection, toConnection } from '../../core/pagination/connection';
import { pageRequest } from '../../core/pagination/page-request';
import type { DeletionResult } from '../shared/deletion-result.type';
import { assertEntityId } from '../shared/entity-id';
import {
  HANDLE,
  type LinkSocialAccountInput,
  normalizeHandle,
  type SocialAccountFilter,
  type UpsertSocialAccountInput,
} from './social-account.input';
import type { SocialAccountRepository } from './social-account.repository';
import type { Platform, SocialAccountRecord } from './social-account.type';

export class SocialAccountService {
  constructor(
    private readonly repository: SocialAccountRepository,
    private readonly consentPolicy: ConsentPolicy,
  ) {}

  async get(scope: OperationScope, id: string): Promise<SocialAccountRecord> {
    assertEntityId(id, 'id');
    const found = (await this.repository.findByIds(scope, [id])).get(id);
    if (found === undefined) throw notFound(`No social account with id ${id}`, { id });
    return found;
  }

  async getByHandle(
    scope: OperationScope,
    platform: Platform,
    handle: string,
  ): Promise<SocialAccountRecord> {
    if (!HANDLE.test(handle))
      throw badUserInput('handle is not a valid handle', { field: 'handle' });
    const found = await this.repository.findByHandle(scope, platform, normalizeHandle(handle));
    if (found === null)
      throw notFound(`No ${platform} account @${normalizeHandle(handle)}`, { field: 'handle' });
    return found;
  }

  findByIds(scope: OperationScope, ids: readonly string[]) {
    return this.repository.findByIds(scope, ids);
  }

  byOwnerIds(scope: OperationScope, personIds: readonly string[]) {
    return this.repository.byOwnerIds(scope, personIds);
  }

  async list(
    scope: OperationScope,
    filter: SocialAccountFilter | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<SocialAccountRecord>> {
    const page = pageRequest(first, after);
    const { rows, total } = await this.repository.list(
      scope,
      {
        platform: filter?.platform ?? null,
        minFollowers: filter?.minFollowers ?? null,
        withoutOwner: filter?.withoutOwner ?? false,
      },
      page,
    );
    return toConnection(rows, page.first, total, (account) => account.followers);
  }

  /** Idempotent by platform + handle, also under concurrency (a uniqueness constraint backs it). */
  upsert(scope: OperationScope, input: UpsertSocialAccountInput): Promise<SocialAccountRecord> {
    return this.repository.upsert(scope, {
      platform: input.platform,
      handle: normalizeHandle(input.handle),
      displayName: input.displayName ?? null,
      followers: input.followers ?? null,
      url: input.url ?? null,
    });
  }

  /** Links an account to its owner, replacing a previous owner. */
  async link(scope: OperationScope, input: LinkSocialAccountInput): Promise<SocialAccountRecord> {
    assertEntityId(input.accountId, 'accountId');
    assertEntityId(input.personId, 'personId');
    const outcome = await this.repository.link(scope, {
      accountId: input.accountId,
      personId: input.personId,
      confidence: input.confidence,
      source: input.source ?? null,
      monitoring: this.consentPolicy.param(ConsentPurpose.SOCIAL_MONITORING),
    });
    if ('missing' in outcome) {
      throw notFound(`Nothing found for ${outcome.missing}`, { field: outcome.missing });
    }
    if ('consent' in outcome) {
      throw consentRequired(
        'Linking a social account to a person needs their SOCIAL_MONITORING consent',
        { purpose: ConsentPurpose.SOCIAL_MONITORING, personIds: [input.personId] },
      );
    }
    return outcome;
  }

  async unlink(scope: OperationScope, accountId: string): Promise<SocialAccountRecord> {
    assertEntityId(accountId, 'accountId');
    const account = await this.repository.unlink(scope, accountId);
    if (account === null)
      throw notFound(`No social account with id ${accountId}`, { field: 'accountId' });
    return account;
  }

  async delete(scope: OperationScope, id: string): Promise<DeletionResult> {
    assertEntityId(id, 'id');
    return { id, deleted: await this.repository.delete(scope, id) };
  }

  async follow(scope: OperationScope, followerId: string, followedId: string): Promise<boolean> {
    assertEntityId(followerId, 'followerId');
    assertEntityId(followedId, 'followedId');
    if (followerId === followedId)
      throw badUserInput('An account cannot follow itself', { field: 'followedId' });
    const outcome = await this.repository.follow(scope, followerId, followedId);
    if (outcome !== 'followed')
      throw notFound(`No social account for ${outcome}`, { field: outcome });
    return true;
  }

  unfollow(scope: OperationScope, followerId: string, followedId: string): Promise<boolean> {
    assertEntityId(followerId, 'followerId');
    assertEntityId(followedId, 'followedId');
    return this.repository.unfollow(scope, followerId, followedId);
  }
}
