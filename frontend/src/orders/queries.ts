// The order history's operations: a page of orders by filter, and one order with its history.
import { graphql } from '../graphql/generated';

export const OrdersListQuery = graphql(`
  query OrdersList($first: Int!, $after: String, $filter: OrderFilter) {
    me {
      tenant {
        currency
      }
    }
    orders(first: $first, after: $after, filter: $filter, orderBy: NEWEST) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          number
          status
          totalUnits
          totalCost
          createdAt
          proposedAt
        }
      }
    }
  }
`);

export const OrderDetailQuery = graphql(`
  query OrderDetail($id: ID!) {
    me {
      tenant {
        currency
      }
    }
    order(id: $id) {
      id
      number
      status
      totalUnits
      totalCost
      totalRetail
      note
      createdAt
      expiresAt
      closeReason
      actions
      merchandiser {
        id
        name
      }
      shipment {
        id
        carrier
        trackingNumber
        status
        estimatedDelivery
        late
      }
      transitions {
        fromStatus
        toStatus
        action
        reason
        at
        actorUser {
          id
          name
        }
      }
      lines {
        id
        qty
        recommendedQty
        lineCost
        sku {
          id
          code
          colour
          size
          product {
            id
            name
            nameEn
            category
          }
        }
      }
    }
  }
`);

export const OrderRejectMutation = graphql(`
  mutation OrderReject($input: OrderReasonInput!) {
    orderReject(input: $input) {
      order {
        id
        status
        actions
        closeReason
        transitions {
          fromStatus
          toStatus
          action
          reason
          at
          actorUser {
            id
            name
          }
        }
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);
