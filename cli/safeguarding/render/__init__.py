"""Render: assemble a document's template context, render it to one self-contained HTML page, and
print that to a tagged PDF.

See docs/architecture.md."""
