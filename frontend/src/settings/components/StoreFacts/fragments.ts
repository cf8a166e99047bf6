// What the system already knows of the store and its owner (shown, never asked again).
import { graphql } from '../../../graphql/generated';

export const StoreFactsFragment = graphql(`
  fragment StoreFacts_store on Store {
    code
    name
    province
    city
    address
    franchiseeName
    franchiseePhone
    franchiseeEmail
    displayCapacity
    merchandiser {
      id
      name
      phone
    }
    customFields {
      key
      label
      type
      franchiseeEditable
      value
    }
  }
`);
