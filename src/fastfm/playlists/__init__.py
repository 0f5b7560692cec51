"""Playlists: ordered, shareable lists of songs."""

# Registers the song-delete hook wherever playlists exist (the API, the CLI, jobs).
from fastfm.playlists import cleanup as cleanup
