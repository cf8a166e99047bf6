// What the staff tools page needs to know of the viewer.
import { graphql } from '../../../graphql/generated';

export const StaffToolsFragment = graphql(`
  fragment StaffTools_viewer on Viewer {
    role
    tenant {
      name
    }
  }
`);
