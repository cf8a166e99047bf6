"""The one payload convention: domain paths (snake_case) become GraphQL argument paths in one
place, and any payload type can be refused with its userErrors."""

from __future__ import annotations

import pytest

from api.graphql.catalogue.types import ProductPayload, ProductsUpsertPayload
from api.graphql.errors import UserError, camel_path, user_errors
from api.graphql.payloads import refusal, refused
from api.graphql.shipments.inputs import ShipmentEventPayload
from domain.errors import Collector, DomainError, ErrorCode, Invalid


@pytest.mark.parametrize(
    ("domain", "graphql"),
    [
        ("input.occurred_at", "input.occurredAt"),
        ("input.lines.0.sku_id", "input.lines.0.skuId"),
        ("input.rows[3].sku_code", "input.rows[3].skuCode"),
        ("input.products[1].skus[0].pack_size", "input.products[1].skus[0].packSize"),
        ("filter.created_to", "filter.createdTo"),
        ("input.allocation.sku_share_cap", "input.allocation.skuShareCap"),
        ("input", "input"),
        ("sku_code", "skuCode"),
        # a key the tenant chose stays as given, whatever its spelling
        ("input.custom_fields.shop_size", "input.customFields.shop_size"),
        ("input.custom_fields.Shop_Size_2", "input.customFields.Shop_Size_2"),
        ("custom_fields.opened_on", "customFields.opened_on"),
        # only the segment right after the keyed field is a key
        ("input.custom_fields.shop_size.unit_name", "input.customFields.shop_size.unitName"),
        ("input.custom_fields", "input.customFields"),
    ],
)
def test_domain_paths_become_graphql_paths(domain: str, graphql: str) -> None:
    assert camel_path(domain) == graphql
    assert camel_path(graphql) == graphql  # idempotent: a GraphQL path is kept


def test_no_path_stays_none() -> None:
    assert camel_path(None) is None


def test_user_errors_put_domain_paths_under_the_argument() -> None:
    errors = Collector()
    errors.add("occurred_at", "lies in the future")
    errors.add("custom_fields.shop_size", "give a number")
    errors.add(None, "not now", ErrorCode.CONFLICT)
    with pytest.raises(DomainError) as caught:
        errors.raise_if_any()
    assert [(e.field, e.code) for e in user_errors(caught.value)] == [
        ("input.occurredAt", ErrorCode.INVALID),
        ("input.customFields.shop_size", ErrorCode.INVALID),
        (None, ErrorCode.CONFLICT),
    ]
    assert [e.field for e in user_errors(Invalid("store_id", "no"), prefix="")] == ["storeId"]


def test_a_refused_payload_has_only_its_user_errors() -> None:
    errors = [UserError(field="input.occurredAt", code=ErrorCode.INVALID, message="future")]
    payload = refusal(ShipmentEventPayload)(errors)
    assert isinstance(payload, ShipmentEventPayload)
    assert (payload.shipment, payload.event, payload.result) == (None, None, None)
    assert payload.user_errors == errors
    assert refused(ProductPayload, errors).product is None


def test_a_payload_with_required_fields_needs_their_refused_values() -> None:
    with pytest.raises(TypeError, match="count is not nullable"):
        refusal(ProductsUpsertPayload)
    with pytest.raises(TypeError, match="no field colour"):
        refusal(ProductPayload, colour=None)
    payload = refused(ProductsUpsertPayload, [], count=0, created=0, updated=0)
    assert (payload.count, payload.created, payload.updated, payload.user_errors) == (0, 0, 0, [])
