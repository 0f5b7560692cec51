"""Errors the library raises beyond the catalog's and the users' not-found errors."""

from __future__ import annotations

from fastfm.errors import UnprocessableEntity


class CannotFollowSelf(UnprocessableEntity):
    code = "cannot_follow_self"

    def __init__(self, user_id: int) -> None:
        super().__init__("user_id", "You cannot follow yourself", input_value=user_id)
