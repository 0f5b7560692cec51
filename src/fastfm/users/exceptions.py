"""Errors the users domain raises; each renders as ``{"detail", "code"}``."""

from __future__ import annotations

from fastfm.errors import Conflict, Forbidden, NotFound


class EmailTaken(Conflict):
    code = "email_taken"
    detail = "An account with this email already exists"


class UsernameTaken(Conflict):
    code = "username_taken"
    detail = "This username is taken"


class UserNotFound(NotFound):
    code = "user_not_found"
    detail = "User not found"


class WrongPassword(Forbidden):
    code = "wrong_password"
    detail = "The current password is not correct"
