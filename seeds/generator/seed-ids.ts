/**
 * Ids follow from a record's position in the generated world (`person-00000042`), so the same
 * seed and size always give the same ids and a re-run MERGEs onto the same nodes.
 */
function padded(prefix: string, index: number): string {
  return `${prefix}-${String(index).padStart(8, '0')}`;
}

export const personId = (index: number): string => padded('person', index);
export const accountId = (index: number): string => padded('account', index);
export const interactionId = (index: number): string => padded('interaction', index);
export const companyId = (index: number): string => padded('org-company', index);
export const mediaOutletId = (index: number): string => padded('org-media', index);
export const communityOrganizationId = (index: number): string => padded('org-community', index);
export const agencyId = (index: number): string => padded('org-agency', index);
export const userId = (staffIndex: number): string => padded('user', staffIndex);
export const roleId = (personIndex: number, n: number): string =>
  `${padded('role', personIndex)}-${n}`;
export const tieId = (personIndex: number, n: number): string =>
  `${padded('tie', personIndex)}-${n}`;
export const consentId = (personIndex: number, n: number): string =>
  `${padded('consent', personIndex)}-${n}`;
export const topicId = (name: string): string => `topic-${name.replace(/[^a-z0-9]+/g, '-')}`;
export const productId = (name: string): string =>
  `product-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
