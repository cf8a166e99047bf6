"""Where uploaded files live: local files (the default, under var/) or S3-compatible storage.

One interface, `FileStore`, over obstore's stores: `put`, `get` and `delete` by key. Which store
is decided by `Settings.storage_url` (`file:///path` or `s3://bucket/prefix`, the S3 endpoint
and keys from `storage_s3_*`). Keys are the callers' (they never come from a client), and files
are served only by the application after its own permission check, never by a public URL.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import obstore
from obstore.exceptions import NotFoundError
from obstore.store import LocalStore, ObjectStore, S3Store

from domain.errors import NotFound
from domain.settings import Settings


class FileStore:
    """Bytes by key in one object store."""

    def __init__(self, store: ObjectStore, where: str) -> None:
        self.store = store
        self.where = where

    async def put(self, key: str, data: bytes) -> None:
        """Write `data` at `key` (replacing what was there)."""
        await obstore.put_async(self.store, key, data)

    async def get(self, key: str) -> bytes:
        """The bytes at `key` (NOT_FOUND when there are none)."""
        try:
            result = await obstore.get_async(self.store, key)
            return bytes(await result.bytes_async())
        except (NotFoundError, FileNotFoundError):
            raise NotFound("file") from None

    async def delete(self, key: str) -> None:
        """Remove the file at `key`, if any."""
        try:
            await obstore.delete_async(self.store, key)
        except (NotFoundError, FileNotFoundError):
            return


def open_store(settings: Settings) -> FileStore:
    """The store `settings` name (see the module docstring); a local folder is created."""
    url = urlparse(settings.storage_url)
    if url.scheme == "file":
        folder = Path(url.path)
        folder.mkdir(parents=True, exist_ok=True)
        return FileStore(LocalStore(folder), settings.storage_url)
    if url.scheme == "s3":
        secret = settings.storage_s3_secret_access_key
        endpoint = settings.storage_s3_endpoint
        store = S3Store(
            url.netloc,
            prefix=url.path.strip("/") or None,
            endpoint=endpoint,
            region=settings.storage_s3_region,
            access_key_id=settings.storage_s3_access_key_id,
            secret_access_key=secret.get_secret_value() if secret else None,
            client_options={"allow_http": bool(endpoint and endpoint.startswith("http://"))},
        )
        return FileStore(store, settings.storage_url)
    raise ValueError(f"storage_url must be file:// or s3://, not {settings.storage_url!r}")


_OPENED: dict[tuple[str, str | None, str, str | None], FileStore] = {}


def file_store(settings: Settings) -> FileStore:
    """The store of `settings`, opened once per process and configuration."""
    key = (
        settings.storage_url,
        settings.storage_s3_endpoint,
        settings.storage_s3_region,
        settings.storage_s3_access_key_id,
    )
    if key not in _OPENED:
        _OPENED[key] = open_store(settings)
    return _OPENED[key]
