// The console's own operations (the examples are in api/graphql/console/examples).
import { graphql } from '../graphql/generated';

export const ConsoleViewerQuery = graphql(`
  query ConsoleViewer {
    me {
      role
      user {
        id
        email
      }
    }
  }
`);
