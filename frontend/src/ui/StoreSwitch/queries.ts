// The stores the viewer may act for (a franchisee's own): the pages act on one at a time.
import { graphql } from '../../graphql/generated';

export const MyStoresQuery = graphql(`
  query MyStores {
    stores(first: 50) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);
