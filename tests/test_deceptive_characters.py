"""Bidirectional controls and other invisible format characters are findings: errors in keys
and codes (ids, dates, file names), warnings in text, each at the character itself."""

from __future__ import annotations

import pytest

from safeguarding.findings import Finding, Severity
from safeguarding.load.yaml_messages import DECEPTIVE
from safeguarding.load.yamlfile import SourceFile, load_yaml_text

BIDI = ["\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067", "\u2068",
        "\u2069", "\u200e", "\u200f", "\u061c"]
OTHERS = ["\u2062", "\u206a", "\ufff9", "\U000e0041", "\u180e", "\u3164"]


def _load(text: str) -> SourceFile | Finding:
    return load_yaml_text(text, "doc.yaml")


@pytest.mark.parametrize("char", BIDI + OTHERS)
def test_one_in_text_is_a_warning_at_the_character(char: str) -> None:
    loaded = _load(f"title: Casetown{char} report\nbody: |\n  First line.\n  Sec{char}ond.\n")
    assert isinstance(loaded, SourceFile)
    found = [(f.severity, f.line, f.column, f.rule) for f in loaded.findings]
    assert found == [(Severity.WARNING, 1, 16, "yaml.invisible_character"),
                     (Severity.WARNING, 4, 6, "yaml.invisible_character")]
    assert all(char not in f.message + f.hint for f in loaded.findings)
    assert f"U+{ord(char):04X}" in loaded.findings[0].message


@pytest.mark.parametrize("char", BIDI + OTHERS)
@pytest.mark.parametrize(("template", "where"), [
    ("sections:\n  - id: intro{c}\n", (2, 9)),
    ('sections:\n  - id: "intro{c}"\n', (2, 9)),
    ("published: '2024-09-01{c}'\n", (1, 12)),
    ("figure: {{src: assets/a{c}.png}}\n", (1, 15)),
    ("covers: [partners, ag{c}encies]\n", (1, 20)),
    ("ti{c}tle: x\n", (1, 3)),
    ('"ti{c}tle": x\n', (1, 1)),
])
def test_one_in_a_key_or_a_code_is_an_error(char: str, template: str,
                                            where: tuple[int, int]) -> None:
    finding = _load(template.format(c=char))
    assert isinstance(finding, Finding), finding
    assert finding.severity is Severity.ERROR and (finding.line, finding.column) == where
    assert f"U+{ord(char):04X}" in finding.message and char not in finding.message


def test_every_deceptive_character_is_named() -> None:
    assert set(BIDI) <= set(DECEPTIVE) and set(OTHERS) <= set(DECEPTIVE)
    for char in DECEPTIVE:
        loaded = _load(f"title: a{char}b\n")
        assert isinstance(loaded, SourceFile) and loaded.findings, f"U+{ord(char):04X}"
