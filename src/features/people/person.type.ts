import { PersonalData, Sensitivity } from '../access/personal-data';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One real human, with any number of roles, identities and ties.' })
export class Person {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @PersonalData(Sensitivity.CONTACT)
  @Field(() => String, { nullable: true })
  email!: string | null;

  @PersonalData(Sensitivity.CONTACT)
  @Field(() => String, { nullable: true })
  phone!: string | null;

  @PersonalData(Sensitivity.CONTACT)
  @Field(() => String, { nullable: true, description: 'Preferred language, e.g. de or en.' })
  locale!: string | null;

  @Field(() => String, { description: 'ISO date-time.' })
  createdAt!: string;

  @Field(() => String, { description: 'ISO date-time.' })
  updatedAt!: string;

  /** Stored by the influence analytics (Person.influenceScore); null until computed. */
  influenceScore!: number | null;
  influenceComputedAt!: string | null;
}
