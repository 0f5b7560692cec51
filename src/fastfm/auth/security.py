"""Password hashing (pwdlib, Argon2id) and token crypto (PyJWT HS256, opaque refresh tokens)."""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

import anyio
import jwt
from pwdlib import PasswordHash
from pwdlib.exceptions import UnknownHashError
from pwdlib.hashers.argon2 import Argon2Hasher

from fastfm.auth.exceptions import InvalidToken, TokenExpired
from fastfm.config import Settings
from fastfm.db.base import utcnow

logger = logging.getLogger(__name__)

# The first hasher hashes; the others only verify (and trigger a rehash on login).
password_hasher = PasswordHash((Argon2Hasher(),))


def configure_password_hashing(settings: Settings) -> None:
    """Use the Argon2id cost from ``settings``; hashes made with other costs are redone
    at the next successful login."""
    global password_hasher
    password_hasher = PasswordHash(
        (
            Argon2Hasher(
                time_cost=settings.password_hash_time_cost,
                memory_cost=settings.password_hash_memory_kib,
                parallelism=settings.password_hash_parallelism,
            ),
        )
    )
    _dummy_hash.cache_clear()


# Each Argon2id run takes ~64 MiB and a core: cap how many run at once so a burst of
# logins queues instead of exhausting memory, and keep them off the event loop.
_hashing_slots = anyio.CapacityLimiter(max(2, os.cpu_count() or 2))

ALGORITHM = "HS256"
ACCESS_TOKEN_TYPE = "access"  # noqa: S105 (a claim value)
REQUIRED_CLAIMS = ["iss", "aud", "exp", "iat", "jti", "sub", "typ", "ver", "fam"]


async def hash_password(password: str) -> str:
    """An Argon2id hash of ``password``, computed in a worker thread."""
    return await anyio.to_thread.run_sync(password_hasher.hash, password, limiter=_hashing_slots)


async def verify_password(password: str, stored_hash: str) -> tuple[bool, str | None]:
    """Whether ``password`` matches, and a fresh hash if the stored one is outdated."""
    return await anyio.to_thread.run_sync(
        _verify_and_update, password, stored_hash, limiter=_hashing_slots
    )


async def verify_dummy_password(password: str) -> None:
    """Spend the time of one verification, so an unknown account answers as slowly."""
    await anyio.to_thread.run_sync(_verify_dummy, password, limiter=_hashing_slots)


def _verify_and_update(password: str, stored_hash: str) -> tuple[bool, str | None]:
    try:
        return password_hasher.verify_and_update(password, stored_hash)
    except UnknownHashError:
        logger.warning("stored password hash uses an unsupported scheme")
        return False, None


def _verify_dummy(password: str) -> None:
    _verify_and_update(password, _dummy_hash())


@cache
def _dummy_hash() -> str:
    # Made with the current parameters, so verifying it costs what a real check costs.
    return password_hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True, slots=True)
class AccessClaims:
    """What a valid access token says: who, which token version, which login (family)."""

    user_id: int
    token_version: int
    family_id: str


def create_access_token(
    settings: Settings,
    *,
    user_id: int,
    token_version: int,
    family_id: str,
    now: datetime | None = None,
) -> str:
    """A signed, short-lived access token for one login (refresh family)."""
    issued_at = now or utcnow()
    payload = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": str(user_id),
        "iat": issued_at,
        "exp": issued_at + timedelta(minutes=settings.access_token_minutes),
        "jti": uuid.uuid4().hex,
        "typ": ACCESS_TOKEN_TYPE,
        "ver": token_version,
        "fam": family_id,
    }
    return jwt.encode(payload, settings.signing_key(), algorithm=ALGORITHM)


def decode_access_token(settings: Settings, token: str) -> AccessClaims:
    """Verify signature, algorithm, issuer, audience, lifetime and kind; else 401."""
    try:
        payload = jwt.decode(
            token,
            settings.signing_key(),
            algorithms=[ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": REQUIRED_CLAIMS},
        )
    except jwt.ExpiredSignatureError as exc:
        raise TokenExpired() from exc
    except jwt.InvalidTokenError as exc:
        raise InvalidToken() from exc
    subject, version, family = payload["sub"], payload["ver"], payload["fam"]
    if (
        payload["typ"] != ACCESS_TOKEN_TYPE
        or not isinstance(subject, str)
        or not (subject.isascii() and subject.isdigit() and len(subject) <= 18)
        or type(version) is not int
        or not isinstance(family, str)
    ):
        raise InvalidToken()
    return AccessClaims(user_id=int(subject), token_version=version, family_id=family)


def new_refresh_token() -> str:
    """An opaque refresh token: 256 random bits, never stored as such."""
    return secrets.token_urlsafe(32)


def hash_refresh_token(token: str) -> str:
    """The SHA-256 hex digest under which a refresh token is stored and looked up."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_family_id() -> str:
    """The id shared by every refresh token of one login."""
    return secrets.token_hex(16)
