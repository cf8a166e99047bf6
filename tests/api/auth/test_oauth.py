"""POST /auth/token: the OAuth2 client-credentials grant, end to end into GraphQL."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from domain import clock
from domain.db import Database
from domain.identity import keys
from domain.identity.models import OAuthClient
from domain.identity.tokens import read_access_token
from domain.settings import Settings
from domain.tenancy.session import tenant_session
from tests.api.auth.conftest import ClientFactory
from tests.factories import World, make_world
from tests.fixtures import GraphQLClient

REGIONS = "{ regions { id code } }"
CREATE_REGION = """
mutation { regionCreate(input: {code: "RX", name: "X"}) { region { id } userErrors { code } } }"""


async def make_client_credentials(
    db: Database, world: World, scopes: list[str] | None = None
) -> keys.IssuedSecret:
    async with tenant_session(db, world.hq.actor) as session:
        issued = await keys.create_oauth_client(
            session, world.hq.actor, "ERP", scopes or ["region:read", "store:read"]
        )
        await session.commit()
    return issued


def basic(client_id: str, secret: str) -> dict[str, str]:
    pair = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {pair}"}


async def request_token(
    http: httpx.AsyncClient, creds: keys.IssuedSecret, **form: str
) -> httpx.Response:
    form.setdefault("grant_type", "client_credentials")
    return await http.post("/auth/token", data=form, headers=basic(creds.public_id, creds.secret))


async def graphql(http: httpx.AsyncClient, query: str, token: str) -> dict[str, Any]:
    response = await http.post(
        "/graphql", json={"query": query}, headers={"Authorization": f"Bearer {token}"}
    )
    body: dict[str, Any] = response.json()
    return body


async def test_basic_credentials_get_a_bearer_token_for_every_allowed_scope(
    world: World, db: Database, oauth_http: httpx.AsyncClient, settings: Settings
) -> None:
    creds = await make_client_credentials(db, world)
    response = await request_token(oauth_http, creds)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    token = response.json()
    assert token["token_type"] == "Bearer"
    assert token["scope"] == "region:read store:read"
    assert "refresh_token" not in token
    claims = read_access_token(settings, token["access_token"])
    assert claims["sub"] == f"client:{creds.public_id}"
    assert claims["role"] == "integration"
    assert claims["tid"] == world.tenant.id
    assert token["expires_in"] == claims["exp"] - claims["iat"]


async def test_secret_in_the_form_works_too(
    world: World, db: Database, oauth_http: httpx.AsyncClient
) -> None:
    creds = await make_client_credentials(db, world)
    form = {
        "grant_type": "client_credentials",
        "client_id": creds.public_id,
        "client_secret": creds.secret,
        "scope": "region:read",
    }
    response = await oauth_http.post("/auth/token", data=form)
    assert response.status_code == 200
    assert response.json()["scope"] == "region:read"


async def test_a_token_works_within_its_scope_and_is_forbidden_outside_it(
    world: World, db: Database, oauth_http: httpx.AsyncClient
) -> None:
    creds = await make_client_credentials(db, world)
    token = (await request_token(oauth_http, creds, scope="region:read")).json()["access_token"]
    regions = await graphql(oauth_http, REGIONS, token)
    assert [r["code"] for r in regions["data"]["regions"]] == ["R1", "R2"]
    refused = await graphql(oauth_http, CREATE_REGION, token)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_narrowed_token_loses_the_scopes_it_did_not_ask_for(
    world: World, db: Database, oauth_http: httpx.AsyncClient
) -> None:
    creds = await make_client_credentials(db, world)
    token = (await request_token(oauth_http, creds, scope="store:read")).json()["access_token"]
    refused = await graphql(oauth_http, REGIONS, token)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    me = await graphql(oauth_http, "{ me { role permissions } }", token)
    assert me["data"]["me"] == {"role": "INTEGRATION", "permissions": ["store:read"]}


@pytest.mark.parametrize("scope", ["region:read sales:write", "apikey:manage", "no-such-scope"])
async def test_scopes_beyond_the_client_are_invalid_scope(
    world: World, db: Database, oauth_http: httpx.AsyncClient, scope: str
) -> None:
    creds = await make_client_credentials(db, world)
    response = await request_token(oauth_http, creds, scope=scope)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


async def test_a_token_of_one_tenant_does_not_see_another(
    world: World, db: Database, oauth_http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    other = await make_world(db)
    creds = await make_client_credentials(db, world)
    token = (await request_token(oauth_http, creds)).json()["access_token"]
    theirs = await gql(REGIONS, token=other.hq.token(gql.settings))
    their_id = theirs["data"]["regions"][0]["id"]
    mine = await graphql(oauth_http, REGIONS, token)
    assert their_id not in {r["id"] for r in mine["data"]["regions"]}
    node = await oauth_http.post(
        "/graphql",
        json={"query": "query($id: ID!) { node(id: $id) { id } }", "variables": {"id": their_id}},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert node.json()["data"]["node"] is None


def _assert_invalid_client(response: httpx.Response) -> None:
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert response.headers["www-authenticate"].startswith("Basic ")


async def test_a_wrong_secret_is_invalid_client_with_a_challenge(
    world: World, db: Database, oauth_http: httpx.AsyncClient
) -> None:
    creds = await make_client_credentials(db, world)
    wrong = keys.IssuedSecret(creds.id, creds.public_id, creds.secret + "x")
    _assert_invalid_client(await request_token(oauth_http, wrong))
    form = {"grant_type": "client_credentials", "client_id": creds.public_id, "client_secret": "x"}
    _assert_invalid_client(await oauth_http.post("/auth/token", data=form))


@pytest.mark.parametrize(
    "client_id",
    ["pc_1_doesnotexist", "pc_99999999999999999999_x", "someone-else", "pc_x_y"],
)
async def test_unknown_clients_are_refused_like_wrong_secrets(
    oauth_http: httpx.AsyncClient, client_id: str
) -> None:
    creds = keys.IssuedSecret(0, client_id, "secret")
    _assert_invalid_client(await request_token(oauth_http, creds))
    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": "s"}
    _assert_invalid_client(await oauth_http.post("/auth/token", data=form))


async def test_a_revoked_client_is_refused(
    world: World, db: Database, oauth_http: httpx.AsyncClient
) -> None:
    creds = await make_client_credentials(db, world)
    async with tenant_session(db, world.hq.actor) as session:
        await session.execute(
            update(OAuthClient).where(OAuthClient.id == creds.id).values(revoked_at=clock.now())
        )
        await session.commit()
    _assert_invalid_client(await request_token(oauth_http, creds))


async def test_a_client_id_claiming_another_tenant_is_refused(
    world: World, db: Database, oauth_http: httpx.AsyncClient
) -> None:
    other = await make_world(db)
    creds = await make_client_credentials(db, world)
    moved = creds.public_id.replace(f"pc_{world.tenant.id}_", f"pc_{other.tenant.id}_", 1)
    _assert_invalid_client(
        await request_token(oauth_http, keys.IssuedSecret(0, moved, creds.secret))
    )


async def test_no_credentials_at_all_is_invalid_client(oauth_http: httpx.AsyncClient) -> None:
    response = await oauth_http.post("/auth/token", data={"grant_type": "client_credentials"})
    _assert_invalid_client(response)


async def test_other_grant_types_are_unsupported(
    world: World, db: Database, oauth_http: httpx.AsyncClient
) -> None:
    creds = await make_client_credentials(db, world)
    response = await request_token(oauth_http, creds, grant_type="password")
    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"


@pytest.mark.parametrize(
    ("content", "content_type", "headers"),
    [
        (b"scope=region%3Aread", "application/x-www-form-urlencoded", {}),  # no grant_type
        (b'{"grant_type": "client_credentials"}', "application/json", {}),
        (
            b"grant_type=client_credentials&grant_type=client_credentials",
            "application/x-www-form-urlencoded",
            {},
        ),
        (
            b"grant_type=client_credentials&client_secret=s",
            "application/x-www-form-urlencoded",
            basic("pc_1_x", "s"),
        ),
        (
            b"grant_type=client_credentials&client_id=pc_1_other",
            "application/x-www-form-urlencoded",
            basic("pc_1_x", "s"),
        ),
    ],
    ids=["no-grant-type", "json-body", "repeated-parameter", "two-auth-methods", "two-client-ids"],
)
async def test_malformed_requests_are_invalid_request(
    oauth_http: httpx.AsyncClient, content: bytes, content_type: str, headers: dict[str, str]
) -> None:
    response = await oauth_http.post(
        "/auth/token", content=content, headers={"content-type": content_type, **headers}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_request"
    assert body["error_description"]


async def test_plain_http_is_refused_unless_loopback_or_allowed(
    world: World, db: Database, make_client: ClientFactory
) -> None:
    creds = await make_client_credentials(db, world)
    async with make_client(base_url="http://peihuo.example") as public:
        response = await request_token(public, creds)
        assert response.status_code == 400
        assert response.json()["error"] == "insecure_transport"
    async with make_client(base_url="https://peihuo.example") as secure:
        assert (await request_token(secure, creds)).status_code == 200
    async with make_client(base_url="http://127.0.0.1:8000") as loopback:
        assert (await request_token(loopback, creds)).status_code == 200
    async with make_client(base_url="http://peihuo.example", oauth_allow_http=True) as allowed:
        assert (await request_token(allowed, creds)).status_code == 200
