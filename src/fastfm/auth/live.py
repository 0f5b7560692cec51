"""The access-token check as a clause, for hot reads that verify the caller in their own
statement: one round trip instead of loading the account first.

It is exactly :func:`fastfm.auth.service.user_for_access`'s rule: the account exists, its
token version is the token's, and the token's login (refresh family) is still live.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Integer, String, bindparam, exists

from fastfm.auth.models import RefreshToken
from fastfm.auth.security import AccessClaims
from fastfm.users.models import User


def caller_is_live() -> ColumnElement[bool]:
    """True while the token in the ``caller_*`` parameters (:func:`caller_params`) is valid."""
    caller = bindparam("caller_id", type_=Integer)
    return exists().where(
        User.id == caller,
        User.token_version == bindparam("caller_version", type_=Integer),
        exists().where(
            RefreshToken.user_id == caller,
            RefreshToken.family_id == bindparam("caller_family", type_=String),
            RefreshToken.revoked_at.is_(None),
        ),
    )


def caller_params(claims: AccessClaims) -> dict[str, Any]:
    """The parameters :func:`caller_is_live` reads."""
    return {
        "caller_id": claims.user_id,
        "caller_version": claims.token_version,
        "caller_family": claims.family_id,
    }
