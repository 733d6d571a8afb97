import { ANY_TIE } from '../ties/tie.type';
import { interactionsOfPerson } from './interaction-scope.cypher';

/**
 * A subquery over the person bound to `person` (and, when given, the list of their interactions
 * bound to `interactions`) that returns, per member of staff with any
 * evidence, `userId`, `ties` (tie maps between the staff member's own person and them) and `shared`
 * (`{id, occurredAt}` of interactions they shared): the person's interactions that the staff member
 * handled or answered (as a person or through an account they own), and interactions the staff
 * member performed that name the person or one of their accounts. The staff member's own person is
 * never close to themselves. The variables are chosen by code, never by input.
 */
export function staffEvidenceOf(person: string, interactions?: string): string {
  const p = person;
  // The person's interactions: from a list the query already holds, or matched here.
  const imported = interactions === undefined ? p : `${p}, ${interactions}`;
  const ownInteractions =
    interactions === undefined ? interactionsOfPerson(p) : `UNWIND ${interactions} AS i`;
  return `
  CALL (${imported}) {
    CALL (${imported}) {
      MATCH (${p})-[t:${ANY_TIE}]-(:Person)<-[:IS_PERSON]-(u:User)
      RETURN u, t, null AS i
      UNION
      ${ownInteractions}
      MATCH (u:User)-[:HANDLED]->(i)
      RETURN u, null AS t, i
      UNION
      ${ownInteractions}
      MATCH (i)<-[:REPLY_TO]-(:Interaction)<-[:PERFORMED]-(actor)
      MATCH (actor)-[:OWNED_BY*0..1]->(:Person)<-[:IS_PERSON]-(u:User)
      RETURN u, null AS t, i
      UNION
      MATCH (${p})<-[:OWNED_BY*0..1]-(:Person|SocialAccount)<-[:MENTIONS]-(i:Interaction)
      MATCH (i)<-[:PERFORMED]-(actor)-[:OWNED_BY*0..1]->(:Person)<-[:IS_PERSON]-(u:User)
      RETURN u, null AS t, i
    }
    WITH ${p}, u, collect(DISTINCT t) AS ties, collect(DISTINCT i) AS shared
    WHERE NOT EXISTS { (u)-[:IS_PERSON]->(${p}) }
    RETURN u.id AS userId,
           [t IN ties | {id: t.id, type: type(t), strength: coalesce(t.strength, 0.0),
                         since: t.since, source: t.source,
                         fromPersonId: startNode(t).id, toPersonId: endNode(t).id}] AS ties,
           [i IN shared | {id: i.id, occurredAt: i.occurredAt}] AS shared
  }`;
}
