"""Linking a Spotify account and importing its playlists and saved tracks."""
