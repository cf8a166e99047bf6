// What a delivery's card shows of a shipment.
import { graphql } from '../../../graphql/generated';

export const ShipmentCardFragment = graphql(`
  fragment ShipmentCard_shipment on Shipment {
    id
    carrier
    trackingNumber
    parcels
    status
    shippedAt
    estimatedDelivery
    deliveredAt
    late
    exceptionReason
    carrierDetails {
      name
      nameZh
    }
    proofOfDelivery {
      signedBy
      signedAt
      photoRef
    }
    order {
      id
      number
      status
    }
    trackingEvents {
      id
      status
      occurredAt
      location
      description
    }
  }
`);
