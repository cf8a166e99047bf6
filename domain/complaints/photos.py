"""Photos on a complaint: checked, re-encoded, stored, and read back only by who may see it.

An upload is taken for what its bytes are, never for its name: it must start with the magic
bytes of a JPEG, PNG or WebP image, and decode as that format, within a size and a pixel count
(a small file that unpacks into a huge image is refused before it is decoded). It is then
re-encoded (turned upright by its EXIF orientation, scaled to at most `MAX_SIDE` on its long
side, saved as JPEG, or PNG when it has transparency) so no metadata (EXIF, GPS, comments)
and nothing but pixels reach the store. Files are kept under unguessable keys in the file store
(domain.storage.files) and served by the application after the same permission check as the
complaint's (`photo_for`).
"""

from __future__ import annotations

import io
import secrets
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.audit.recorder import record
from domain.complaints.models import ComplaintPhoto, ComplaintStatus
from domain.complaints.service import complaint_for
from domain.errors import DomainError, ErrorCode, Invalid, NotFound
from domain.permissions import Actor, Permission
from domain.storage.files import FileStore

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 2048
MAX_PHOTOS = 10
JPEG_QUALITY = 85

# Magic bytes → the format Pillow must then decode the file as.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
)


@dataclass(frozen=True)
class CleanImage:
    """An image as it will be stored."""

    data: bytes
    content_type: str
    extension: str
    width: int
    height: int


def sniff(data: bytes) -> str | None:
    """The image format the bytes start like (JPEG, PNG, WEBP), or None."""
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            return name
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def clean_image(data: bytes, field: str = "file") -> CleanImage:
    """The upload re-encoded without metadata, or INVALID naming `field` (see the docstring)."""
    if not data:
        raise Invalid(field, "the file is empty", ErrorCode.REQUIRED)
    if len(data) > MAX_UPLOAD_BYTES:
        raise Invalid(field, f"a photo is at most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
    expected = sniff(data)
    if expected is None:
        raise Invalid(field, "a photo must be a JPEG, PNG or WebP image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[expected]) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise Invalid(field, f"a photo is at most {MAX_PIXELS // 1_000_000} megapixels")
                image.load()
                return _reencode(image)
    except Invalid:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise Invalid(field, f"a photo is at most {MAX_PIXELS // 1_000_000} megapixels") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Warning):
        raise Invalid(field, "the file is not a readable image") from None


def _reencode(image: Image.Image) -> CleanImage:
    upright = ImageOps.exif_transpose(image) or image
    upright.thumbnail((MAX_SIDE, MAX_SIDE))
    transparent = upright.mode in ("RGBA", "LA") or "transparency" in upright.info
    out = io.BytesIO()
    if transparent:
        clean = upright.convert("RGBA")
        clean.save(out, format="PNG", optimize=True)
        kind = ("image/png", "png")
    else:
        clean = upright.convert("RGB")
        clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        kind = ("image/jpeg", "jpg")
    return CleanImage(out.getvalue(), kind[0], kind[1], clean.width, clean.height)


async def add_photo(
    session: AsyncSession, actor: Actor, complaint_id: int, data: bytes, files: FileStore
) -> ComplaintPhoto:
    """Attach a photo to a complaint the actor may file complaints for (until it is closed)."""
    actor, complaint, store = await complaint_for(
        session, actor, complaint_id, Permission.COMPLAINT_CREATE
    )
    if complaint.status == ComplaintStatus.CLOSED:
        raise Invalid(
            "complaint_id", "a closed complaint takes no more photos", ErrorCode.INVALID_TRANSITION
        )
    held = await session.scalar(
        select(func.count(ComplaintPhoto.id)).where(ComplaintPhoto.complaint_id == complaint.id)
    )
    if int(held or 0) >= MAX_PHOTOS:
        raise Invalid("complaint_id", f"a complaint holds at most {MAX_PHOTOS} photos")
    image = clean_image(data)
    key = (
        f"tenants/{complaint.tenant_id}/complaints/{complaint.id}/"
        f"{secrets.token_hex(16)}.{image.extension}"
    )
    photo = ComplaintPhoto(
        store_id=store.id,
        complaint_id=complaint.id,
        storage_key=key,
        content_type=image.content_type,
        size_bytes=len(image.data),
        width=image.width,
        height=image.height,
        uploaded_by_id=actor.user_id,
        created_at=clock.now(),
    )
    session.add(photo)
    await session.flush()
    await files.put(key, image.data)
    await record(
        session,
        "complaint.photo_add",
        "complaints",
        complaint.id,
        after={"photo": photo.id, "bytes": photo.size_bytes, "type": photo.content_type},
    )
    return photo


async def photo_for(session: AsyncSession, actor: Actor, photo_id: int) -> ComplaintPhoto:
    """A photo of a complaint the actor may read (NOT_FOUND otherwise, whatever the reason)."""
    photo = await session.get(ComplaintPhoto, photo_id)
    if photo is None:
        raise NotFound("photo")
    try:
        await complaint_for(session, actor, photo.complaint_id, Permission.COMPLAINT_READ)
    except DomainError:
        raise NotFound("photo") from None
    return photo
