"""Request and response bodies for accounts: Me (private), User (public), and writes."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

import email_validator
from pydantic import AfterValidator, ConfigDict, EmailStr, Field, StringConstraints, field_validator
from pydantic.json_schema import SkipJsonSchema

from fastfm.kit.schemas import TEXT_PATTERN, Name, ReadSchema, WriteSchema, storable_text

USERNAME_PATTERN = r"^[A-Za-z0-9_.-]{3,30}$"
USERNAME_CHARACTERS = re.compile(r"[A-Za-z0-9_.-]+")
PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 128


def _username(value: str) -> str:
    # Checked before lowering: a non-ASCII letter whose lowercase is ASCII (the Kelvin
    # sign) would otherwise pass for a letter the pattern does not allow.
    if not USERNAME_CHARACTERS.fullmatch(value):
        raise ValueError("username may contain only letters a-z, digits, '_', '.' and '-'")
    return value.lower()


Username = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=3, max_length=30),
    AfterValidator(_username),
    Field(
        description="3..30 of a-z, 0-9, '_', '.', '-'; case-insensitive, stored lowercased",
        json_schema_extra={"pattern": USERNAME_PATTERN},
    ),
]


def _special_use_domains() -> str:
    # Any case: a pattern has no flags, so each letter is a class of both.
    names = (
        "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in name)
        for name in email_validator.SPECIAL_USE_DOMAIN_NAMES
    )
    return "(?:" + "|".join(names) + ")"


# The address validator refuses the special-use domains (``.test``, ``.localhost``...):
# the schema says so, in a pattern next to the ``email`` format.
EMAIL_PATTERN = rf"^(?!.*@(?:.*\.)?{_special_use_domains()}\.?$).*$"
Email = Annotated[
    EmailStr,
    AfterValidator(str.lower),
    Field(
        description="Case-insensitive, stored lowercased; no special-use domain such as .test",
        json_schema_extra={"pattern": EMAIL_PATTERN},
    ),
]
# Passwords are taken exactly as typed: no trimming.
Password = Annotated[
    str,
    StringConstraints(
        strip_whitespace=False, min_length=PASSWORD_MIN_LENGTH, max_length=PASSWORD_MAX_LENGTH
    ),
    AfterValidator(storable_text),
    Field(
        description=f"{PASSWORD_MIN_LENGTH}..{PASSWORD_MAX_LENGTH} characters",
        json_schema_extra={"pattern": TEXT_PATTERN},
    ),
]
DisplayName = Annotated[Name, Field(description="Shown instead of the username; 1..200")]


class UserCreate(WriteSchema):
    """A new account (``POST /auth/register``, ``fastfm users create``)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "email": "ada@example.com",
                    "username": "ada",
                    "password": "correct horse battery staple",
                    "display_name": "Ada Lovelace",
                }
            ]
        }
    )

    email: Email
    username: Username
    password: Password
    display_name: DisplayName | None = None


class UserUpdate(WriteSchema):
    """A partial update of the signed-in account; only the fields sent change."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"display_name": "Ada L."}, {"username": "ada_l"}]}
    )

    display_name: DisplayName | None = Field(default=None, description="null clears it")
    email: Email | SkipJsonSchema[None] = None
    username: Username | SkipJsonSchema[None] = None

    @field_validator("email", "username", mode="after")
    @classmethod
    def _not_null(cls, value: str | None) -> str:
        # Defaults are not validated, so this only runs for a value the client sent.
        if value is None:
            raise ValueError("may be omitted but not null")
        return value


class PasswordChange(WriteSchema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "current_password": "correct horse battery staple",
                    "new_password": "battery staple horse correct",
                }
            ]
        }
    )

    current_password: Annotated[
        str,
        StringConstraints(strip_whitespace=False, min_length=1, max_length=1024),
        AfterValidator(storable_text),
        Field(json_schema_extra={"pattern": TEXT_PATTERN}),
    ]
    new_password: Password


class MeRead(ReadSchema):
    """The signed-in account, as only its owner sees it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 42,
                    "email": "ada@example.com",
                    "username": "ada",
                    "display_name": "Ada Lovelace",
                    "is_admin": False,
                    "created_at": "2026-11-22T05:30:48Z",
                }
            ]
        }
    )

    id: int
    email: str
    username: str
    display_name: str | None
    is_admin: bool
    created_at: datetime


class UserRead(ReadSchema):
    """A public profile: no email, no flags."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 42,
                    "username": "ada",
                    "display_name": "Ada Lovelace",
                    "follower_count": 7,
                    "created_at": "2026-11-22T05:30:48Z",
                }
            ]
        }
    )

    id: int
    username: str
    display_name: str | None
    follower_count: int = Field(default=0, ge=0, description="Users who follow this user")
    created_at: datetime
