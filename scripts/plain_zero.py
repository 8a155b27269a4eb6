"""Give the shipped font a plain zero, keeping everything else as it is.

Atkinson Hyperlegible Next has only a slashed zero (no `zero` feature to turn off), and in
a report of figures "2Ø24" reads as a foreign letter. Its zero is drawn as an outer oval
with the counter split in two by the slash; this replaces the two halves with one oval
counter, the outer contour scaled to the counter's combined bounds. The tabular zero
(`zero.tf`) is a reference to it and follows. Run once per font update:

    .venv/bin/python scripts/plain_zero.py templates/fonts/AtkinsonHyperlegibleNext-*.ttf

A font already changed is left alone, so running it twice changes nothing.
"""

from __future__ import annotations

import sys

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import GlyphCoordinates


def plain_zero(path: str) -> bool:
    """True when the font was changed."""
    font = TTFont(path)
    glyf = font["glyf"]
    zero = glyf["zero"]
    if zero.isComposite() or zero.numberOfContours != 3:
        return False
    coords, ends, flags = zero.getCoordinates(glyf)
    outer = range(0, ends[0] + 1)
    halves = range(ends[0] + 1, ends[2] + 1)
    ox = [coords[i][0] for i in outer]
    oy = [coords[i][1] for i in outer]
    ix = [coords[i][0] for i in halves]
    iy = [coords[i][1] for i in halves]
    sx = (max(ix) - min(ix)) / (max(ox) - min(ox))
    sy = (max(iy) - min(iy)) / (max(oy) - min(oy))
    # A counter runs the other way round from the contour that holds it.
    counter = [(round(min(ix) + (coords[i][0] - min(ox)) * sx),
                round(min(iy) + (coords[i][1] - min(oy)) * sy)) for i in reversed(outer)]
    counter_flags = [flags[i] for i in reversed(outer)]
    zero.coordinates = GlyphCoordinates([coords[i] for i in outer] + counter)
    zero.flags = bytearray([flags[i] for i in outer] + counter_flags)
    zero.endPtsOfContours = [ends[0], 2 * ends[0] + 1]
    zero.numberOfContours = 2
    zero.program = type(zero.program)()  # the hints were for the old points
    zero.program.fromBytecode(b"")
    zero.recalcBounds(glyf)
    font.save(path)
    return True


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: {'plain zero' if plain_zero(name) else 'unchanged (already plain)'}")
