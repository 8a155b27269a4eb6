"""A partnership's logo and colours, checked: a colour that fails 4.5:1 on white is replaced."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..findings import Finding, warning
from ..load.yamlfile import SourceFile
from ..rules import known

RULE_CONTRAST = known("branding.contrast")
DEFAULT_PRIMARY = "#1d4f91"  # 8.4:1 on white
DEFAULT_ACCENT = "#8a4b00"  # 6.6:1 on white
MIN_CONTRAST = 4.5  # WCAG 2.2 1.4.3, normal text: both colours are used for text and rules


@dataclass(frozen=True)
class Branding:
    primary: str
    accent: str
    logo: str | None  # path inside the partnership folder, e.g. assets/logo.svg
    logo_alt: str

    @property
    def tint(self) -> str:
        return tint(self.primary, 0.9)


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of #rrggbb."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def tint(hex_colour: str, white: float) -> str:
    """The colour mixed with white (0 → the colour, 1 → white), for backgrounds behind ink."""
    channels = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * white):02x}" for c in channels)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def resolve_branding(source: SourceFile | None) -> tuple[Branding, list[Finding]]:
    """The branding to print with, and a warning for each colour that had to be replaced."""
    data: dict[str, Any] = (source.data or {}).get("branding") or {} if source else {}
    name = (source.data or {}).get("name", "") if source else ""
    findings: list[Finding] = []
    colours = {}
    for key, default in (("primary_colour", DEFAULT_PRIMARY), ("accent_colour", DEFAULT_ACCENT)):
        colours[key] = _checked(data.get(key), default, key, source, findings)
    branding = Branding(colours["primary_colour"], colours["accent_colour"],
                        data.get("logo"), data.get("logo_alt") or name)
    return branding, findings


def _checked(colour: str | None, default: str, key: str, source: SourceFile | None,
             findings: list[Finding]) -> str:
    if not colour:
        return default
    ratio = contrast_ratio(colour, "#ffffff")
    if ratio >= MIN_CONTRAST or source is None:
        return colour if ratio >= MIN_CONTRAST else default
    findings.append(warning(
        RULE_CONTRAST,
        f"{key} {colour} has a contrast of {ratio:.2f}:1 against white, below "
        f"{MIN_CONTRAST}:1; documents use the default {default} instead",
        source.locate(("branding", key)),
        "choose a darker shade of the colour (check it with a contrast checker)"))
    return default
