"""Integrations with other services."""
