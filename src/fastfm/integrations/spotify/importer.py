"""The Spotify import job: playlists (one transaction each) and saved tracks as likes.

Idempotent, so a job run again after a crash or a retry completes the same import:
songs, artists and albums are upserted by Spotify id, playlists are found again by
their Spotify id, likes are inserted unless present. Spotify is read before each write
transaction begins, so no transaction waits on the network.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastfm.catalog.songs import service as song_service
from fastfm.integrations.spotify import fetching, linking
from fastfm.integrations.spotify.client import (
    SpotifyAuthError,
    SpotifyClient,
    SpotifyError,
    SpotifyUnavailableError,
)
from fastfm.integrations.spotify.parsing import Entry
from fastfm.integrations.spotify.service import IMPORT_KIND
from fastfm.integrations.spotify.tokens import LinkUnusable, SpotifyAccess, require_link
from fastfm.jobs.exceptions import JobFailed, JobRetryable
from fastfm.jobs.execution import JobContext
from fastfm.library.likes import service as like_service
from fastfm.playlists import service as playlist_service

__all__ = ["IMPORT_KIND", "run_import"]

LIKES_CHUNK = 500


class Report:
    """The match report a finished import leaves in its job's ``result``."""

    def __init__(self) -> None:
        self.rules: dict[str, str] = {}  # by Spotify track id: how it was first found
        self.skipped: Counter[str] = Counter()
        self.playlists: dict[str, int] = {}
        self.created_playlists = 0
        self.missing_playlists: list[str] = []
        self.likes_seen = 0
        self.likes_added = 0

    def count(self, entries: list[Entry], rules: dict[str, str], prefix: str = "") -> None:
        """Skipped entries each; tracks once per import, by the rule that first found them."""
        for item in entries:
            if item.track is None:
                self.skipped[prefix + (item.skipped or "unavailable")] += 1
            else:
                self.rules.setdefault(item.track.spotify_id, rules[item.track.spotify_id])

    def as_result(self) -> dict[str, Any]:
        found = Counter(self.rules.values())
        return {
            "playlists": {
                "imported": len(self.playlists),
                "created": self.created_playlists,
                "updated": len(self.playlists) - self.created_playlists,
                "not_found": self.missing_playlists,
                "ids": self.playlists,
            },
            "tracks": {
                "distinct": len(self.rules),
                "matched": {rule: found[rule] for rule in ("spotify_id", "isrc", "metadata")},
                "created": found["created"],
                "skipped": dict(sorted(self.skipped.items())),
                "skipped_total": sum(self.skipped.values()),
            },
            "likes": {"saved_tracks": self.likes_seen, "added": self.likes_added},
        }


def client_for(context: JobContext) -> SpotifyClient:
    """The process's Spotify client (one per runner: its 429 pause covers every job)."""
    client = context.resources.get("spotify_client")
    if not isinstance(client, SpotifyClient):
        client = SpotifyClient(context.settings)
        context.resources["spotify_client"] = client
    return client


async def run_import(context: JobContext) -> dict[str, Any]:
    """Import the owner's Spotify music; raise JobFailed / JobRetryable with a clear reason."""
    if context.owner_id is None or not context.settings.spotify_configured:
        raise JobFailed("Spotify import is not configured on this server")
    access = SpotifyAccess(
        context.database,
        client_for(context),
        linking.cipher_for(context.settings),
        context.owner_id,
    )
    try:
        return await _import(context, access)
    except LinkUnusable as exc:
        raise JobFailed(str(exc)) from exc
    except SpotifyUnavailableError as exc:
        raise JobRetryable(str(exc)) from exc
    except SpotifyAuthError as exc:
        raise JobFailed(f"Spotify refused this server's credentials ({exc.error})") from exc
    except SpotifyError as exc:
        raise JobFailed(str(exc)) from exc


async def _import(context: JobContext, access: SpotifyAccess) -> dict[str, Any]:
    owner_id = context.owner_id
    assert owner_id is not None  # noqa: S101 - checked by run_import
    include_liked = bool(context.payload.get("include_liked", True))
    asked = context.payload.get("playlist_ids")
    report = Report()
    playlists, report.missing_playlists = await fetching.playlists(access, asked)
    total = len(playlists) + (1 if include_liked else 0)
    await context.progress(0, total)
    for done, info in enumerate(playlists, start=1):
        entries = await fetching.playlist_entries(access, info.spotify_id)
        tracks = [item.track for item in entries if item.track is not None]
        async with context.database.sessionmaker() as session, session.begin():
            await require_link(session, owner_id)
            matches = await song_service.import_tracks(session, tracks)
            kept = [item for item in entries if item.track is not None]
            playlist_id, created = await playlist_service.import_playlist(
                session,
                owner_id,
                info.spotify_id,
                info.name,
                info.description,
                [matches.song_ids[item.track.spotify_id] for item in kept if item.track],
                [item.added_at for item in kept],
            )
        report.playlists[info.spotify_id] = playlist_id
        report.created_playlists += int(created)
        report.count(entries, matches.rules)
        await context.progress(done, total)
    if include_liked:
        await _import_likes(context, access, owner_id, report)
        await context.progress(total, total)
    return report.as_result()


async def _import_likes(
    context: JobContext, access: SpotifyAccess, owner_id: int, report: Report
) -> None:
    saved = await fetching.saved_tracks(access)
    # Spotify lists newest first; liked_at is the saved date, so the order carries over.
    for start in range(0, len(saved), LIKES_CHUNK):
        chunk = saved[start : start + LIKES_CHUNK]
        tracks = [item.track for item in chunk if item.track is not None]
        async with context.database.sessionmaker() as session, session.begin():
            await require_link(session, owner_id)
            matches = await song_service.import_tracks(session, tracks)
            liked = [
                (matches.song_ids[item.track.spotify_id], item.added_at)
                for item in chunk
                if item.track is not None and item.added_at is not None
            ]
            report.likes_added += await like_service.import_likes(session, owner_id, liked)
        report.likes_seen += len(tracks)
        report.count(chunk, matches.rules, prefix="saved_")
