"""A large deterministic catalog, generated in batches of rows ready for bulk inserts.

The same ``songs`` and ``seed`` always give the same rows. Proportions follow a real
catalog: about one artist per 50 songs and one album per 10, a few artists with thousands
of songs and a long tail, some duets and featured artists, one to three genres per artist,
and about two production credits per song. Like, play and follower counts stay 0 because
no likes, plays or follows exist; album totals are the exact sums of their tracks, and every
song carries its album's release date.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from fastfm.catalog.seed.rows import NATIVE, TABLE_ORDER, Encoding, Row
from fastfm.catalog.seed.text import name_key, slugify
from fastfm.catalog.seed.vocabulary import (
    ADJECTIVES,
    BAND_NOUNS,
    BIOS,
    FIRST_NAMES,
    GENRES,
    INSTRUMENTS,
    LAST_NAMES,
    NOUNS,
    TITLE_TAILS,
)

_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
_FIRST_RELEASE = date(1962, 1, 1).toordinal()
_RELEASE_SPAN = date(2025, 12, 31).toordinal() - _FIRST_RELEASE
_BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass
class Batch:
    """Rows per table; inserting the tables in ``TABLE_ORDER`` satisfies every foreign key."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in TABLE_ORDER})
    songs: int = 0


def plan_sizes(songs: int) -> tuple[int, int]:
    """``(artists, genres)`` for a catalog of ``songs`` songs."""
    return max(2, -(-songs // 50)), len(GENRES)


def _registrant(artist_id: int) -> str:
    n = artist_id % 46656
    return _BASE36[n // 1296] + _BASE36[n // 36 % 36] + _BASE36[n % 36]


def _title(rng: random.Random) -> str:
    r = rng.random()
    noun = NOUNS[int(rng.random() * len(NOUNS))]
    if r < 0.25:
        return noun
    adjective = ADJECTIVES[int(rng.random() * len(ADJECTIVES))]
    if r < 0.65:
        return f"{adjective} {noun}"
    tail = TITLE_TAILS[int(rng.random() * len(TITLE_TAILS))]
    return f"{noun} {tail}" if r < 0.85 else f"{adjective} {noun} {tail}"


def _artist_name(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.5:
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    if r < 0.75:
        return f"The {rng.choice(ADJECTIVES)} {rng.choice(BAND_NOUNS)}"
    return f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"


class SyntheticCatalog:
    """Generates the rows of a catalog of ``songs`` songs from ``seed``."""

    def __init__(
        self, songs: int, seed: int = 0, encoding: Encoding = NATIVE, batch_songs: int = 50_000
    ) -> None:
        if songs < 1:
            raise ValueError("songs must be at least 1")
        self.songs = songs
        self.seed = seed
        self.encoding = encoding
        self.batch_songs = batch_songs
        self.artist_count, self.genre_count = plan_sizes(songs)

    def batches(self) -> Iterator[Batch]:
        """Every row of the catalog, about ``batch_songs`` songs per batch."""
        rng = random.Random(self.seed)  # noqa: S311 - reproducible test data, not secrets
        batch = Batch()
        artist_genres, producers = self._people(rng, batch)
        album_id = song_id = credit_id = 0
        while song_id < self.songs:
            album_id += 1
            song_id, credit_id = self._album(
                rng, batch, album_id, song_id, credit_id, artist_genres, producers
            )
            if batch.songs >= self.batch_songs:
                yield batch
                batch = Batch()
        if batch.songs:
            yield batch

    def _people(self, rng: random.Random, batch: Batch) -> tuple[list[tuple[int, ...]], list[int]]:
        """Genres and artists; returns each artist's genres and usual producer."""
        enc = self.encoding
        for genre_id, name in enumerate(GENRES, start=1):
            batch.rows["genre"].append((genre_id, name, name_key(name), slugify(name)))
        artist_genres: list[tuple[int, ...]] = [()]
        producers = [0]
        for artist_id in range(1, self.artist_count + 1):
            count = 1 + (rng.random() < 0.5) + (rng.random() < 0.2)
            genres = tuple(sorted(rng.sample(range(1, self.genre_count + 1), count)))
            artist_genres.append(genres)
            producers.append(rng.randrange(1, self.artist_count + 1))
            bio = rng.choice(BIOS).format(g=GENRES[genres[0] - 1]) if rng.random() < 0.7 else None
            image = (
                f"https://images.fastfm.example/a/{artist_id}.jpg" if rng.random() < 0.8 else None
            )
            created = enc.timestamp(_EPOCH + timedelta(seconds=artist_id))
            batch.rows["artist"].append(
                (artist_id, _artist_name(rng), bio, image, created, created)
            )
            batch.rows["artist_genre"].extend((artist_id, g) for g in genres)
        return artist_genres, producers

    def _album(
        self,
        rng: random.Random,
        batch: Batch,
        album_id: int,
        song_id: int,
        credit_id: int,
        artist_genres: list[tuple[int, ...]],
        producers: list[int],
    ) -> tuple[int, int]:
        """One album and its songs; returns the last song id and credit id used."""
        enc, artists, rand = self.encoding, self.artist_count, rng.random
        # Squaring skews towards low ids: a few artists with thousands of songs, a long tail.
        primary = int(artists * rand() ** 2) + 1
        kind = rand()
        if kind < 0.55:
            album_type, tracks = "album", 9 + int(rand() * 9)
        elif kind < 0.80:
            album_type, tracks = "single", 1 + int(rand() * 3)
        elif kind < 0.95:
            album_type, tracks = "ep", 4 + int(rand() * 3)
        else:
            album_type, tracks = "compilation", 14 + int(rand() * 9)
        tracks = min(tracks, self.songs - song_id)
        album_artists = [primary]
        if rand() < 0.03:
            partner = int(artists * rand()) + 1
            if partner != primary:
                album_artists.append(partner)
        genres = artist_genres[primary][: 1 + (rand() < 0.3)]
        released = date.fromordinal(_FIRST_RELEASE + int(_RELEASE_SPAN * rand() ** 0.5))
        release_value = enc.date(released)
        album_created = _EPOCH + timedelta(days=1, minutes=album_id)
        isrc_prefix = f"QZ{_registrant(primary)}{released.year % 100:02d}"
        discs = 2 if album_type == "compilation" and tracks > 12 else 1
        per_disc = -(-tracks // discs)

        rows = batch.rows
        songs, song_artists, song_genres, credits = (
            rows["song"],
            rows["song_artist"],
            rows["song_genre"],
            rows["credit"],
        )
        total_ms = 0
        for index in range(tracks):
            song_id += 1
            duration = 150_000 + int(rand() * 120_000) + int(rand() * 60_000)
            if rand() < 0.05:
                duration += 180_000 + int(rand() * 240_000)
            total_ms += duration
            created = enc.timestamp(album_created + timedelta(milliseconds=index))
            songs.append(
                (
                    song_id,
                    _title(rng),
                    duration,
                    enc.boolean(rand() < 0.08),
                    f"{isrc_prefix}{song_id % 100_000:05d}",
                    album_id,
                    1 + index // per_disc,
                    1 + index % per_disc,
                    release_value,
                    created,
                    created,
                )
            )
            performers = list(album_artists)
            r = rand()
            featured_count = 0 if r >= 0.12 else (1 if r >= 0.02 else 2)
            guests: list[int] = []
            for _ in range(featured_count):
                guest = int(artists * rand()) + 1
                if guest not in performers:
                    performers.append(guest)
                    guests.append(guest)
            song_artists.extend((song_id, pos, a) for pos, a in enumerate(performers))
            song_genres.extend((song_id, g) for g in genres)

            song_credits: list[tuple[int, str, str | None]] = []
            if rand() < 0.6:
                song_credits.append((primary, "composer", None))
            if rand() < 0.1:
                song_credits.append((int(artists * rand()) + 1, "lyricist", None))
            producer = producers[primary] if rand() < 0.8 else int(artists * rand()) + 1
            song_credits.append((producer, "producer", None))
            song_credits.extend((guest, "featured_artist", None) for guest in guests)
            if rand() < 0.2:
                instrument = INSTRUMENTS[int(rand() * len(INSTRUMENTS))]
                song_credits.append((int(artists * rand()) + 1, "performer", instrument))
            if rand() < 0.15:
                song_credits.append((int(artists * rand()) + 1, "mixing_engineer", None))
            if rand() < 0.05:
                song_credits.append((int(artists * rand()) + 1, "mastering_engineer", None))
            for position, (artist_id, role, detail) in enumerate(song_credits):
                credit_id += 1
                credits.append((credit_id, song_id, artist_id, role, detail, position))

        album_created_value = enc.timestamp(album_created)
        rows["album"].append(
            (
                album_id,
                _title(rng),
                album_type,
                release_value,
                tracks,
                total_ms,
                album_created_value,
                album_created_value,
            )
        )
        rows["album_artist"].extend((album_id, pos, a) for pos, a in enumerate(album_artists))
        rows["album_genre"].extend((album_id, g) for g in genres)
        batch.songs += tracks
        return song_id, credit_id
