// What the store card shows of a store.
import { graphql } from '../../../graphql/generated';

export const StoreCardFragment = graphql(`
  fragment StoreCard_store on Store {
    code
    name
    province
    city
    budget
    merchandiser {
      id
      name
      phone
    }
  }
`);
