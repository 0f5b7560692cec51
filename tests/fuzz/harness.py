"""Runs schemathesis over every operation of a live server and counts what it finds.

All phases run (examples, coverage, fuzzing, stateful sequences along the OpenAPI links
of ``fastfm.openapi``) with every default check. Each request goes out with a real
bearer token: the admin's for the catalog's writes (whose resources every caller reads),
the plain user's for everything else, so a sequence that creates a playlist goes on as
its owner. Requests that end the caller's own account or sessions get a fresh account of
their own, so the shared tokens keep working for the rest of the run.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx
import schemathesis
from schemathesis.engine import events, from_schema

from tests.fuzz.checks import LIKES

# Examples per operation and phase, and steps per stateful sequence: about a minute per
# profile on a 2-core machine.
MAX_EXAMPLES = 12
MAX_STEPS = 12
SEED = 20261202
REQUEST_TIMEOUT = 30
PASSWORD = "fuzzing passphrase 0123"

# Requests that sign their caller out or delete them run as a throwaway account.
ENDS_THE_CALLER = frozenset(
    {
        "DELETE /api/v1/me",
        "POST /api/v1/auth/logout",
        "POST /api/v1/auth/logout-all",
        "PUT /api/v1/me/password",
    }
)

# A 422 that no schema can foresee: the body names a row that does not exist (an unknown
# artist, genre, album or song id), a playlist position past its end, the caller
# themself as someone to follow or collaborate with, or a listen in the future. API.md
# makes each of these a 422; everything else a schema-valid request sends is accepted.
BUSINESS_RULE_422 = (
    "POST /api/v1/artists",
    "PATCH /api/v1/artists/{artist_id}",
    "POST /api/v1/albums",
    "PATCH /api/v1/albums/{album_id}",
    "POST /api/v1/songs",
    "PATCH /api/v1/songs/{song_id}",
    "POST /api/v1/playlists/{playlist_id}/tracks",
    "PUT /api/v1/playlists/{playlist_id}/tracks",
    "PATCH /api/v1/playlists/{playlist_id}/tracks",
    "DELETE /api/v1/playlists/{playlist_id}/tracks",
    "PUT /api/v1/playlists/{playlist_id}/collaborators/{user_id}",
    "PUT /api/v1/me/following/users/{user_id}",
    "POST /api/v1/me/plays",
)
# A 400 no schema can foresee: Spotify's callback with a `state` this server never issued,
# or one already used or expired (API.md makes it a 400).
BUSINESS_RULE_400 = ("GET /api/v1/auth/spotify/callback",)
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]
# `next` starts a session when there is none (API.md), so after `DELETE .../shuffle` it
# answers a track, not the 404 of a deleted resource.
STARTS_WHAT_WAS_DELETED = (
    "GET /api/v1/playlists/{playlist_id}/shuffle/next",
    "GET /api/v1/me/liked/shuffle/next",
    # `DELETE .../tracks` removes entries from the playlist (API.md), not the list: it is
    # still there, shorter (a deleted playlist's 404 is tested in tests/playlists).
    "GET /api/v1/playlists/{playlist_id}/tracks",
)
# A shuffle session exists once started (`POST .../shuffle`): a new playlist has none, so
# reading it is 404 `shuffle_session_not_found` (API.md), not a created resource missing.
STARTED_SEPARATELY = ("GET /api/v1/playlists/{playlist_id}/shuffle",)


@dataclass
class Figures:
    """What one run found."""

    profile: str
    operations: int = 0
    examples: int = 0
    seconds: float = 0.0
    failures: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    slowest: tuple[float, str] = (0.0, "")
    errors: list[str] = field(default_factory=list)
    samples: list[str] = field(default_factory=list)

    def line(self) -> str:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.failures.items())) or "none"
        return (
            f"{self.profile}: {self.operations} operations, {self.examples} examples in "
            f"{self.seconds:.0f} s; failures: {kinds}; errors: {len(self.errors)}; "
            f"responses: {dict(sorted(self.statuses.items()))}; "
            f"slowest: {self.slowest[0]:.1f} s ({self.slowest[1]})"
        )


@dataclass
class Account:
    id: int
    username: str
    access_token: str


def sign_up(base_url: str, username: str) -> Account:
    """Register ``username`` on the server and log in."""
    with httpx.Client(base_url=base_url, timeout=30) as http:
        registered = http.post(
            "/api/v1/auth/register",
            json={"email": f"{username}@example.com", "username": username, "password": PASSWORD},
        )
        registered.raise_for_status()
        tokens = http.post("/api/v1/auth/login", data={"username": username, "password": PASSWORD})
        tokens.raise_for_status()
    return Account(registered.json()["id"], username, tokens.json()["access_token"])


CATALOG = ("/api/v1/artists", "/api/v1/albums", "/api/v1/songs", "/api/v1/genres")


class Tokens:
    """The schemathesis auth provider: a token per case (see the module docstring)."""

    base_url: str = ""
    admin: Account | None = None
    user: Account | None = None

    def get(self, case: Any, ctx: Any) -> str:
        operation = case.operation
        if operation.label in ENDS_THE_CALLER:
            return sign_up(self.base_url, f"gone_{uuid.uuid4().hex[:12]}").access_token
        writes_catalog = operation.method.upper() != "GET" and operation.path.startswith(CATALOG)
        caller = self.admin if writes_catalog else self.user
        assert caller is not None
        return caller.access_token

    def set(self, case: Any, data: str, ctx: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


def config() -> Any:
    return schemathesis.Config.from_dict(
        {
            "seed": SEED,
            # Generous: two cores shared with the rest of the suite.
            "request-timeout": REQUEST_TIMEOUT,
            "generation": {"max-examples": MAX_EXAMPLES},
            # Values seen in responses are not reused as valid input: a 422 echoes the input
            # it refused (a NUL in `q`, say), which would come back marked as valid.
            "phases": {
                "stateful": {"max-steps": MAX_STEPS},
                **{
                    phase: {"extra-data-sources": {"responses": False}}
                    for phase in ("examples", "coverage", "fuzzing")
                },
            },
            "operations": [
                {
                    "include-name": list(BUSINESS_RULE_422),
                    "checks": {
                        "positive_data_acceptance": {"expected-statuses": [*ACCEPTED, "422"]}
                    },
                },
                {
                    "include-name": list(BUSINESS_RULE_400),
                    "checks": {
                        "positive_data_acceptance": {"expected-statuses": [*ACCEPTED, "400"]}
                    },
                },
                {
                    "include-name": list(STARTS_WHAT_WAS_DELETED),
                    "checks": {"use_after_free": {"enabled": False}},
                },
                # A like lives as long as its song: after an admin's `DELETE /songs/{id}`
                # (which removes its likes) liking or unliking it is 404 `song_not_found`
                # (API.md). That check counts only deletes of the like's own path, so our
                # check in tests/fuzz/checks.py judges these 404s instead.
                {
                    "include-name": list(LIKES),
                    "checks": {"ensure_resource_availability": {"enabled": False}},
                },
                {
                    "include-name": list(STARTED_SEPARATELY),
                    "checks": {"ensure_resource_availability": {"enabled": False}},
                },
            ],
        }
    )


def run(profile: str, base_url: str, admin: Account, user: Account) -> Figures:
    """Fuzz the server at ``base_url`` as ``admin`` and ``user``; the figures of the run."""
    figures = Figures(profile)
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json", config=config())
    Tokens.base_url, Tokens.admin, Tokens.user = base_url, admin, user
    schema.auth(refresh_interval=None)(Tokens)
    figures.operations = sum(1 for result in schema.get_all_operations() if result.ok())
    started = time.monotonic()
    seen: set[tuple[str, str, str]] = set()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            _record(figures, event, seen)
        elif isinstance(event, events.NonFatalError | events.FatalError):
            figures.errors.append(_describe_error(event))
    figures.seconds = time.monotonic() - started
    return figures


def _record(figures: Figures, event: events.ScenarioFinished, seen: set[Any]) -> None:
    figures.examples += len(event.recorder.cases)
    for interaction in event.recorder.interactions.values():
        if interaction.response is not None:
            figures.statuses[interaction.response.status_code] += 1
            elapsed = interaction.response.elapsed
            if elapsed > figures.slowest[0]:
                label = f"{interaction.request.method} {interaction.request.uri}"
                figures.slowest = (elapsed, label[:160])
    for checks in event.recorder.checks.values():
        for check in checks:
            if check.failure_info is None:
                continue
            figures.failures[check.name] += 1
            failure = check.failure_info.failure
            key = (check.name, event.recorder.label, getattr(failure, "title", ""))
            if key not in seen and len(figures.samples) < 40:
                seen.add(key)
                figures.samples.append(
                    f"{check.name} on {event.recorder.label} ({event.phase}): "
                    f"{getattr(failure, 'title', '')} {getattr(failure, 'message', '')}\n"
                    f"    {check.failure_info.code_sample}"
                )


def _describe_error(event: events.NonFatalError | events.FatalError) -> str:
    if isinstance(event, events.NonFatalError):
        return f"{event.label}: {event.value!r}"
    return repr(event.exception)
