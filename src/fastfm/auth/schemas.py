"""Request and response bodies of the auth routes."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Form
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic.json_schema import SkipJsonSchema

from fastfm.kit.schemas import TEXT_PATTERN, WriteSchema, storable_text

# Opaque to clients and taken as sent (no trimming): any string is looked up (as its hash)
# and answers 401 if unknown.
RefreshTokenValue = Annotated[
    str,
    StringConstraints(strip_whitespace=False, min_length=1, max_length=4096),
    AfterValidator(storable_text),
    Field(
        description="A refresh token from login or refresh",
        json_schema_extra={"pattern": TEXT_PATTERN},
    ),
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


LoginName = Annotated[
    str,
    Form(
        min_length=1,
        description="Your username or email",
        json_schema_extra={"pattern": TEXT_PATTERN},
    ),
    AfterValidator(storable_text),
]
LoginPassword = Annotated[
    str,
    Form(
        min_length=1,
        description="Your password",
        json_schema_extra={"pattern": TEXT_PATTERN, "format": "password"},
    ),
    AfterValidator(storable_text),
]


GRANT_TYPE_PATTERN = "^password$"


class LoginForm(OAuth2PasswordRequestForm):
    """The OAuth2 password form; a NUL character in a field is 422, like any text.

    Absent optional fields are left out of the schema rather than typed null: a form
    field has no null, only a string or nothing.
    """

    def __init__(
        self,
        *,
        username: LoginName,
        password: LoginPassword,
        grant_type: Annotated[
            str | SkipJsonSchema[None],
            # The pattern is checked on the string; the schema states it beside (a
            # constraint on the optional type itself would not appear in it).
            Form(pattern=GRANT_TYPE_PATTERN, json_schema_extra={"pattern": GRANT_TYPE_PATTERN}),
        ] = None,
        scope: Annotated[str, Form()] = "",
        client_id: Annotated[str | SkipJsonSchema[None], Form()] = None,
        client_secret: Annotated[
            str | SkipJsonSchema[None], Form(json_schema_extra={"format": "password"})
        ] = None,
    ) -> None:
        super().__init__(
            grant_type=grant_type,
            username=username,
            password=password,
            scope=scope,
            client_id=client_id,
            client_secret=client_secret,
        )


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
