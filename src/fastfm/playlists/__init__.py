"""Playlists: ordered, shareable lists of songs."""
