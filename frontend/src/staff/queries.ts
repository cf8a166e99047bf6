// The staff landing page's operations.
import { graphql } from '../graphql/generated';

export const StaffPageQuery = graphql(`
  query StaffPage {
    me {
      ...StaffTools_viewer
    }
  }
`);
