"""Publish: build-report's flow per document (prepare, pipeline), its incremental build records and
the gate and atomic writes that publish the files.

See docs/architecture.md."""
