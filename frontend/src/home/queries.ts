// The franchisee home's operations.
import { graphql } from '../graphql/generated';

export const HomePageQuery = graphql(`
  query HomePage {
    me {
      user {
        id
        name
      }
      tenant {
        currency
      }
    }
    stores(first: 20) {
      edges {
        node {
          id
          ...StoreCard_store
        }
      }
    }
  }
`);
