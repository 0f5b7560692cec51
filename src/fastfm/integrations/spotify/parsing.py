"""Spotify's JSON (paging objects, playlist items, tracks) into the catalog's import shapes."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fastfm.catalog.imports import ExternalAlbum, ExternalArtist, ExternalTrack
from fastfm.kit.ids import MAX_INT32, MAX_MILLISECONDS

_ISRC = re.compile(r"^[A-Z0-9]{12}$")


@dataclass(frozen=True)
class PlaylistInfo:
    spotify_id: str
    name: str
    description: str | None


@dataclass(frozen=True)
class Entry:
    """One playlist item or saved track: a track, or why it was skipped."""

    track: ExternalTrack | None
    added_at: datetime | None
    skipped: str | None = None


def playlist_info(raw: Any) -> PlaylistInfo | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        return None
    name = " ".join(str(raw.get("name") or "").split())[:200] or "Untitled playlist"
    description = html.unescape(str(raw.get("description") or "")).strip()[:2000] or None
    return PlaylistInfo(raw["id"], name, description)


def entry(raw: Any) -> Entry:
    """A playlist item (``item``, or ``track`` on the older endpoint) or a saved track."""
    if not isinstance(raw, dict):
        return Entry(None, None, "unavailable")
    added_at = _timestamp(raw.get("added_at"))
    track = raw.get("item", raw.get("track"))
    if raw.get("is_local") or (isinstance(track, dict) and track.get("is_local")):
        return Entry(None, added_at, "local")
    if not isinstance(track, dict):
        return Entry(None, added_at, "unavailable")
    if track.get("type", "track") != "track":
        return Entry(None, added_at, "not_a_track")
    parsed = _track(track)
    if parsed is None:
        return Entry(None, added_at, "invalid")
    return Entry(parsed, added_at)


def _track(raw: dict[str, Any]) -> ExternalTrack | None:
    spotify_id = raw.get("id")
    duration = raw.get("duration_ms")
    artists = _artists(raw.get("artists"))
    if not isinstance(spotify_id, str) or not isinstance(duration, int) or duration <= 0:
        return None
    if not artists:
        return None
    isrc = str((raw.get("external_ids") or {}).get("isrc") or "").replace("-", "").upper()
    return ExternalTrack(
        spotify_id=spotify_id[:64],
        title=" ".join(str(raw.get("name") or "").split()),
        duration_ms=min(duration, MAX_MILLISECONDS),
        explicit=bool(raw.get("explicit")),
        isrc=isrc if _ISRC.match(isrc) else None,
        disc_number=_small_int(raw.get("disc_number")) or 1,
        track_number=_small_int(raw.get("track_number")),
        artists=artists,
        album=_album(raw.get("album")),
    )


def _artists(raw: Any) -> tuple[ExternalArtist, ...]:
    if not isinstance(raw, list):
        return ()
    seen: dict[str, ExternalArtist] = {}
    for item in raw:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            name = " ".join(str(item.get("name") or "").split())
            seen.setdefault(item["id"], ExternalArtist(item["id"][:64], name))
    return tuple(seen.values())


def _album(raw: Any) -> ExternalAlbum | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        return None
    artists = _artists(raw.get("artists"))
    if not artists:
        return None
    return ExternalAlbum(
        spotify_id=raw["id"][:64],
        title=" ".join(str(raw.get("name") or "").split()),
        album_type=str(raw.get("album_type") or "album").lower(),
        release_date=_release_date(raw.get("release_date")),
        artists=artists,
    )


def _release_date(raw: Any) -> date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (Spotify's precisions) as a date."""
    if not isinstance(raw, str):
        return None
    parts = raw.split("-")
    try:
        numbers = [int(p) for p in parts[:3]]
        while len(numbers) < 3:
            numbers.append(1)
        return date(numbers[0], numbers[1], numbers[2])
    except ValueError:
        return None


def _timestamp(raw: Any) -> datetime | None:
    if not isinstance(raw, str):
        return None
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _small_int(raw: Any) -> int | None:
    return raw if isinstance(raw, int) and 0 < raw <= MAX_INT32 else None
