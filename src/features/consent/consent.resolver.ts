import {
  Arg,
  Authorized,
  Ctx,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
  FieldResolver,
} from 'type-graphql';
import type { GraphQLContext } from '../../server/context';
import { Access } from '../access/access-rules';
import { PersonalData, Sensitivity } from '../access/personal-data';
import { Person } from '../people/person.type';
import { ConsentPurpose } from './consent-purpose';
import { isActive } from './consent.service';
import { Consent, type ConsentRecord, ConsentStatus, GrantConsentInput } from './consent.type';

@ObjectType()
export class ConsentWithdrawal {
  @Field(() => ID)
  personId!: string;

  @Field(() => ConsentPurpose)
  purpose!: ConsentPurpose;

  @Field(() => Int, { description: 'Consents withdrawn now; 0 when none was in force.' })
  withdrawn!: number;
}

function toConsent(record: ConsentRecord): Consent {
  return { ...record, active: isActive(record) };
}

@Resolver(() => Person)
export class ConsentResolver {
  @Authorized(Access.CONSENT)
  @Mutation(() => Consent, {
    description:
      'Records a consent as given. Append-only: a new record each time; with grantedAt, a retry records nothing new.',
  })
  async grantConsent(
    @Arg('input') input: GrantConsentInput,
    @Ctx() { services, scope, viewer, audit }: GraphQLContext,
  ): Promise<Consent> {
    const consent = await services.consent.grant(scope, input, viewer?.userId ?? null);
    audit.noteChange(input.personId);
    return toConsent(consent);
  }

  @Authorized(Access.CONSENT)
  @Mutation(() => ConsentWithdrawal, {
    description:
      'Withdraws every consent in force for the purpose (on one channel, if given). Takes effect on the next request.',
  })
  async withdrawConsent(
    @Arg('personId', () => ID) personId: string,
    @Arg('purpose', () => ConsentPurpose) purpose: ConsentPurpose,
    @Ctx() { services, scope, viewer, audit }: GraphQLContext,
    @Arg('channel', () => String, { nullable: true }) channel?: string | null,
  ): Promise<ConsentWithdrawal> {
    const withdrawn = await services.consent.withdraw(
      scope,
      personId,
      purpose,
      channel ?? null,
      viewer?.userId ?? null,
    );
    audit.noteChange(personId);
    return { personId, purpose, withdrawn };
  }

  @PersonalData(Sensitivity.ACTIVITY)
  @FieldResolver(() => [Consent], { description: 'The consent history, newest first.' })
  async consents(
    @Root() person: Person,
    @Ctx() { loaders }: GraphQLContext,
    @Arg('activeOnly', { defaultValue: false }) activeOnly: boolean,
  ): Promise<Consent[]> {
    const history = (await loaders.consentsByPerson.load(person.id)).map(toConsent);
    return activeOnly ? history.filter((consent) => consent.active) : history;
  }

  @PersonalData(Sensitivity.ACTIVITY)
  @FieldResolver(() => [ConsentStatus], {
    description: 'Per purpose: is consent in force, and may the purpose use this person now.',
  })
  async consentSummary(
    @Root() person: Person,
    @Ctx() { loaders, services }: GraphQLContext,
  ): Promise<ConsentStatus[]> {
    return services.consent.summarize(await loaders.consentsByPerson.load(person.id));
  }
}
