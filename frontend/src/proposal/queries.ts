// The proposal page's operations: the open proposal, its lines with their reason data, the
// franchisee's moves (adjust, confirm, reject) and the catalogue search for adding SKUs.
import { graphql } from '../graphql/generated';

export const ProposalOrderFragment = graphql(`
  fragment ProposalOrder on Order {
    id
    number
    status
    note
    expiresAt
    storeId
    totalUnits
    totalCost
    actions
    budget {
      budget
      spent
      left
    }
    capacity {
      displayCapacity
      held
      room
      units
    }
    lines {
      id
      qty
      recommendedQty
      removed
      available
      unitCost
      reason {
        kind
        mean
        horizonDays
        onHand
        soldRecently
        soldDays
        bound
        packSize
        minStyleUnits
        season {
          category
          peakMonth
        }
      }
      sku {
        ...ProposalSku
      }
    }
  }
`);

export const ProposalSkuFragment = graphql(`
  fragment ProposalSku on Sku {
    id
    code
    colour
    size
    packSize
    product {
      id
      code
      name
      nameEn
      category
      unitCost
      retailPrice
    }
  }
`);

export const OpenProposalsQuery = graphql(`
  query OpenProposals {
    orders(first: 20, filter: { status: [PROPOSED, VIEWED] }, orderBy: EXPIRING) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

export const ProposalPageQuery = graphql(`
  query ProposalPage($id: ID!) {
    me {
      tenant {
        currency
      }
    }
    order(id: $id) {
      ...ProposalOrder
    }
  }
`);

export const ProposalAdjustMutation = graphql(`
  mutation ProposalAdjust($input: OrderAdjustInput!) {
    orderAdjust(input: $input) {
      order {
        ...ProposalOrder
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const ProposalConfirmMutation = graphql(`
  mutation ProposalConfirm($input: OrderIdInput!) {
    orderConfirm(input: $input) {
      order {
        ...ProposalOrder
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const ProposalRejectMutation = graphql(`
  mutation ProposalReject($input: OrderReasonInput!) {
    orderReject(input: $input) {
      order {
        ...ProposalOrder
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const ProposalViewMutation = graphql(`
  mutation ProposalView($input: OrderIdInput!) {
    orderView(input: $input) {
      order {
        id
        status
        actions
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const CatalogueSearchQuery = graphql(`
  query CatalogueSearch($filter: SkuFilter!) {
    skus(first: 30, filter: $filter) {
      edges {
        node {
          ...ProposalSku
        }
      }
    }
  }
`);
