"""Listening parties: a host plays a playlist, members hear the same thing in sync."""
