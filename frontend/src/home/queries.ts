// The franchisee home's operations: who and which stores, and what waits for them today.
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
    openProposals: orders(first: 1, filter: { status: [PROPOSED, VIEWED] }, orderBy: EXPIRING) {
      totalCount
      edges {
        node {
          id
          number
          expiresAt
          totalUnits
          totalCost
          budget {
            budget
            left
          }
        }
      }
    }
    shipments(first: 1) {
      edges {
        node {
          id
          status
          late
          estimatedDelivery
          deliveredAt
        }
      }
    }
    openComplaints: complaints(first: 1, filter: { status: OPEN }) {
      totalCount
    }
    complaintsInHand: complaints(first: 1, filter: { status: IN_PROGRESS }) {
      totalCount
    }
    unreadMessageCount
  }
`);
