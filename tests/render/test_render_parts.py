"""The parts: charts, branding colours, number formats, the glossary."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from safeguarding.check.budget_lines import line_value
from safeguarding.load.block_types import charts_for
from safeguarding.load.yamlfile import load_yaml_text
from safeguarding.render.assemble import build_glossary
from safeguarding.render.block_charts import ChartSettings, compared_with_areas
from safeguarding.render.branding import DEFAULT_PRIMARY, contrast_ratio, resolve_branding
from safeguarding.render.charts import CHAR_WIDTH, WIDTH
from safeguarding.render.formatting import (
    fact_value,
    has_pence,
    money,
    number,
    period,
    source_and_date,
)

SVG = "{http://www.w3.org/2000/svg}"
SETTINGS = ChartSettings("#1d4f91", "Riverside", "2023-24", "2022-23",
                         {"cp": {"id": "cp", "label": "CP plans", "value": 290}})
FACTS = {"type": "key-facts", "facts": [
    {"id": "cp", "label": "CP plans", "value": 310, "one_in": 200,
     "comparators": [{"area": "england", "one_in": 240}, {"area": "region", "value": 3}]},
    {"id": "x", "label": "Referrals", "value": 3620},
]}


def test_a_chart_is_an_accessible_image_with_its_data_in_words() -> None:
    (previous,) = charts_for(FACTS, "kf", SETTINGS)
    root = ET.fromstring(str(previous.svg))
    assert root.get("role") == "img"
    assert root[0].tag == f"{SVG}title" and root[1].tag == f"{SVG}desc"
    assert root.get("aria-labelledby") == f"{root[0].get('id')} {root[1].get('id')}"
    assert "2022-23: 290; 2023-24: 310" in root[0].text
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "290" in texts and "310" in texts


def test_other_areas_are_one_table_with_a_column_each_and_not_a_chart_too() -> None:
    # The at-a-glance page shows each figure once: cards, then one comparison table.
    facts = {"type": "key-facts", "facts": [
        {"id": "cp", "label": "CP plans", "value": 310, "one_in": 200, "comparators": [
            {"area": "england", "one_in": 240}, {"area": "statistical-neighbours", "one_in": 220}]},
        {"id": "x", "label": "Referrals", "value": 3620},
        {"id": "la", "label": "Looked after", "value": 64, "comparators": [
            {"area": "region", "label": "West Midlands", "value": 70},
            {"area": "england", "value": 67}]}]}
    areas, rows = compared_with_areas(facts)
    assert areas == ("England", "Statistical neighbours", "West Midlands")
    assert [(fact["id"], [c and (c.get("one_in") or c.get("value")) for c in comps])
            for fact, comps in rows] == [("cp", [240, 220, None]), ("la", [67, None, 70])]
    assert not [c for c in charts_for(facts, "kf", SETTINGS) if c.id.endswith("_compared")]


def test_chart_ids_cannot_clash_with_an_id_from_the_data() -> None:
    # Data ids are lower-case words and hyphens: "kf-compared" could be a section's id.
    training = {"type": "training", "events": [{"title": "A", "attended": 5},
                                               {"title": "B", "attended": 7}]}
    lines = [{"label": "A", "amount": 1}, {"label": "B", "amount": 2}]
    budget = {"type": "budget", "income": lines, "expenditure": lines}
    charts = tuple(c for b in (FACTS, training, budget) for c in charts_for(b, "kf", SETTINGS))
    ids = [c.id for c in charts] + [i for c in charts for i in re.findall(r' id="([^"]+)"', c.svg)]
    assert len(ids) == 12 and all("_" in i for i in ids), ids


def test_charts_are_the_same_bytes_every_time() -> None:
    block = {"type": "training", "events": [{"title": "A", "attended": 5},
                                            {"title": "B & C", "attended": 0}]}
    first, second = charts_for(block, "t", SETTINGS), charts_for(block, "t", SETTINGS)
    assert first == second and "B &amp; C" in first[0].svg


def test_budget_lines_use_amount_total_or_funds() -> None:
    assert line_value({"label": "x", "amount": 5}) == 5
    assert line_value({"label": "x", "total": 7, "amounts": {"a": 1}}) == 7
    assert line_value({"label": "x", "amounts": {"a": 1, "b": None, "c": 2}}) == 3
    assert line_value({"label": "x"}) is None


def test_the_chart_draws_the_figure_the_budget_check_adds() -> None:
    # The case where the chart (amount first) and the check (total first) used to differ.
    case = Path(__file__).parent.parent / "cases" / "figures.budget_totals" / "fail" / \
        "one-fund-line-total-disagrees.yaml"
    [block] = yaml.safe_load(case.read_text(encoding="utf-8"))["sections"][0]["blocks"]
    [income, _] = charts_for(block, "b", SETTINGS)
    assert "Council" in income.alt and "£100" in income.alt and "£120" not in income.alt
    assert sum(line_value(line) or 0 for line in block["income"]) == \
        block["totals"]["income"]["total"]


def _partnership(colour: str):
    return load_yaml_text(f'name: P\narea: {{name: A}}\nbranding:\n  primary_colour: "{colour}"\n',
                          "p.yaml")


@pytest.mark.parametrize(("colour", "kept"), [("#0b3d2e", True), ("#767676", True),
                                               ("#ffcc00", False), ("#777777", False)])
def test_a_colour_that_fails_contrast_falls_back_with_a_warning(colour: str, kept: bool) -> None:
    branding, findings = resolve_branding(_partnership(colour))
    assert (branding.primary == colour) is kept
    assert (branding.primary == DEFAULT_PRIMARY) is not kept
    assert len(findings) == (0 if kept else 1)
    if not kept:
        assert findings[0].location.line == 4


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_numbers_read_as_in_a_british_report() -> None:
    assert number(3620) == "3,620" and number(4.10) == "4.1" and number(None) == "–"
    assert money(150000) == "£150,000" and money(-2500) == "(£2,500)"
    assert fact_value(64, "rate-per-10000") == "64 per 10,000"
    assert fact_value(4.1, "percent") == "4.1%"
    assert period({"start": "2023-04-01", "end": "2024-03-31"}) == \
        "1 April 2023 to 31 March 2024"


def test_an_amount_with_pence_shows_two_decimals() -> None:
    assert money(125000.5) == "£125,000.50" and money(0.5) == "£0.50"
    assert money(125000.0) == "£125,000" and money(-2500.5) == "(£2,500.50)"
    # In a table or chart where another amount has pence, whole pounds line up with them.
    assert money(150000, pence=True) == "£150,000.00" and money(0, pence=True) == "£0.00"
    assert has_pence([1, 2.0, None]) is False and has_pence([1, 2.5]) is True


def test_a_budget_chart_shows_every_amount_with_pence_when_one_has_them() -> None:
    block = {"type": "budget", "income": [{"label": "A", "amount": 12500},
                                          {"label": "B", "amount": 0.5}]}
    (chart,) = charts_for(block, "b", SETTINGS)
    assert "A: £12,500.00; B: £0.50." in chart.alt


@pytest.mark.parametrize(("value", "unit", "shown"), [
    (0.004, "percent", "0.004%"), (0.001, None, "0.001"), (0.0012345, None, "0.0012"),
    (-0.004, None, "-0.004"), (0.004, "gbp", "£0.004"), (0.3, "rate-per-10000", "0.3 per 10,000"),
    (4.1, "percent", "4.1%"), (3620, None, "3,620"), (0.0, "percent", "0%"),
])
def test_a_small_figure_is_never_shown_as_zero(value: float, unit: str | None, shown: str) -> None:
    assert fact_value(value, unit) == shown


def _chart_texts(svg: str) -> list[tuple[float, str]]:
    return [(float(t.get("x") or 0), t.text or "") for t in ET.fromstring(svg).iter(f"{SVG}text")]


def test_a_long_figure_beside_the_longest_bar_fits_in_the_chart() -> None:
    fact = {"id": "r", "label": "Rate", "value": 12345678, "unit": "rate-per-10000"}
    settings = ChartSettings("#1d4f91", "Riverside", "2023-24", "2022-23",
                             {"r": {"id": "r", "value": 64, "unit": "rate-per-10000"}})
    (chart,) = charts_for({"type": "key-facts", "facts": [fact]}, "kf", settings)
    texts = _chart_texts(chart.svg)
    assert "12,345,678 per 10,000" in [t for _, t in texts]
    assert all(x + len(t) * CHAR_WIDTH <= WIDTH for x, t in texts)


def test_a_budget_chart_says_which_lines_it_does_not_draw() -> None:
    lines = [{"label": "A", "amount": 100}, {"label": "B", "amount": 200},
             {"label": "X", "amount": -3000}, {"label": "Z", "amount": 0}, {"label": "N"}]
    (chart,) = charts_for({"type": "budget", "income": lines}, "b", SETTINGS)
    said = "X (a negative amount), Z (zero), N (no figure)"
    assert f"not drawn: {said}." in chart.alt and chart.caption.endswith(f"Not drawn: {said}")
    assert "Not drawn" not in charts_for({"type": "budget", "income": lines[:2]}, "b",
                                         SETTINGS)[0].caption


@pytest.mark.parametrize(("item", "shown"), [
    ({"source": "ONS", "as_of": "2024-03-31"}, "ONS, 31 March 2024"),
    ({"source": "Monthly Reporting 31/03/2024", "as_of": "2024-03-31"},
     "Monthly Reporting 31/03/2024"),  # the source already dates it: not twice
    ({"source": "Census, 31 Mar 2024", "as_of": "2024-03-31"}, "Census, 31 Mar 2024"),
    ({"source": "Returns to 31/03/2023", "as_of": "2024-03-31"},
     "Returns to 31/03/2023, 31 March 2024"),  # another date is not this one
    ({"as_of": "2024-03-31"}, "31 March 2024"),
    ({"source": "ONS"}, "ONS"),
    ({}, ""),
])
def test_a_figure_s_source_gives_its_date_once(item: dict, shown: str) -> None:
    assert source_and_date(item) == shown


def test_the_glossary_has_only_terms_the_document_uses() -> None:
    doc = {"title": "T", "sections": [{"title": "S", "body": "The MASH and the ICB-led work."}]}
    facts = {"glossary": [{"term": "ICB", "meaning": "Integrated Care Board"},
                          {"term": "MASH", "meaning": "Multi-Agency Safeguarding Hub"},
                          {"term": "CSPR", "meaning": "Child Safeguarding Practice Review"},
                          {"term": "AS", "meaning": "not a word in 'has'"}]}
    assert [g.term for g in build_glossary(doc, facts)] == ["ICB", "MASH"]


def test_the_appendix_links_a_block_inside_a_priority_to_its_rendered_id() -> None:
    from test_coverage import NESTED

    from safeguarding.render.views import build_sections, iter_block_views, places_by_label

    rendered = {b.html_id for b in iter_block_views(build_sections(NESTED, SETTINGS))}
    html_id, shown = places_by_label(NESTED)["qapp (block 2, item 1, block 1)"]
    assert html_id in rendered
    assert shown == "Quality assurance"


def test_a_rate_never_breaks_between_its_words() -> None:
    from safeguarding.render.formatting import one_in, typeset

    assert one_in(1292) == "1\u00a0in\u00a01,292"
    assert typeset("about 1 in 1,292 children") == "about 1\u00a0in\u00a01,292 children"


def test_ranges_take_an_en_dash_and_other_hyphens_stay() -> None:
    from safeguarding.render.formatting import typeset

    assert typeset("2023 - 2024") == "2023–2024"
    assert typeset("October 2022 - March 2024") == "October 2022 – March 2024"
    assert typeset("2024-03-31, call 01905 - 822666, 16-17 year olds") == \
        "2024-03-31, call 01905 - 822666, 16-17 year olds"


def test_a_list_in_a_table_cell_renders_as_a_list() -> None:
    from safeguarding.render.markdown import MarkdownRenderer

    md = MarkdownRenderer()
    assert "<li>" in md.cell("- Timely assessments.\n- Quorate strategy discussions.")
    assert md.cell("A plain cell - with a dash") == "A plain cell – with a dash"


def test_income_and_expenditure_share_one_scale() -> None:
    from safeguarding.render.block_charts import budget_charts

    block = {"income": [{"label": "A", "amount": 94700}, {"label": "B", "amount": 10000}],
             "expenditure": [{"label": "C", "amount": 84015}, {"label": "D", "amount": 5000}]}
    income, spent = budget_charts(block, "b", ChartSettings("#1d4f91", "Area", "2023-24"))

    def width(chart, label: str) -> float:
        svg = str(chart.svg)
        at = svg.index(f">{label}</text>")
        return float(re.search(r'<rect x="0" y="[\d.]+" width="([\d.]+)"', svg[at:])[1])

    assert width(spent, "C") / width(income, "A") == pytest.approx(84015 / 94700, rel=0.01)
