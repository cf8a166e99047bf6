"""Store mutations: create and change stores, assign merchandisers, budgets, preferences, custom fields."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry

from api.graphql.context import Info
from api.graphql.errors import UserError, mutate
from api.graphql.payloads import refusal, refused
from api.graphql.permissions import needs
from api.graphql.relay import decode_id
from api.graphql.stores.inputs import (
    CustomFieldDefineInput,
    CustomFieldDefinitionPayload,
    CustomFieldDeleteInput,
    CustomFieldDeletePayload,
    StoreAssignmentPayload,
    StoreAssignMerchandiserInput,
    StoreCreateInput,
    StorePayload,
    StoreSetBudgetInput,
    StoreSetCustomFieldsInput,
    StoreSetPreferencesInput,
    StoreUpdateInput,
    to_store_fields,
)
from api.graphql.stores.types import (
    CustomFieldDefinitionType,
    MerchandiserAssignmentType,
    StoreType,
)
from domain.access.people import check_pointable
from domain.errors import Invalid
from domain.permissions import Permission
from domain.stores import custom_fields, service
from domain.stores.assignment import assign_merchandiser
from domain.stores.models import FieldType, Store


async def _store(info: Info, action: Callable[[], Awaitable[Store]]) -> StorePayload:
    async def run() -> StorePayload:
        return StorePayload(store=StoreType.from_model(await action()), user_errors=[])

    return await mutate(info, run, refusal(StorePayload))


def _store_id(value: Any) -> int:
    return decode_id(value, "Store", "storeId")


@strawberry.type
class StoreMutations:
    """Mutations on stores."""

    @strawberry.mutation(
        description="Open a store in a region the viewer manages (with its merchandiser if given).",
        permission_classes=needs(Permission.STORE_WRITE),
    )
    async def store_create(
        self,
        info: Info,
        input: Annotated[StoreCreateInput, strawberry.argument(description="The new store.")],
    ) -> StorePayload:
        ctx = info.context
        return await _store(
            info,
            lambda: service.create_store(
                ctx.session, ctx.actor, to_store_fields(input), check_owner=check_pointable
            ),
        )

    @strawberry.mutation(
        description="Change a store's fields; each kind of field needs its permission over the store "
        "(budget, preferences, merchandiser, personal data).",
        permission_classes=needs(Permission.STORE_WRITE),
    )
    async def store_update(
        self,
        info: Info,
        input: Annotated[StoreUpdateInput, strawberry.argument(description="The changes.")],
    ) -> StorePayload:
        ctx = info.context

        async def action() -> Store:
            return await service.update_store(
                ctx.session,
                ctx.actor,
                decode_id(input.id, "Store", "id"),
                to_store_fields(input),
                reason=input.reason,
                check_owner=check_pointable,
            )

        return await _store(info, action)

    @strawberry.mutation(
        description="Make a merchandiser of the store's region its dedicated merchandiser; the "
        "previous assignment ends and stays in the history. A reassignment needs a reason.",
        permission_classes=needs(Permission.STORE_ASSIGN),
    )
    async def store_assign_merchandiser(
        self,
        info: Info,
        input: Annotated[
            StoreAssignMerchandiserInput, strawberry.argument(description="Who and why.")
        ],
    ) -> StoreAssignmentPayload:
        ctx = info.context

        async def run() -> StoreAssignmentPayload:
            assignment = await assign_merchandiser(
                ctx.session,
                ctx.actor,
                _store_id(input.store_id),
                decode_id(input.merchandiser_id, "User", "merchandiserId"),
                input.reason,
            )
            store = await ctx.session.get(Store, assignment.store_id)
            return StoreAssignmentPayload(
                store=StoreType.from_model(store) if store else None,
                assignment=MerchandiserAssignmentType.from_model(assignment),
                user_errors=[],
            )

        return await mutate(info, run, refusal(StoreAssignmentPayload))

    @strawberry.mutation(
        description="Set what the store puts into its next order.",
        permission_classes=needs(Permission.STORE_BUDGET),
    )
    async def store_set_budget(
        self,
        info: Info,
        input: Annotated[StoreSetBudgetInput, strawberry.argument(description="The budget.")],
    ) -> StorePayload:
        ctx = info.context
        return await _store(
            info,
            lambda: service.set_budget(
                ctx.session, ctx.actor, _store_id(input.store_id), input.budget
            ),
        )

    @strawberry.mutation(
        description="Change a store's preferences (categories, price band, excluded SKUs, channel, quiet hours).",
        permission_classes=needs(Permission.STORE_PREFERENCES),
    )
    async def store_set_preferences(
        self,
        info: Info,
        input: Annotated[
            StoreSetPreferencesInput, strawberry.argument(description="The preferences.")
        ],
    ) -> StorePayload:
        ctx = info.context

        async def action() -> Store:
            fields = to_store_fields(input)
            return await service.set_preferences(
                ctx.session, ctx.actor, _store_id(input.store_id), fields
            )

        return await _store(info, action)

    @strawberry.mutation(
        description=(
            "Set custom field values on a store (checked against the tenant's definitions); "
            "its franchisee may set the fields HQ made franchisee-editable."
        ),
        permission_classes=needs(Permission.STORE_PREFERENCES),
    )
    async def store_set_custom_fields(
        self,
        info: Info,
        input: Annotated[StoreSetCustomFieldsInput, strawberry.argument(description="The values.")],
    ) -> StorePayload:
        ctx = info.context

        async def action() -> Store:
            if not isinstance(input.values, dict):
                raise Invalid("values", "give an object of values by key")
            store_id = _store_id(input.store_id)
            return await service.set_custom_values(ctx.session, ctx.actor, store_id, input.values)

        async def run() -> StorePayload:
            return StorePayload(store=StoreType.from_model(await action()), user_errors=[])

        def failed(errors: list[UserError]) -> StorePayload:
            # The domain checks the values as the store's `custom_fields`; here they are `values`.
            renamed = [
                UserError(
                    field=e.field.replace("input.customFields", "input.values", 1)
                    if e.field
                    else None,
                    code=e.code,
                    message=e.message,
                )
                for e in errors
            ]
            return refused(StorePayload, renamed)

        return await mutate(info, run, failed)

    @strawberry.mutation(
        description="Add a custom field to every store passport, or change the one with this key.",
        permission_classes=needs(Permission.CUSTOM_FIELD_DEFINE),
    )
    async def custom_field_define(
        self,
        info: Info,
        input: Annotated[CustomFieldDefineInput, strawberry.argument(description="The field.")],
    ) -> CustomFieldDefinitionPayload:
        ctx = info.context

        async def run() -> CustomFieldDefinitionPayload:
            row = await custom_fields.define_custom_field(
                ctx.session,
                ctx.actor,
                custom_fields.DefinitionFields(
                    key=input.key,
                    label=input.label,
                    type=FieldType(input.type),
                    choices=input.choices,
                    required=input.required,
                    help_text=input.help_text,
                    franchisee_editable=input.franchisee_editable,
                ),
            )
            return CustomFieldDefinitionPayload(
                definition=CustomFieldDefinitionType.from_model(row), user_errors=[]
            )

        return await mutate(info, run, refusal(CustomFieldDefinitionPayload))

    @strawberry.mutation(
        description="Remove a custom field and every store's value of it.",
        permission_classes=needs(Permission.CUSTOM_FIELD_DEFINE),
    )
    async def custom_field_delete(
        self,
        info: Info,
        input: Annotated[CustomFieldDeleteInput, strawberry.argument(description="Which field.")],
    ) -> CustomFieldDeletePayload:
        ctx = info.context

        async def run() -> CustomFieldDeletePayload:
            await custom_fields.delete_custom_field(ctx.session, ctx.actor, input.key.strip())
            return CustomFieldDeletePayload(deleted_key=input.key.strip(), user_errors=[])

        return await mutate(info, run, refusal(CustomFieldDeletePayload))
