import { Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({
  description: 'A record key in another system, e.g. { system: "shop", externalId: "C-1042" }.',
})
export class ExternalKeyInput {
  @Field({ description: 'The source system, lower-case: shop, erp, hubspot …' })
  @Matches(/^[a-z][a-z0-9_-]{0,39}$/, { message: 'system must be a lower-case name' })
  system!: string;

  @Field({ description: 'The record id in that system.' })
  @Matches(/^[^\s]{1,200}$/, { message: 'externalId must be 1–200 characters without spaces' })
  externalId!: string;
}

/** The unique string that a uniqueness constraint guards: `system:externalId`. */
export function externalKeyString(key: ExternalKeyInput): string {
  return `${key.system}:${key.externalId}`;
}
