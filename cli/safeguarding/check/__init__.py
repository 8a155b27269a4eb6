"""Check: choose each document's edition, measure it against its rule set and run the consistency
checks (consistency/).

See docs/architecture.md."""
