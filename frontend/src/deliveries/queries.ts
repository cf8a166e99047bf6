// The deliveries pages' operations.
import { graphql } from '../graphql/generated';

export const DeliveriesPageQuery = graphql(`
  query DeliveriesPage($storeId: ID!) {
    shipments(first: 20, filter: { storeId: $storeId }) {
      edges {
        node {
          id
          order {
            id
          }
          ...ShipmentCard_shipment
        }
      }
    }
    surveys(first: 50, filter: { storeId: $storeId, answered: true }) {
      edges {
        node {
          id
          orderId
          overall
        }
      }
    }
  }
`);

export const SurveyPageQuery = graphql(`
  query SurveyPage($number: String!) {
    orders(first: 1, filter: { number: $number }) {
      edges {
        node {
          id
          number
          status
          deliveredAt
          storeId
          shipment {
            id
            carrier
            trackingNumber
          }
        }
      }
    }
  }
`);

export const OrderSurveyQuery = graphql(`
  query OrderSurvey($orderId: ID!) {
    surveys(first: 1, filter: { orderId: $orderId }) {
      edges {
        node {
          id
          ...SurveyForm_survey
        }
      }
    }
  }
`);

export const SurveyAnswerMutation = graphql(`
  mutation SurveyAnswer($input: SurveyAnswerInput!) {
    surveyAnswer(input: $input) {
      survey {
        id
        ...SurveyForm_survey
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);
