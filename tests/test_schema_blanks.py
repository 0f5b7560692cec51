"""Where a documented pattern speaks of blanks, the route agrees with it character by
character: a value the OpenAPI pattern accepts (read with Python's ``re``, as the fuzzer
reads it) is accepted, and one it refuses is 422.

``\\s`` means other characters to Python's ``re``, to JSON Schema's ECMA dialect and to
pydantic (which trims and checks the values), so the patterns spell their blanks out.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select

from fastfm.playlists.models import Playlist
from tests.conftest import Profile
from tests.factories.users import register_and_login

API = "/api/v1"
# Every character any of the three calls blank, and a few that none does.
CANDIDATES = sorted(
    {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    | {"\ufeff", "\u180e", "\u200b", "\x1c", "\x1f", "a", "-", "_"}
)


def _search_parameter(spec: dict[str, Any], name: str) -> dict[str, Any]:
    operation = spec["paths"][f"{API}/search"]["get"]
    schema: dict[str, Any] = next(p for p in operation["parameters"] if p["name"] == name)["schema"]
    return schema["anyOf"][0] if "anyOf" in schema else schema


@pytest.mark.parametrize("character", CANDIDATES, ids=lambda c: f"U+{ord(c):04X}")
async def test_search_q_and_type_follow_their_patterns(
    client: AsyncClient, spec: dict[str, Any], character: str
) -> None:
    q_pattern = _search_parameter(spec, "q")["pattern"]
    type_pattern = _search_parameter(spec, "type")["pattern"]
    blank_q = await client.get(f"{API}/search", params={"q": character})
    expected = 200 if re.search(q_pattern, character) else 422
    assert blank_q.status_code == expected, blank_q.text
    padded = f"{character}song,artist{character}"
    typed = await client.get(f"{API}/search", params={"q": "harbour", "type": padded})
    expected = 200 if re.search(type_pattern, padded) else 422
    assert typed.status_code == expected, typed.text
    if expected == 200:
        assert set(typed.json()) == {"songs", "artists"}


async def test_names_follow_their_pattern(
    client: AsyncClient, profile: Profile, spec: dict[str, Any]
) -> None:
    user = await register_and_login(client, "namer")
    pattern = spec["components"]["schemas"]["PlaylistCreate"]["properties"]["name"]["pattern"]
    created = 0
    for character in CANDIDATES:
        name = f"{character}{character}"
        response = await client.post(f"{API}/playlists", json={"name": name}, headers=user.headers)
        if re.search(pattern, name):
            assert response.status_code == 201, (f"U+{ord(character):04X}", response.text)
            created += 1
        else:
            assert response.status_code == 422, (f"U+{ord(character):04X}", response.text)
    async with profile.session() as session:
        stored = await session.scalars(select(Playlist.name).where(Playlist.owner_id == user.id))
        assert len(stored.all()) == created
