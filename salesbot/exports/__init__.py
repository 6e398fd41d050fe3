"""Exports of calls: the rows (CSV and JSON Lines), the service that streams them, and the one-call report."""
