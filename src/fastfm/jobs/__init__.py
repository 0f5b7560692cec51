"""Durable background jobs: the ``job`` table, the queue (pgqueuer) and the runner."""
