"""Spotify tokens at rest: AES-256-GCM, with a list of keys so keys can be rotated.

A ciphertext is ``key id (4 bytes) | nonce (12 bytes) | AES-GCM(token)``; the key id is the
start of the key's SHA-256, so decryption picks the right key without trying them all and a
ciphertext made under a retired key is refused rather than misread. The first configured
key encrypts; every configured key decrypts.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pydantic import SecretStr

KEY_ID_BYTES = 4
NONCE_BYTES = 12


class TokenKeyError(ValueError):
    """A configured key is not 32 bytes of URL-safe base64."""


class TokenDecryptError(Exception):
    """A stored token could not be decrypted with any configured key."""


def _decode_key(raw: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
    except (binascii.Error, ValueError) as exc:
        raise TokenKeyError("FASTFM_SPOTIFY_TOKEN_KEYS holds a key that is not base64") from exc
    if len(key) != 32:
        raise TokenKeyError("each FASTFM_SPOTIFY_TOKEN_KEYS key must be 32 bytes")
    return key


def _key_id(key: bytes) -> bytes:
    return hashlib.sha256(key).digest()[:KEY_ID_BYTES]


class TokenCipher:
    """Encrypts with the newest key, decrypts with any of them."""

    def __init__(self, keys: list[SecretStr]) -> None:
        if not keys:
            raise TokenKeyError("FASTFM_SPOTIFY_TOKEN_KEYS is empty")
        decoded = [_decode_key(k.get_secret_value()) for k in keys]
        self._current = (_key_id(decoded[0]), AESGCM(decoded[0]))
        self._by_id = {_key_id(key): AESGCM(key) for key in decoded}

    def encrypt(self, plaintext: str, *, context: bytes = b"") -> bytes:
        key_id, aead = self._current
        nonce = os.urandom(NONCE_BYTES)
        return key_id + nonce + aead.encrypt(nonce, plaintext.encode(), key_id + context)

    def decrypt(self, ciphertext: bytes, *, context: bytes = b"") -> str:
        key_id = ciphertext[:KEY_ID_BYTES]
        nonce = ciphertext[KEY_ID_BYTES : KEY_ID_BYTES + NONCE_BYTES]
        aead = self._by_id.get(key_id)
        if aead is None:
            raise TokenDecryptError("encrypted with a key no longer configured")
        try:
            body = ciphertext[KEY_ID_BYTES + NONCE_BYTES :]
            return aead.decrypt(nonce, body, key_id + context).decode()
        except InvalidTag as exc:
            raise TokenDecryptError("the stored token does not verify") from exc

    def is_current(self, ciphertext: bytes) -> bool:
        """Whether ``ciphertext`` is under the newest key (else re-encrypt it when convenient)."""
        return ciphertext[:KEY_ID_BYTES] == self._current[0]
