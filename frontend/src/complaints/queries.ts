// The complaints pages' operations.
import { graphql } from '../graphql/generated';

export const ComplaintsPageQuery = graphql(`
  query ComplaintsPage($storeId: ID!) {
    complaints(first: 50, filter: { storeId: $storeId }) {
      edges {
        node {
          id
          ...ComplaintCard_complaint
        }
      }
    }
  }
`);

export const ComplaintOrdersQuery = graphql(`
  query ComplaintOrders($storeId: ID!) {
    orders(first: 30, filter: { storeId: $storeId, status: [CONFIRMED, PICKING, SHIPPED, DELIVERED] }) {
      edges {
        node {
          id
          number
          status
          shipment {
            id
            trackingNumber
          }
        }
      }
    }
  }
`);

export const ComplaintCreateMutation = graphql(`
  mutation ComplaintCreate($input: ComplaintCreateInput!) {
    complaintCreate(input: $input) {
      complaint {
        id
        ...ComplaintCard_complaint
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const ComplaintPhotoAddMutation = graphql(`
  mutation ComplaintPhotoAdd($input: ComplaintPhotoAddInput!) {
    complaintPhotoAdd(input: $input) {
      complaint {
        id
        ...ComplaintCard_complaint
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const ComplaintCloseMutation = graphql(`
  mutation ComplaintClose($input: ComplaintIdInput!) {
    complaintClose(input: $input) {
      complaint {
        id
        ...ComplaintCard_complaint
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const ComplaintReopenMutation = graphql(`
  mutation ComplaintReopen($input: ComplaintReopenInput!) {
    complaintReopen(input: $input) {
      complaint {
        id
        ...ComplaintCard_complaint
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);
