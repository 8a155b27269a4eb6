"""Load: read the partnership folders and their YAML safely, keeping where every value came
from, and validate them against the schemas and across files.

See docs/architecture.md."""
