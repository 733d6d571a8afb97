import {
  LastContactResolver,
  ProductPurchaseResolver,
  TopicOfInterestResolver,
} from './insight.resolver';
import { OrganizationViewResolver } from './organization-view.resolver';
import { PersonTieEdgeResolver, PersonViewResolver } from './person-view.resolver';
import { StaffClosenessResolver, StaffRelationshipResolver } from './staff-closeness.resolver';

/** The resolvers of the person and organization 360° views, for the schema's resolver list. */
export const VIEW360_RESOLVERS = [
  PersonViewResolver,
  PersonTieEdgeResolver,
  OrganizationViewResolver,
  TopicOfInterestResolver,
  ProductPurchaseResolver,
  LastContactResolver,
  StaffClosenessResolver,
  StaffRelationshipResolver,
] as const;
