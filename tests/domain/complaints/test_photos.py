"""Complaint photos: what the bytes are decides, images are re-encoded bare, stores keep them."""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from domain.complaints.photos import MAX_SIDE, add_photo, clean_image, photo_for
from domain.db import Database
from domain.errors import DomainError, ErrorCode, NotFound
from domain.settings import Settings
from domain.storage.files import FileStore, open_store
from domain.tenancy.session import tenant_session
from tests.domain.complaints.factories import file_complaint
from tests.factories import World
from tests.factories_service import free_port

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_exif(width: int = 64, height: int = 32) -> bytes:
    """A JPEG carrying a camera's EXIF: a GPS position, a maker, and 'rotate 90°' (6)."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[ORIENTATION] = 6
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (39.0, 54.0, 27.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def stored_files(folder: Path) -> list[Path]:
    """Every file under `folder`."""
    return [p for p in folder.rglob("*") if p.is_file()]


def png(mode: str = "RGBA", size: tuple[int, int] = (10, 10)) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, format="PNG")
    return out.getvalue()


def test_a_camera_jpeg_is_turned_upright_and_stripped_of_metadata() -> None:
    clean = clean_image(jpeg_with_exif())
    assert clean.content_type == "image/jpeg"
    assert (clean.width, clean.height) == (32, 64)  # the EXIF said: rotate
    with Image.open(io.BytesIO(clean.data)) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info
    assert b"SpyCam" not in clean.data


def test_large_images_are_scaled_and_transparent_ones_stay_png() -> None:
    big = io.BytesIO()
    Image.new("RGB", (5000, 1000), "white").save(big, format="WEBP")
    scaled = clean_image(big.getvalue())
    assert (scaled.width, scaled.height) == (MAX_SIDE, round(MAX_SIDE / 5))
    assert scaled.content_type == "image/jpeg"
    transparent = clean_image(png("RGBA"))
    assert (transparent.content_type, transparent.extension) == ("image/png", "png")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"%PDF-1.7 not an image", "JPEG, PNG or WebP"),
        (b"GIF89a" + b"\x00" * 100, "JPEG, PNG or WebP"),
        (b"\x89PNG\r\n\x1a\n" + b"garbage" * 20, "not a readable image"),
        (b"\xff\xd8\xff" + b"\x00" * (10 * 1024 * 1024), "at most 10 MB"),
    ],
)
def test_what_is_not_an_image_is_refused_naming_the_field(data: bytes, message: str) -> None:
    with pytest.raises(DomainError) as refused:
        clean_image(data)
    assert refused.value.errors[0].field == "file"
    assert message in refused.value.message


def test_a_small_file_that_unpacks_into_a_huge_image_is_refused() -> None:
    bomb = png("1", (10_000, 10_000))  # 100 megapixels of one bit: a few kilobytes
    assert len(bomb) < 100_000
    with pytest.raises(DomainError) as refused:
        clean_image(bomb)
    assert "megapixels" in refused.value.message


async def test_a_photo_is_stored_and_read_back_only_by_those_who_see_the_complaint(
    db: Database, world: World, tmp_path: Path
) -> None:
    files = open_store(Settings(storage_url=f"file://{tmp_path}"))
    franchisee = world.franchisees[0].actor
    complaint = await file_complaint(db, franchisee, world.stores[0])
    async with tenant_session(db, franchisee) as session:
        photo = await add_photo(session, franchisee, complaint.id, jpeg_with_exif(), files)
        await session.commit()
    stored = stored_files(tmp_path)
    assert [p.name for p in stored] == [photo.storage_key.rsplit("/", 1)[1]]
    assert b"SpyCam" not in stored[0].read_bytes()
    async with tenant_session(db, world.merchandisers[0].actor) as session:
        found = await photo_for(session, world.merchandisers[0].actor, photo.id)
        assert await files.get(found.storage_key) == stored[0].read_bytes()
    for outsider in (world.franchisees[1].actor, world.merchandisers[2].actor):
        async with tenant_session(db, outsider) as session:
            with pytest.raises(NotFound):
                await photo_for(session, outsider, photo.id)


async def test_photos_of_another_store_cannot_be_added(
    db: Database, world: World, tmp_path: Path
) -> None:
    files = open_store(Settings(storage_url=f"file://{tmp_path}"))
    complaint = await file_complaint(db, world.franchisees[0].actor, world.stores[0])
    other = world.franchisees[1].actor
    async with tenant_session(db, other) as session:
        with pytest.raises(DomainError) as refused:
            await add_photo(session, other, complaint.id, png(), files)
    assert refused.value.code == ErrorCode.NOT_FOUND
    assert stored_files(tmp_path) == []


# --- S3-compatible storage, against a real local server (moto's server mode) ------------------


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the S3 server stopped")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the S3 server did not start")


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """A local S3-compatible server with a bucket `photos`."""
    import boto3

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(port, process)
        endpoint = f"http://127.0.0.1:{port}"
        boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id="test",
            aws_secret_access_key="test",
            region_name="us-east-1",
        ).create_bucket(Bucket="photos")
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


def s3_store(endpoint: str) -> FileStore:
    return open_store(
        Settings(
            storage_url="s3://photos/peihuo",
            storage_s3_endpoint=endpoint,
            storage_s3_access_key_id="test",
            storage_s3_secret_access_key="test",  # type: ignore[arg-type]
        )
    )


async def test_the_s3_store_keeps_puts_and_deletes(s3_endpoint: str) -> None:
    files = s3_store(s3_endpoint)
    await files.put("a/b.jpg", b"\xff\xd8\xffdata")
    assert await files.get("a/b.jpg") == b"\xff\xd8\xffdata"
    await files.delete("a/b.jpg")
    with pytest.raises(NotFound):
        await files.get("a/b.jpg")
    await files.delete("a/b.jpg")  # deleting what is gone is no error


async def test_a_photo_goes_to_s3_when_the_settings_say_so(
    db: Database, world: World, s3_endpoint: str
) -> None:
    import boto3

    files = s3_store(s3_endpoint)
    franchisee = world.franchisees[0].actor
    complaint = await file_complaint(db, franchisee, world.stores[0])
    async with tenant_session(db, franchisee) as session:
        photo = await add_photo(session, franchisee, complaint.id, png("RGB"), files)
        await session.commit()
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    )
    keys = [o["Key"] for o in client.list_objects_v2(Bucket="photos")["Contents"]]
    assert f"peihuo/{photo.storage_key}" in keys
    assert (await files.get(photo.storage_key)).startswith(b"\xff\xd8\xff")
