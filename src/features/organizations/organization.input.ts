import { IsEnum, IsOptional, Length, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { OrganizationKind } from './organization.type';

@InputType()
export class CreateOrganizationInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => OrganizationKind, { defaultValue: OrganizationKind.COMPANY })
  @IsEnum(OrganizationKind)
  kind!: OrganizationKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[a-z0-9.-]{1,253}$/i, { message: 'domain must be a host name such as example.com' })
  domain?: string | null;
}

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdateOrganizationInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => OrganizationKind, { nullable: true })
  @IsOptional()
  @IsEnum(OrganizationKind)
  kind?: OrganizationKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[a-z0-9.-]{1,253}$/i, { message: 'domain must be a host name such as example.com' })
  domain?: string | null;
}

@InputType({ description: 'All given conditions must hold.' })
export class OrganizationFilterInput {
  @Field(() => String, { nullable: true, description: 'Part of the name, any case.' })
  @IsOptional()
  @Length(1, 100)
  nameContains?: string | null;

  @Field(() => OrganizationKind, { nullable: true })
  @IsOptional()
  @IsEnum(OrganizationKind)
  kind?: OrganizationKind | null;
}
