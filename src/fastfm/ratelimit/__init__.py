"""API-wide rate limits: budgets per user and per client address for reads, writes,
search and auth (``limits``, shared through Redis when configured)."""
