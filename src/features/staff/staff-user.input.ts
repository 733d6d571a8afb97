import { IsEnum, IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { StaffRole } from './staff-user.type';

@InputType({ description: 'Creates the user on the first call for a login, updates them later.' })
export class UpsertUserInput {
  @Field()
  @Matches(/^[a-z][a-z0-9._-]{1,63}$/, {
    message: 'login must be lower-case letters, digits, . _ -',
  })
  login!: string;

  @Field()
  @Length(1, 200)
  displayName!: string;

  @Field(() => StaffRole)
  @IsEnum(StaffRole)
  staffRole!: StaffRole;

  @Field(() => ID, {
    nullable: true,
    description: 'Their own person record, for warm introduction paths.',
  })
  @IsOptional()
  @Length(1, 100)
  personId?: string | null;
}
