// What a complaint's card shows.
import { graphql } from '../../../graphql/generated';

export const ComplaintCardFragment = graphql(`
  fragment ComplaintCard_complaint on Complaint {
    id
    category
    severity
    status
    description
    dueAt
    overdue
    resolution
    resolvedAt
    closedAt
    createdAt
    filedByRole
    orderId
    assignee {
      id
      name
    }
    photos {
      id
      url
      width
      height
    }
  }
`);
