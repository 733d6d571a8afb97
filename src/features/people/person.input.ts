import {
  ArrayMaxSize,
  IsEmail,
  IsEnum,
  IsOptional,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { Platform } from '../social-accounts/social-account.type';
import { RoleConditionInput } from '../roles/role.input';

const PHONE = /^\+?[0-9 ()./-]{3,30}$/;
const LOCALE = /^[a-z]{2}(-[A-Z]{2})?$/;

@InputType()
export class CreatePersonInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(LOCALE, { message: 'locale must look like de or en-GB' })
  locale?: string | null;
}

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdatePersonInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(LOCALE, { message: 'locale must look like de or en-GB' })
  locale?: string | null;
}

export enum PersonSort {
  NAME = 'NAME',
  NEWEST = 'NEWEST',
  RELEVANCE = 'RELEVANCE',
}

registerEnumType(PersonSort, {
  name: 'PersonSort',
  description: 'RELEVANCE needs a search text and is the default when one is given.',
});

@InputType({ description: 'All given conditions must hold.' })
export class PersonFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Name search through the full-text index: every word, as a prefix ("anna schm").',
  })
  @IsOptional()
  @Length(1, 100)
  search?: string | null;

  @Field(() => [RoleConditionInput], {
    nullable: true,
    description:
      'Roles the person must hold, all of them: journalists who are also customers of X = [{role: JOURNALIST}, {role: CUSTOMER, organizationId: X}].',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  roles?: RoleConditionInput[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string | null;

  @Field(() => Platform, { nullable: true, description: 'Has an account on this platform.' })
  @IsOptional()
  @IsEnum(Platform)
  platform?: Platform | null;

  @Field(() => ID, { nullable: true, description: 'Interested in this topic or product.' })
  @IsOptional()
  @Length(1, 100)
  interestedInId?: string | null;
}
