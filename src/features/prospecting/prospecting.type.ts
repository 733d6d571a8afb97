import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LinkKind } from '../introductions/introduction.type';
import { OrganizationKind } from '../organizations/organization.type';
import { RoleType } from '../roles/role.type';

@ObjectType({ description: 'A satisfied customer who could refer a candidate, and why.' })
export class Referrer {
  @Field(() => [LinkKind], { description: 'How the customer and the candidate are linked.' })
  linkKinds!: LinkKind[];

  @Field(() => Float, { description: 'The strongest link’s strength (follows count 0.2).' })
  strength!: number;

  @Field(() => Float, { description: 'The customer’s mean sentiment, −1…1.' })
  sentiment!: number;

  @Field(() => Float, { description: 'strength × (1 + sentiment) / 2.' })
  referralStrength!: number;

  customerId!: string;
}

@ObjectType({
  description:
    'Someone who is not our customer yet, linked to satisfied customers and interested in the ' +
    'product or its topics.',
})
export class ReferralCandidate {
  @Field(() => Float, { description: 'interest × the best referrer’s referralStrength.' })
  score!: number;

  @Field(() => Float, { description: 'The strongest matching interest weight, 0–1.' })
  interest!: number;

  @Field(() => [Referrer], { description: 'Best first, at most five.' })
  referrers!: Referrer[];

  personId!: string;
  interestIds!: string[];
}

export enum LookalikeKind {
  PERSON = 'PERSON',
  ORGANIZATION = 'ORGANIZATION',
}

registerEnumType(LookalikeKind, { name: 'LookalikeKind' });

@ObjectType({
  description:
    'A person or organization that resembles our customers: in interests, roles and kinds of ' +
    'organization (weighted Jaccard against the customers’ profile) and in network neighbourhood ' +
    '(Adamic-Adar over ties to customers).',
})
export class Lookalike {
  @Field(() => Float, {
    description: '0.7 × profileSimilarity + 0.3 × networkScore / (1 + networkScore).',
  })
  score!: number;

  @Field(() => Float, { description: 'Weighted Jaccard against the customers’ features, 0–1.' })
  profileSimilarity!: number;

  @Field(() => Float, { description: 'Adamic-Adar index to the customers, 0…∞.' })
  networkScore!: number;

  @Field(() => Int, { description: 'People tied both to it and to a customer.' })
  commonNeighbours!: number;

  @Field(() => [RoleType], { description: 'Roles it shares with customers.' })
  sharedRoles!: RoleType[];

  @Field(() => [OrganizationKind], { description: 'Kinds of organization shared with customers.' })
  sharedOrganizationKinds!: OrganizationKind[];

  personId!: string | null;
  organizationId!: string | null;
  sharedInterestIds!: string[];
}

export enum ReferenceReason {
  TIED = 'TIED',
  SIMILAR = 'SIMILAR',
}

registerEnumType(ReferenceReason, {
  name: 'ReferenceReason',
  description: 'TIED: linked to the prospect; SIMILAR: alike in interests, roles and network.',
});

@ObjectType({ description: 'A satisfied customer to name as a reference to a prospect, and why.' })
export class ReferenceCustomer {
  @Field(() => Float, { description: 'max(link weight, similarity) × (1 + sentiment) / 2.' })
  score!: number;

  @Field(() => [ReferenceReason])
  reasons!: ReferenceReason[];

  @Field(() => Float, { description: 'The customer’s mean sentiment, −1…1.' })
  sentiment!: number;

  @Field(() => [LinkKind], { description: 'How the customer is linked to the prospect.' })
  linkKinds!: LinkKind[];

  @Field(() => Float, { description: 'The link’s trust weight, 0 when not linked.' })
  linkWeight!: number;

  @Field(() => Float, { description: 'Jaccard of features plus shared neighbours, 0–1.' })
  similarity!: number;

  customerId!: string;
  /** For an organization prospect: its member the customer is linked to. */
  viaPersonId!: string | null;
  sharedInterestIds!: string[];
}
