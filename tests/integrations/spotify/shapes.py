"""Spotify's JSON shapes for tracks and playlist items, as the fake serves them."""

from __future__ import annotations

from typing import Any


def track(n: int, *, artist: int | None = None, album: int | None = None, **extra: Any) -> Any:
    """A full Spotify track object; ``n`` picks ids, ``artist``/``album`` share them."""
    artist_n = n if artist is None else artist
    album_n = n if album is None else album
    artists = [{"id": f"ar{artist_n:020d}", "name": f"Artist {artist_n}", "type": "artist"}]
    body: dict[str, Any] = {
        "id": f"tr{n:020d}",
        "name": f"Track {n}",
        "type": "track",
        "duration_ms": 180_000 + n % 1000,
        "explicit": n % 7 == 0,
        "is_local": False,
        "disc_number": 1,
        "track_number": n % 12 + 1,
        "external_ids": {"isrc": f"USRC1{n:07d}"},
        "artists": artists,
        "album": {
            "id": f"al{album_n:020d}",
            "name": f"Album {album_n}",
            "album_type": "album",
            "release_date": "2001-05",
            "release_date_precision": "month",
            "artists": artists,
        },
    }
    body.update(extra)
    return body


def item(body: Any, added_at: str = "2024-01-01T00:00:00Z", *, is_local: bool = False) -> Any:
    return {"added_at": added_at, "is_local": is_local, "track": body}
