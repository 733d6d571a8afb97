import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum OrganizationKind {
  COMPANY = 'COMPANY',
  MEDIA_OUTLET = 'MEDIA_OUTLET',
  COMMUNITY = 'COMMUNITY',
  AGENCY = 'AGENCY',
  PUBLIC_BODY = 'PUBLIC_BODY',
  OTHER = 'OTHER',
}

registerEnumType(OrganizationKind, { name: 'OrganizationKind' });

@ObjectType({ description: 'A company, outlet or community; our own company is one too.' })
export class Organization {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => OrganizationKind)
  kind!: OrganizationKind;

  @Field(() => String, { nullable: true, description: 'Web domain, e.g. velora.example.' })
  domain!: string | null;

  @Field({ description: 'True for our own company, the context of roles given without one.' })
  isOwnOrganization!: boolean;
}
