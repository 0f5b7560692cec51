"""The authorization code flow with PKCE (S256), as Spotify's accounts service speaks it."""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import urlencode

SCOPES = "playlist-read-private playlist-read-collaborative user-library-read"
STATE_MINUTES = 10


def new_code_verifier() -> str:
    """A PKCE code verifier: 64 URL-safe characters (RFC 7636 allows 43..128)."""
    return secrets.token_urlsafe(48)


def code_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def new_state() -> str:
    return secrets.token_urlsafe(32)


def hash_state(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


def authorize_url(
    accounts_url: str, client_id: str, redirect_uri: str, state: str, verifier: str
) -> str:
    query = urlencode(
        {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "scope": SCOPES,
            "state": state,
            "code_challenge_method": "S256",
            "code_challenge": code_challenge(verifier),
        }
    )
    return f"{accounts_url.rstrip('/')}/authorize?{query}"
