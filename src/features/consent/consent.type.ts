import { IsIn, IsISO8601, IsOptional, Length } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConsentPurpose } from './consent-purpose';

/** The legal ground a use of personal data rests on (GDPR Art. 6). */
export enum LawfulBasis {
  CONSENT = 'CONSENT',
  CONTRACT = 'CONTRACT',
  LEGITIMATE_INTEREST = 'LEGITIMATE_INTEREST',
  LEGAL_OBLIGATION = 'LEGAL_OBLIGATION',
}
registerEnumType(LawfulBasis, { name: 'LawfulBasis' });

export const CONSENT_CHANNELS = [
  'WEB_FORM',
  'EMAIL',
  'PHONE',
  'IN_PERSON',
  'SOCIAL',
  'LETTER',
  'IMPORT',
];

export interface ConsentRecord {
  id: string;
  personId: string;
  purpose: ConsentPurpose;
  channel: string;
  lawfulBasis: LawfulBasis;
  grantedAt: string;
  withdrawnAt: string | null;
  expiresAt: string | null;
  source: string;
  evidence: string | null;
  noticeVersion: string;
  recordedByUserId: string | null;
}

@ObjectType({
  description:
    'One consent as given: never changed afterwards except for the moment it is withdrawn. The history of a person is the list of these.',
})
export class Consent {
  @Field(() => ID)
  id!: string;

  @Field(() => ConsentPurpose)
  purpose!: ConsentPurpose;

  @Field({ description: `How it was given: ${CONSENT_CHANNELS.join(', ')}.` })
  channel!: string;

  @Field(() => LawfulBasis)
  lawfulBasis!: LawfulBasis;

  @Field({ description: 'ISO date-time.' })
  grantedAt!: string;

  @Field(() => String, { nullable: true, description: 'ISO date-time; null while in force.' })
  withdrawnAt!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date-time; null = no expiry.' })
  expiresAt!: string | null;

  @Field({ description: 'Where it came from: a form, an import, a staff member …' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'Proof, e.g. a double-opt-in reference.' })
  evidence!: string | null;

  @Field({ description: 'Version of the privacy notice the person saw.' })
  noticeVersion!: string;

  @Field(() => ID, { nullable: true, description: 'The staff user who recorded it, if any.' })
  recordedByUserId!: string | null;

  @Field({ description: 'In force now: not withdrawn and not expired.' })
  active!: boolean;
}

@ObjectType({ description: 'Whether a person may be used for one purpose right now.' })
export class ConsentStatus {
  @Field(() => ConsentPurpose)
  purpose!: ConsentPurpose;

  @Field({ description: 'A consent for this purpose is in force.' })
  granted!: boolean;

  @Field({
    description:
      'The purpose may be used for this person: consent is in force, or this service is configured not to require it.',
  })
  allowed!: boolean;

  @Field(() => String, { nullable: true, description: 'When the consent in force was given.' })
  since!: string | null;

  @Field(() => String, { nullable: true })
  expiresAt!: string | null;
}

@InputType()
export class GrantConsentInput {
  @Field(() => ID)
  @Length(1, 100)
  personId!: string;

  @Field(() => ConsentPurpose)
  purpose!: ConsentPurpose;

  @Field()
  @IsIn(CONSENT_CHANNELS)
  channel!: string;

  @Field(() => LawfulBasis, { defaultValue: LawfulBasis.CONSENT })
  lawfulBasis!: LawfulBasis;

  @Field({ description: 'Where it came from: a form id, an import, a staff member …' })
  @Length(1, 200)
  source!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 500)
  evidence?: string | null;

  @Field()
  @Length(1, 50)
  noticeVersion!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'ISO date-time it was given (default: now). With it, sending the same grant again records nothing new, so retries are safe.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  grantedAt?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date-time; omit for no expiry.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string | null;
}
