"""Catalog seed data: a hand-made demo catalog and a large deterministic synthetic one."""
