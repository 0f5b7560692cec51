"""Tokens at rest: AES-GCM under the first key, readable under any listed key, bound to a user."""

from __future__ import annotations

import base64
import hashlib

import pytest
from pydantic import SecretStr

from fastfm.integrations.spotify.crypto import TokenCipher, TokenDecryptError, TokenKeyError
from fastfm.integrations.spotify.oauth import code_challenge, new_code_verifier


def key(byte: bytes) -> SecretStr:
    return SecretStr(base64.urlsafe_b64encode(byte * 32).decode())


OLD, NEW = key(b"o"), key(b"n")


class TestTokenCipher:
    def test_round_trip_without_the_plaintext_in_the_ciphertext(self) -> None:
        cipher = TokenCipher([NEW])
        sealed = cipher.encrypt("secret-token", context=b"u1")
        assert b"secret-token" not in sealed
        assert cipher.decrypt(sealed, context=b"u1") == "secret-token"
        assert cipher.encrypt("secret-token", context=b"u1") != sealed  # a fresh nonce

    def test_rotation_reads_old_tokens_and_writes_with_the_new_key(self) -> None:
        sealed_old = TokenCipher([OLD]).encrypt("t", context=b"u1")
        rotated = TokenCipher([NEW, OLD])
        assert rotated.decrypt(sealed_old, context=b"u1") == "t"
        assert not rotated.is_current(sealed_old)
        assert rotated.is_current(rotated.encrypt("t", context=b"u1"))

    def test_a_retired_key_no_longer_decrypts(self) -> None:
        sealed_old = TokenCipher([OLD]).encrypt("t")
        with pytest.raises(TokenDecryptError):
            TokenCipher([NEW]).decrypt(sealed_old)

    def test_tampering_or_another_users_row_is_refused(self) -> None:
        cipher = TokenCipher([NEW])
        sealed = cipher.encrypt("t", context=b"u1")
        with pytest.raises(TokenDecryptError):
            cipher.decrypt(sealed, context=b"u2")
        flipped = sealed[:-1] + bytes([sealed[-1] ^ 1])
        with pytest.raises(TokenDecryptError):
            cipher.decrypt(flipped, context=b"u1")

    @pytest.mark.parametrize(
        "raw", ["", "not base64 !!", base64.urlsafe_b64encode(b"short").decode()]
    )
    def test_bad_keys_are_refused(self, raw: str) -> None:
        with pytest.raises(TokenKeyError):
            TokenCipher([SecretStr(raw)] if raw else [])


def test_pkce_challenge_is_s256_without_padding() -> None:
    verifier = new_code_verifier()
    assert 43 <= len(verifier) <= 128
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    expected = base64.urlsafe_b64encode(digest).decode().rstrip("=")
    assert code_challenge(verifier) == expected
    assert len(expected) == 43
