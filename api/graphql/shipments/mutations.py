"""Shipment mutations: start picking, ship, record a tracking event, set a carrier's secret."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.errors import mutate
from api.graphql.payloads import refusal
from api.graphql.permissions import needs
from api.graphql.relay import decode_id
from api.graphql.shipments.inputs import (
    CarrierSecretPayload,
    CarrierSecretSetInput,
    PickingStartInput,
    PickListPayload,
    ShipmentCreateInput,
    ShipmentEventPayload,
    ShipmentPayload,
    ShipmentRecordEventInput,
)
from api.graphql.shipments.types import (
    CarrierType,
    PickListType,
    ShipmentType,
    TrackingEventType,
)
from domain.permissions import Permission
from domain.shipments import carriers, service
from domain.shipments.tracking import EventReport


@strawberry.type
class ShipmentMutations:
    """Mutations on shipments."""

    @strawberry.mutation(
        description="The warehouse starts picking a confirmed order: the order moves to picking.",
        permission_classes=needs(Permission.SHIPMENT_WRITE),
    )
    async def picking_start(
        self,
        info: Info,
        input: Annotated[
            PickingStartInput, strawberry.argument(description="The order whose picking starts.")
        ],
    ) -> PickListPayload:
        async def action() -> PickListPayload:
            pick_list = await service.start_picking(
                info.context.session,
                info.context.actor,
                decode_id(input.order_id, "Order", "orderId"),
            )
            return PickListPayload(pick_list=PickListType.from_model(pick_list), user_errors=[])

        return await mutate(info, action, refusal(PickListPayload))

    @strawberry.mutation(
        description="Record that an order left with a carrier (HQ, or an integration key with "
        "shipment:write): the order moves to shipped and its stock reservation is consumed.",
        permission_classes=needs(Permission.SHIPMENT_WRITE),
    )
    async def shipment_create(
        self,
        info: Info,
        input: Annotated[
            ShipmentCreateInput, strawberry.argument(description="The order and how it ships.")
        ],
    ) -> ShipmentPayload:
        async def action() -> ShipmentPayload:
            shipment = await service.create_shipment(
                info.context.session,
                info.context.actor,
                decode_id(input.order_id, "Order", "orderId"),
                input.carrier,
                input.tracking_number,
                input.parcels,
                input.estimated_delivery,
            )
            return ShipmentPayload(shipment=ShipmentType.from_model(shipment), user_errors=[])

        return await mutate(info, action, refusal(ShipmentPayload))

    @strawberry.mutation(
        description="Record a tracking event HQ learnt of outside the carrier's webhook; it "
        "moves the shipment like a carrier event would (delivered delivers the order).",
        permission_classes=needs(Permission.SHIPMENT_WRITE),
    )
    async def shipment_record_event(
        self,
        info: Info,
        input: Annotated[
            ShipmentRecordEventInput,
            strawberry.argument(description="The shipment and the event to record."),
        ],
    ) -> ShipmentEventPayload:
        async def action() -> ShipmentEventPayload:
            receipt = await service.record_staff_event(
                info.context.session,
                info.context.actor,
                decode_id(input.shipment_id, "Shipment", "shipmentId"),
                EventReport(
                    event_id="",
                    status=input.status,
                    occurred_at=input.occurred_at,
                    location=input.location,
                    description=input.description,
                    estimated_delivery=input.estimated_delivery,
                    signed_by=input.signed_by,
                    photo_ref=input.photo_ref,
                ),
            )
            return ShipmentEventPayload(
                shipment=ShipmentType.from_model(receipt.shipment),
                event=TrackingEventType.from_model(receipt.event),
                result=receipt.outcome,
                user_errors=[],
            )

        return await mutate(info, action, refusal(ShipmentEventPayload))

    @strawberry.mutation(
        description="Set (or generate) the tenant's webhook secret for a carrier; the secret is "
        "returned once, to enter in the carrier's console.",
        permission_classes=needs(Permission.TENANT_SETTINGS),
    )
    async def carrier_secret_set(
        self,
        info: Info,
        input: Annotated[
            CarrierSecretSetInput, strawberry.argument(description="The carrier and its secret.")
        ],
    ) -> CarrierSecretPayload:
        async def action() -> CarrierSecretPayload:
            secret = await carriers.set_webhook_secret(
                info.context.session, info.context.actor, input.carrier, input.secret
            )
            found = carriers.carrier(input.carrier)
            return CarrierSecretPayload(
                carrier=CarrierType.from_carrier(found), secret=secret, user_errors=[]
            )

        return await mutate(info, action, refusal(CarrierSecretPayload))
