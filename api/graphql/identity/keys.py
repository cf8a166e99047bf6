"""GraphQL for integration credentials: API keys and OAuth2 clients (the secret is shown once)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Self

import strawberry
from sqlalchemy import select
from strawberry import relay

from api.graphql.context import Info
from api.graphql.errors import UserError, mutate
from api.graphql.identity.types import UserType
from api.graphql.payloads import refusal
from api.graphql.permissions import needs
from api.graphql.relay import Connection, ModelNode, decode_id
from domain.identity import keys
from domain.identity.models import ApiKey, OAuthClient
from domain.permissions import INTEGRATION_SCOPES, Permission

First = Annotated[
    int | None, strawberry.argument(description="Page size (default 20, at most 200).")
]
After = Annotated[
    str | None, strawberry.argument(description="Cursor of the last item of the previous page.")
]
IncludeRevoked = Annotated[
    bool, strawberry.argument(description="List revoked ones too (default: only active).")
]


@strawberry.type(
    name="ApiKey", description="A scoped key an integration (POS, ERP, carrier) calls with."
)
class ApiKeyType(ModelNode):
    """An API key (its secret is never shown again after creation)."""

    __model__ = ApiKey
    __read_permission__ = Permission.API_KEY_MANAGE

    id: relay.NodeID[int]
    name: str = strawberry.field(description="What it is for.")
    prefix: str = strawberry.field(description="Public part of the key, to recognise it.")
    scopes: list[str] = strawberry.field(description="Permissions it grants.")
    created_at: datetime = strawberry.field(description="When it was made.")
    last_used_at: datetime | None = strawberry.field(description="When it was last used.")
    revoked_at: datetime | None = strawberry.field(description="When it was revoked.")
    created_by_pk: strawberry.Private[int | None]

    @strawberry.field(description="Who made it.")
    async def created_by(self, info: Info) -> UserType | None:
        return await UserType.load(info, self.created_by_pk)

    @classmethod
    def from_model(cls, row: ApiKey) -> Self:
        return cls(
            id=row.id,
            name=row.name,
            prefix=row.prefix,
            scopes=list(row.scopes),
            created_at=row.created_at,
            last_used_at=row.last_used_at,
            revoked_at=row.revoked_at,
            created_by_pk=row.created_by_id,
        )


@strawberry.type(
    name="OAuthClient", description="A machine client using the OAuth2 client-credentials grant."
)
class OAuthClientType(ModelNode):
    """An OAuth2 client (its secret is never shown again after creation)."""

    __model__ = OAuthClient
    __read_permission__ = Permission.API_KEY_MANAGE

    id: relay.NodeID[int]
    client_id: str = strawberry.field(description="The client id to send with the secret.")
    name: str = strawberry.field(description="What it is for.")
    scopes: list[str] = strawberry.field(description="Permissions its tokens grant.")
    created_at: datetime = strawberry.field(description="When it was registered.")
    revoked_at: datetime | None = strawberry.field(description="When it was revoked.")

    @classmethod
    def from_model(cls, row: OAuthClient) -> Self:
        return cls(
            id=row.id,
            client_id=row.client_id,
            name=row.name,
            scopes=list(row.scopes),
            created_at=row.created_at,
            revoked_at=row.revoked_at,
        )


@strawberry.input(description="A new integration credential.")
class CredentialCreateInput:
    """Name and scopes."""

    name: str = strawberry.field(description="What it is for (e.g. POS feed of Shandong stores).")
    scopes: list[str] = strawberry.field(
        description="Permissions to grant: "
        + ", ".join(sorted(p.value for p in INTEGRATION_SCOPES))
    )


@strawberry.input(description="A credential to revoke.")
class CredentialRevokeInput:
    """Which one."""

    id: relay.GlobalID = strawberry.field(description="The API key or OAuth client.")


@strawberry.type(description="Result of creating an API key.")
class ApiKeyCreatePayload:
    """The key and its secret (shown this once), or why not."""

    api_key: ApiKeyType | None = strawberry.field(description="The key, when made.")
    secret: str | None = strawberry.field(
        description="The full key to give the integration: shown only now, never stored."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.type(description="Result of revoking an API key.")
class ApiKeyPayload:
    """The key as saved, or why not."""

    api_key: ApiKeyType | None = strawberry.field(description="The key.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.type(description="Result of registering an OAuth client.")
class OAuthClientCreatePayload:
    """The client and its secret (shown this once), or why not."""

    client: OAuthClientType | None = strawberry.field(description="The client, when made.")
    client_secret: str | None = strawberry.field(
        description="The client secret: shown only now, never stored."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.type(description="Result of revoking an OAuth client.")
class OAuthClientPayload:
    """The client as saved, or why not."""

    client: OAuthClientType | None = strawberry.field(description="The client.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.type
class CredentialQueries:
    """Queries on integration credentials."""

    @strawberry.field(
        description="The tenant's API keys, newest first.",
        permission_classes=needs(Permission.API_KEY_MANAGE),
    )
    async def api_keys(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        include_revoked: IncludeRevoked = False,
    ) -> Connection[ApiKeyType]:
        stmt = select(ApiKey).order_by(ApiKey.created_at.desc(), ApiKey.id.desc())
        if not include_revoked:
            stmt = stmt.where(ApiKey.revoked_at.is_(None))
        return await Connection[ApiKeyType].page(info, stmt, ApiKeyType.from_model, first, after)

    @strawberry.field(
        description="The tenant's OAuth2 clients, newest first.",
        permission_classes=needs(Permission.API_KEY_MANAGE),
    )
    async def oauth_clients(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        include_revoked: IncludeRevoked = False,
    ) -> Connection[OAuthClientType]:
        stmt = select(OAuthClient).order_by(OAuthClient.created_at.desc(), OAuthClient.id.desc())
        if not include_revoked:
            stmt = stmt.where(OAuthClient.revoked_at.is_(None))
        return await Connection[OAuthClientType].page(
            info, stmt, OAuthClientType.from_model, first, after
        )


@strawberry.type
class CredentialMutations:
    """Mutations on integration credentials."""

    @strawberry.mutation(
        description="Make an API key; the secret in the payload is the only copy.",
        permission_classes=needs(Permission.API_KEY_MANAGE),
    )
    async def api_key_create(
        self,
        info: Info,
        input: Annotated[CredentialCreateInput, strawberry.argument(description="The key.")],
    ) -> ApiKeyCreatePayload:
        ctx = info.context

        async def run() -> ApiKeyCreatePayload:
            issued = await keys.create_api_key(ctx.session, ctx.actor, input.name, input.scopes)
            row = await ctx.session.get(ApiKey, issued.id)
            assert row is not None
            return ApiKeyCreatePayload(
                api_key=ApiKeyType.from_model(row), secret=issued.secret, user_errors=[]
            )

        return await mutate(info, run, refusal(ApiKeyCreatePayload))

    @strawberry.mutation(
        description="Revoke an API key (at once; idempotent).",
        permission_classes=needs(Permission.API_KEY_MANAGE),
    )
    async def api_key_revoke(
        self,
        info: Info,
        input: Annotated[CredentialRevokeInput, strawberry.argument(description="The key.")],
    ) -> ApiKeyPayload:
        ctx = info.context

        async def run() -> ApiKeyPayload:
            row = await keys.revoke_api_key(
                ctx.session, ctx.actor, decode_id(input.id, "ApiKey", "id")
            )
            return ApiKeyPayload(api_key=ApiKeyType.from_model(row), user_errors=[])

        return await mutate(info, run, refusal(ApiKeyPayload))

    @strawberry.mutation(
        description="Register an OAuth2 client-credentials client; the secret is the only copy.",
        permission_classes=needs(Permission.API_KEY_MANAGE),
    )
    async def oauth_client_create(
        self,
        info: Info,
        input: Annotated[CredentialCreateInput, strawberry.argument(description="The client.")],
    ) -> OAuthClientCreatePayload:
        ctx = info.context

        async def run() -> OAuthClientCreatePayload:
            issued = await keys.create_oauth_client(
                ctx.session, ctx.actor, input.name, input.scopes
            )
            row = await ctx.session.get(OAuthClient, issued.id)
            assert row is not None
            return OAuthClientCreatePayload(
                client=OAuthClientType.from_model(row), client_secret=issued.secret, user_errors=[]
            )

        return await mutate(info, run, refusal(OAuthClientCreatePayload))

    @strawberry.mutation(
        description="Revoke an OAuth2 client: no new tokens are issued to it.",
        permission_classes=needs(Permission.API_KEY_MANAGE),
    )
    async def oauth_client_revoke(
        self,
        info: Info,
        input: Annotated[CredentialRevokeInput, strawberry.argument(description="The client.")],
    ) -> OAuthClientPayload:
        ctx = info.context

        async def run() -> OAuthClientPayload:
            row = await keys.revoke_oauth_client(
                ctx.session, ctx.actor, decode_id(input.id, "OAuthClient", "id")
            )
            return OAuthClientPayload(client=OAuthClientType.from_model(row), user_errors=[])

        return await mutate(info, run, refusal(OAuthClientPayload))
