"""What every resolver of one request sees: the caller and the request's loaders."""

from __future__ import annotations

from dataclasses import dataclass

from fastfm.graphql.loaders import Loaders
from fastfm.users.models import User


@dataclass
class Context:
    user: User | None
    loaders: Loaders
