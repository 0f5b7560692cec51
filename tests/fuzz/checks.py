"""FastFM's own checks, run by schemathesis beside its defaults (registered on import)."""

from __future__ import annotations

import httpx
import schemathesis

# A like lives as long as its song: liking or unliking a song that is gone is 404
# `song_not_found` (API.md), also when an admin deleted it right after it was liked.
LIKES = ("POST /api/v1/me/liked/{song_id}", "DELETE /api/v1/me/liked/{song_id}")
_LIKE_PATH = "/api/v1/me/liked/"
_SONG_PATH = "/api/v1/songs/"


@schemathesis.check
def like_not_found_only_for_a_song_that_is_gone(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """A 404 from liking or unliking a song says that song is gone, and it is: the body
    is `song_not_found` and the song answers 404 too.

    It stands in for `ensure_resource_availability` on these operations, which counts only
    deletes of the like's own path as removing it, not the delete of its song."""
    if case.operation.label not in LIKES or response.status_code != 404:
        return None
    if not isinstance((case.path_parameters or {}).get("song_id"), int):
        return None  # no song id at all (a negative case): no route, plain `not_found`
    code = response.json().get("code")
    if code != "song_not_found":
        raise AssertionError(f"{case.operation.label} answered 404 {code!r}, not song_not_found")
    song_url = str(response.request.url).replace(_LIKE_PATH, _SONG_PATH)
    song = httpx.get(song_url, timeout=30)
    if song.status_code != 404:
        raise AssertionError(f"a like answered 404 song_not_found, yet {song_url} is {song}")
    return True
