"""The opening of a yearly report of tests/fixtures/check/casetown, for tests that write one."""

from __future__ import annotations

from pathlib import Path

CASETOWN = Path(__file__).parent / "fixtures" / "check" / "casetown"


def report_head(published: str = "2024-09-01", start: str = "2023-04-01",
                end: str = "2024-03-31") -> str:
    """Title, status, edition and dates of a draft report, as YAML lines; sections follow."""
    return ("title: Casetown yearly report 2023 to 2024\nstatus: draft\nedition: wt2023\n"
            f'published: "{published}"\nreporting_period: {{start: "{start}", end: "{end}"}}\n')
