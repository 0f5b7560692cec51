"""Serve the fake Spotify on its own, with a small library, for the browser tests.

    .venv/bin/python -m tests.integrations.spotify.serve --port 5999

The account has two playlists (one holding a local file, which an import cannot match)
and three saved tracks. Each saved-tracks page answers after ``--delay`` seconds, so an
import runs long enough for a browser to see its progress.
"""

from __future__ import annotations

import argparse

import uvicorn

from tests.integrations.spotify.fake import FakeSpotify, item, track


def library(fake: FakeSpotify) -> None:
    """Two playlists of four tracks each (one entry a local file) and three saved tracks."""
    fake.add_playlist("pl0000000000000000001", "Road Trip", [item(track(n)) for n in (1, 2, 3, 4)])
    local = item(track(9, is_local=True), is_local=True)
    fake.add_playlist(
        "pl0000000000000000002",
        "Quiet Hours",
        [item(track(5)), item(track(6)), item(track(7)), local],
    )
    fake.saved = [item(track(n)) for n in (2, 5, 8)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--delay", type=float, default=1.0, help="seconds per saved-tracks page")
    args = parser.parse_args()
    fake = FakeSpotify()
    fake.base_url = f"http://127.0.0.1:{args.port}"
    library(fake)
    fake.fail("/v1/me/tracks", None, times=1_000_000, delay=args.delay)
    uvicorn.run(fake, host="127.0.0.1", port=args.port, log_level="warning", lifespan="off")


if __name__ == "__main__":
    main()
