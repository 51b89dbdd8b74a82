"""Helpers every test package shares: fixture paths, the Crossref stand-in, synthetic records."""
