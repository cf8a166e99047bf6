"""Adding a person who already has a login (issue 10, hole 3): reveals nothing of them, makes an
invitation they accept or decline once signed in; name, phone and role are per membership."""

from __future__ import annotations

import json
from typing import Any

import httpx
from sqlalchemy import select

from domain.audit.models import AuditEntry
from domain.db import Database
from domain.identity.models import Membership, User
from domain.permissions import Role
from domain.tenancy.session import tenant_session
from tests.api.graphql.test_stores import gid
from tests.factories import (
    PASSWORD,
    World,
    make_member,
    make_region,
    make_store,
    make_tenant,
    system,
)
from tests.fixtures import GraphQLClient

CREATE = """
mutation($input: UserCreateInput!) {
  userCreate(input: $input) {
    user { id name email phone role }
    invitation { id tenantName tenantSlug email name phone role status }
    userErrors { field code message }
  }
}"""

MINE = "{ myInvitations { id tenantName tenantSlug name phone role status } }"
ACCEPT = """
mutation($id: ID!) {
  invitationAccept(input: {id: $id}) { invitation { status name role } userErrors { field code } }
}"""
DECLINE = """
mutation($id: ID!) {
  invitationDecline(input: {id: $id}) { invitation { status } userErrors { field code } }
}"""


async def login(client: httpx.AsyncClient, slug: str, email: str) -> httpx.Response:
    return await client.post(
        "/auth/login", json={"tenant": slug, "email": email, "password": PASSWORD}
    )


async def beta(db: Database) -> tuple[Any, Any]:
    """A second, small tenant with its HQ."""
    tenant = await make_tenant(db, name="Beta")
    hq = await make_member(db, tenant, Role.HQ_ADMIN)
    return tenant, hq


async def known_in_taozi_as(
    db: Database, world: World, user_id: int, name: str, phone: str
) -> None:
    """Give the person a name and phone of their own, on their login and their membership."""
    async with tenant_session(db, system(world.tenant)) as session:
        user = await session.get(User, user_id)
        membership = await session.scalar(select(Membership).where(Membership.user_id == user_id))
        assert user is not None and membership is not None
        user.name = membership.name = name
        user.phone = membership.phone = phone
        await session.commit()


async def audit_actions(db: Database, tenant: Any) -> list[str]:
    async with tenant_session(db, system(tenant)) as session:
        rows = await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))
        return sorted(a for a in rows if "invitation" in a)


async def test_beta_hq_adding_taozis_franchisee_learns_nothing_and_gets_no_member(
    world: World, gql: GraphQLClient, db: Database, client: httpx.AsyncClient
) -> None:
    """As beta's HQ, userCreate(email: s0002@taozi…, role: HQ_ADMIN)."""
    tenant, hq = await beta(db)
    person = world.franchisees[1]  # taozi's s0002, with their name and phone in taozi
    await known_in_taozi_as(db, world, person.user.id, "Real Name In Taozi", "13711112222")
    body = await gql(
        CREATE,
        {"input": {"email": person.email.upper(), "name": "Typed By Beta", "role": "HQ_ADMIN"}},
        hq.token(gql.settings),
    )
    payload = body["data"]["userCreate"]
    assert payload["userErrors"] == []
    assert payload["user"] is None
    invitation = payload["invitation"]
    assert invitation | {"id": None} == {
        "id": None,
        "tenantName": "Beta",
        "tenantSlug": tenant.slug,
        "email": person.email,
        "name": "Typed By Beta",
        "phone": None,
        "role": "HQ_ADMIN",
        "status": "PENDING",
    }
    text = json.dumps(body)
    assert "Real Name" not in text and "13711112222" not in text
    # not a member of beta, cannot sign in there, not listed there
    assert (await login(client, tenant.slug, person.email)).status_code == 401
    users = await gql(
        "query($s: String) { users(filter: {search: $s}) { totalCount } }",
        {"s": person.email},
        hq.token(gql.settings),
    )
    assert users["data"]["users"]["totalCount"] == 0
    # a second time: already invited
    again = await gql(
        CREATE,
        {"input": {"email": person.email, "name": "Again", "role": "HQ_ADMIN"}},
        hq.token(gql.settings),
    )
    assert [(e["field"], e["code"]) for e in again["data"]["userCreate"]["userErrors"]] == [
        ("input.email", "DUPLICATE")
    ]

    # the person, signed in to taozi, sees the invitation and accepts it
    token = person.token(gql.settings)
    mine = (await gql(MINE, token=token))["data"]["myInvitations"]
    assert [(i["tenantSlug"], i["name"], i["role"], i["status"]) for i in mine] == [
        (tenant.slug, "Typed By Beta", "HQ_ADMIN", "PENDING")
    ]
    accepted = await gql(ACCEPT, {"id": mine[0]["id"]}, token)
    assert accepted["data"]["invitationAccept"] == {
        "invitation": {"status": "ACCEPTED", "name": "Typed By Beta", "role": "HQ_ADMIN"},
        "userErrors": [],
    }
    assert (await gql(MINE, token=token))["data"]["myInvitations"] == []
    signed_in = await login(client, tenant.slug, person.email)
    assert signed_in.status_code == 200 and signed_in.json()["role"] == "hq_admin"
    # beta knows them by what beta typed; taozi still by its own
    listed = await gql(
        "query($s: String) { users(filter: {search: $s}) { edges { node { name phone role } } } }",
        {"s": person.email},
        hq.token(gql.settings),
    )
    assert [e["node"] for e in listed["data"]["users"]["edges"]] == [
        {"name": "Typed By Beta", "phone": None, "role": "HQ_ADMIN"}
    ]
    me = await gql("{ me { user { name phone } role } }", token=token)
    assert me["data"]["me"]["user"] == {"name": "Real Name In Taozi", "phone": "13711112222"}
    assert me["data"]["me"]["role"] == "FRANCHISEE"
    assert await audit_actions(db, tenant) == [
        "identity.invitation_accepted",
        "invitations.create",
        "invitations.update",
    ]
    # answered once
    twice = await gql(ACCEPT, {"id": mine[0]["id"]}, token)
    assert [e["code"] for e in twice["data"]["invitationAccept"]["userErrors"]] == ["CONFLICT"]


async def test_a_declined_invitation_leaves_nothing_and_others_cannot_answer_it(
    world: World, gql: GraphQLClient, db: Database, client: httpx.AsyncClient
) -> None:
    tenant, hq = await beta(db)
    person, other = world.franchisees[2], world.franchisees[3]
    body = await gql(
        CREATE,
        {
            "input": {
                "email": person.email,
                "name": "Invited",
                "phone": "+86 139 0000 0000",
                "role": "MERCHANDISER",
                "regionId": None,
                "password": "a password to take over the login",
            }
        },
        hq.token(gql.settings),
    )
    # a merchandiser needs a region: the same answer whether or not the e-mail has a login
    assert [(e["field"], e["code"]) for e in body["data"]["userCreate"]["userErrors"]] == [
        ("input.regionId", "REQUIRED")
    ]
    body = await gql(
        CREATE,
        {
            "input": {
                "email": person.email,
                "name": "Invited",
                "phone": "+86 139 0000 0000",
                "role": "HQ_ADMIN",
                "password": "a password to take over the login",
            }
        },
        hq.token(gql.settings),
    )
    invitation = body["data"]["userCreate"]["invitation"]
    assert invitation["phone"] == "+86 139 0000 0000"
    # the typed password took nothing over: the person signs in to taozi with theirs
    assert (await login(client, world.tenant.slug, person.email)).status_code == 200
    stranger = await gql(DECLINE, {"id": invitation["id"]}, other.token(gql.settings))
    assert [e["code"] for e in stranger["data"]["invitationDecline"]["userErrors"]] == ["NOT_FOUND"]
    declined = await gql(DECLINE, {"id": invitation["id"]}, person.token(gql.settings))
    assert declined["data"]["invitationDecline"] == {
        "invitation": {"status": "DECLINED"},
        "userErrors": [],
    }
    async with tenant_session(db, system(tenant)) as session:
        members = await session.scalars(
            select(Membership).where(Membership.user_id == person.user.id)
        )
        assert list(members) == []
    assert (await login(client, tenant.slug, person.email)).status_code == 401
    assert await audit_actions(db, tenant) == [
        "identity.invitation_declined",
        "invitations.create",
        "invitations.update",
    ]


async def test_an_invited_franchisee_gets_the_stores_on_accepting(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    tenant, hq = await beta(db)
    region = await make_region(db, tenant, "B1", ["Beijing"])
    store = await make_store(db, tenant, region)
    person = world.merchandisers[0]
    body = await gql(
        CREATE,
        {
            "input": {
                "email": person.email,
                "name": "Owner In Beta",
                "phone": "13900000001",
                "role": "FRANCHISEE",
                "storeIds": [gid("Store", store.id)],
            }
        },
        hq.token(gql.settings),
    )
    invitation = body["data"]["userCreate"]["invitation"]
    async with tenant_session(db, system(tenant)) as session:
        row = await session.get(type(store), store.id)
        assert row is not None and row.franchisee_id is None  # nothing until they accept
    await gql(ACCEPT, {"id": invitation["id"]}, person.token(gql.settings))
    async with tenant_session(db, system(tenant)) as session:
        row = await session.get(type(store), store.id)
        assert row is not None
        assert (row.franchisee_id, row.franchisee_name, row.franchisee_phone) == (
            person.user.id,
            "Owner In Beta",
            "13900000001",
        )
