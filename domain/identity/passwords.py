"""Password hashing with argon2, and SHA-256 digests for high-entropy secrets (keys, tokens).

Hashing costs tens of CPU milliseconds by design, so the async callers run it on a small pool of
threads of its own (argon2 releases the GIL), never on the event loop, and never while holding a
database transaction: `check_password` and `hash_password_off_loop`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import os
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# argon2id, p=1, at the cheapest on this kind of machine of the settings OWASP's Password
# Storage Cheat Sheet gives as equivalent (m=47104 t=1, m=19456 t=2, m=12288 t=3, m=9216 t=4,
# m=7168 t=5; KiB and passes). CPU-ms per check measured on the 2-core AMD EPYC this runs on,
# interleaved, 40 each (bench figures, median): 60 / 25.5 / 22.8 / 22.0 / 19.4. Less memory
# to fill and read back per pass (7 MiB against 19) keeps more of it in the caches and evicts
# less of what the event loops are using; against 240 for argon2-cffi's default (64 MiB,
# 3 passes, 4 lanes). Ten logins a second take about a tenth of two cores. Hashes made with
# other parameters (19456/2 before this) still verify, and are rehashed at the next login.
MEMORY_KIB, PASSES = 7168, 5
_hasher = PasswordHasher(time_cost=PASSES, memory_cost=MEMORY_KIB, parallelism=1)
# Verified against when the account does not exist, so both paths cost the same.
_DUMMY_HASH = _hasher.hash("peihuo-timing-equaliser")


def _lower_priority() -> None:
    """Run the hashing thread at a lower priority (Linux nice 5, per thread: about a third of
    an event loop's weight), so that under saturation logins take at most about a quarter of
    the CPU from the requests the event loops serve, and are still served."""
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or not allowed: as is
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 5)


# One hash at a time per API process (about 50 a second): more would only queue for the same
# cores, and take them from the event loop.
_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="argon2", initializer=_lower_priority)


def hash_password(password: str) -> str:
    """An argon2id hash of a password (blocking: async code uses `hash_password_off_loop`)."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches; spends the same time when there is no hash (blocking)."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether a stored hash was made with other parameters than today's."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return False


async def check_password(password_hash: str | None, password: str) -> bool:
    """`verify_password` on the hashing threads, leaving the event loop free meanwhile."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_pool, verify_password, password_hash, password)


async def hash_password_off_loop(password: str) -> str:
    """`hash_password` on the hashing threads."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_pool, hash_password, password)


def digest(secret: str) -> str:
    """SHA-256 of a random secret (enough for 256-bit tokens; argon2 is for passwords)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def same_digest(secret: str, expected: str) -> bool:
    """Constant-time comparison of a secret against its stored digest."""
    return hmac.compare_digest(digest(secret), expected)


def new_secret(nbytes: int = 32) -> str:
    """A URL-safe random secret."""
    return secrets.token_urlsafe(nbytes)
