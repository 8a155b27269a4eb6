"""The commands beyond validate, check and build-report: list, new, new-report, preview, schema,
rules.

See docs/architecture.md."""
