"""safeguarding: check and publish safeguarding children partnerships' documents as data."""

__version__ = "0.1.0"
