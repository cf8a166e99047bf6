// The app shell's operations.
import { graphql } from '../graphql/generated';

export const AppLayoutQuery = graphql(`
  query AppLayout {
    me {
      role
      user {
        id
        name
      }
      tenant {
        name
        locale
      }
    }
  }
`);
