"""A franchisee's complaint through the API: photos uploaded by multipart and read back under
the complaint's permission, and the resolution accepted or reopened by whoever filed it."""

from __future__ import annotations

import io
from typing import Any

import httpx
from PIL import Image

from domain.complaints.service import resolve_complaint
from domain.db import Database
from domain.tenancy.session import tenant_session
from tests.api.graphql.test_orders import gid, token
from tests.domain.complaints.factories import file_complaint
from tests.domain.complaints.test_photos import jpeg_with_exif
from tests.factories import Member, World
from tests.fixtures import GraphQLClient, UploadFile

ADD = """
mutation($input: ComplaintPhotoAddInput!) {
  complaintPhotoAdd(input: $input) {
    photo { id url contentType width height uploadedBy { email } }
    complaint { photos { id } }
    userErrors { field code message }
  }
}"""
CLOSE = """
mutation($input: ComplaintIdInput!) {
  complaintClose(input: $input) { complaint { status } userErrors { field code message } }
}"""
REOPEN = """
mutation($input: ComplaintReopenInput!) {
  complaintReopen(input: $input) { complaint { status } userErrors { field code message } }
}"""


async def upload(gql: GraphQLClient, tok: str, complaint_gid: str, data: bytes, name: str) -> Any:
    """The GraphQL multipart request spec: operations, map, then the file part."""
    variables = {"input": {"complaintId": complaint_gid, "file": UploadFile(name, data)}}
    return (await gql(ADD, variables, tok))["data"]["complaintPhotoAdd"]


async def test_a_photo_is_uploaded_and_only_those_who_see_the_complaint_download_it(
    db: Database, world: World, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    franchisee = world.franchisees[0]
    complaint = await file_complaint(db, franchisee.actor, world.stores[0])
    complaint_gid = gid("Complaint", complaint.id)
    added = await upload(gql, token(franchisee, gql), complaint_gid, jpeg_with_exif(), "a.jpg")
    assert added["userErrors"] == []
    photo = added["photo"]
    assert (photo["contentType"], photo["width"], photo["height"]) == ("image/jpeg", 32, 64)
    assert photo["uploadedBy"]["email"] == franchisee.email
    assert added["complaint"]["photos"] == [{"id": photo["id"]}]

    def get(member: Member | None) -> Any:
        headers = {"Authorization": f"Bearer {token(member, gql)}"} if member else {}
        return client.get(photo["url"], headers=headers)

    for member in (franchisee, world.merchandisers[0], world.hq):
        response = await get(member)
        assert response.status_code == 200, member.email
        assert response.headers["content-type"] == "image/jpeg"
        assert response.headers["cache-control"] == "private, no-store"
        assert response.headers["x-content-type-options"] == "nosniff"
        with Image.open(io.BytesIO(response.content)) as image:
            assert dict(image.getexif()) == {}
    assert (await get(world.franchisees[1])).status_code == 404  # another store's franchisee
    assert (await get(world.merchandisers[2])).status_code == 404  # another region
    assert (await get(None)).status_code == 401


async def test_uploads_are_judged_by_their_bytes_not_their_name(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    franchisee = world.franchisees[0]
    complaint = await file_complaint(db, franchisee.actor, world.stores[0])
    refused = await upload(
        gql, token(franchisee, gql), gid("Complaint", complaint.id), b"#!/bin/sh\n", "x.jpg"
    )
    assert refused["photo"] is None
    assert [(e["field"], e["code"]) for e in refused["userErrors"]] == [("input.file", "INVALID")]
    other = await upload(
        gql, token(world.franchisees[1], gql), gid("Complaint", complaint.id), b"", "y.png"
    )
    assert [e["code"] for e in other["userErrors"]] == ["NOT_FOUND"]


async def test_the_franchisee_who_filed_it_accepts_or_reopens_the_resolution(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    franchisee, merchandiser = world.franchisees[0], world.merchandisers[0]
    ids = []
    for _ in range(2):
        complaint = await file_complaint(db, franchisee.actor, world.stores[0])
        async with tenant_session(db, merchandiser.actor) as session:
            await resolve_complaint(session, merchandiser.actor, complaint.id, "Resent.")
            await session.commit()
        ids.append(gid("Complaint", complaint.id))
    tok = token(franchisee, gql)
    closed = (await gql(CLOSE, {"input": {"id": ids[0]}}, tok))["data"]["complaintClose"]
    assert (closed["complaint"]["status"], closed["userErrors"]) == ("CLOSED", [])
    silent = (await gql(REOPEN, {"input": {"id": ids[1]}}, tok))["data"]["complaintReopen"]
    assert [(e["field"], e["code"]) for e in silent["userErrors"]] == [("input.reason", "REQUIRED")]
    reopened = await gql(REOPEN, {"input": {"id": ids[1], "reason": "still short"}}, tok)
    assert reopened["data"]["complaintReopen"]["complaint"]["status"] == "IN_PROGRESS"
