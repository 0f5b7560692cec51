"""Request and response bodies of the auth routes."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from fastfm.kit.schemas import WriteSchema

# Opaque to clients; any string is looked up (as its hash) and answers 401 if unknown.
RefreshTokenValue = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=4096),
    Field(description="A refresh token from login or refresh"),
]

_ACCESS_EXAMPLE = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl"
_REFRESH_EXAMPLE = "mG4g0d3lq8q7c0Gv1z8T1tqz0f6n8u3mV4Rz7o2yKkA"


class Tokens(BaseModel):
    """A fresh access token and the refresh token that replaces the one presented."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "access_token": _ACCESS_EXAMPLE,
                    "refresh_token": _REFRESH_EXAMPLE,
                    "token_type": "bearer",
                    "expires_in": 900,
                }
            ]
        }
    )

    access_token: str = Field(description="Bearer token for the Authorization header (JWT)")
    refresh_token: str = Field(description="Single-use token for POST /auth/refresh")
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (the OAuth2 token type)
    expires_in: int = Field(description="Seconds until the access token expires")


class RefreshRequest(WriteSchema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"refresh_token": _REFRESH_EXAMPLE}]})

    refresh_token: RefreshTokenValue


class LogoutRequest(WriteSchema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"refresh_token": _REFRESH_EXAMPLE}]})

    refresh_token: RefreshTokenValue


class SessionToken(BaseModel):
    """An access token for the browser; its refresh token travels only in the cookie."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"access_token": _ACCESS_EXAMPLE, "token_type": "bearer", "expires_in": 900}
            ]
        }
    )

    access_token: str = Field(description="Bearer token for the Authorization header (JWT)")
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (the OAuth2 token type)
    expires_in: int = Field(description="Seconds until the access token expires")
