"""PDF/UA details WeasyPrint's tagging leaves out, put right in its structure tree before writing.

WeasyPrint (the `finisher` hook of write_pdf) hands over its pydyf objects; this walks the
structure elements and:
- gives every table header cell its /Scope: /Column in the table's head, /Row elsewhere (the
  templates write scope="col" in <thead> and scope="row" in <tbody>, which WeasyPrint drops);
- puts each list item's content in an /LBody, and wraps anything a list holds directly in a
  list item, as PDF/UA asks (L > LI > Lbl, LBody);
- moves a figure's caption inside its /Figure, where a checker looks for it.
"""

from __future__ import annotations

from typing import Any

STRUCT = "/StructElem"


def finish_tags(document: Any, pdf: Any) -> None:
    """The write_pdf finisher: correct the structure tree in place."""
    import pydyf

    elements = {o.number: o for o in pdf.objects
                if isinstance(o, pydyf.Dictionary) and o.get("Type") == STRUCT}

    def element(ref: object) -> Any:
        if isinstance(ref, bytes | str):
            text = ref.decode() if isinstance(ref, bytes) else ref
            number = text.split()[0]
            return elements.get(int(number)) if number.isdigit() else None
        return None

    def new(tag: str, parent: Any, kids: list) -> Any:
        elem = pydyf.Dictionary({"Type": STRUCT, "S": tag, "K": pydyf.Array(kids),
                                 "P": parent.reference})
        if "Pg" in parent:
            elem["Pg"] = parent["Pg"]
        pdf.add_object(elem)
        elements[elem.number] = elem
        for kid in kids:
            if (child := element(kid)) is not None:
                child["P"] = elem.reference
        return elem

    def ancestors(elem: Any) -> list[str]:
        found = []
        while (elem := element(elem.get("P"))) is not None:
            found.append(elem["S"])
        return found

    for elem in list(elements.values()):
        tag, kids = elem["S"], list(elem.get("K") or [])
        if tag == "/TH":
            attributes = elem.get("A") or pydyf.Dictionary({"O": "/Table"})
            attributes["Scope"] = "/Column" if "/THead" in ancestors(elem) else "/Row"
            elem["A"] = attributes
        elif tag == "/LI" and not any(_tag(element(k)) == "/LBody" for k in kids):
            # Only structure elements move: marked content stays where the parent tree has it.
            body = [k for k in kids if _tag(element(k)) not in ("/Lbl", None)]
            rest = [k for k in kids if k not in body]
            if body:
                elem["K"] = pydyf.Array([*rest, new("/LBody", elem, body).reference])
        elif tag == "/L":
            wrapped = []
            for kid in kids:
                if _tag(element(kid)) in ("/LI", None):
                    wrapped.append(kid)
                    continue
                item = new("/LI", elem, [kid])
                item["K"] = pydyf.Array([new("/LBody", item, [kid]).reference])
                wrapped.append(item.reference)
            elem["K"] = pydyf.Array(wrapped)
    for elem in list(elements.values()):
        kids = list(elem.get("K") or [])
        figures = [k for k in kids if _tag(element(k)) == "/Figure"]
        captions = [k for k in kids if _tag(element(k)) == "/Caption"]
        if len(figures) == 1 and len(captions) == 1:
            figure, caption = element(figures[0]), element(captions[0])
            figure["K"] = pydyf.Array([*list(figure.get("K") or []), captions[0]])
            caption["P"] = figure.reference
            elem["K"] = pydyf.Array([k for k in kids if k != captions[0]])


def _tag(elem: Any) -> str | None:
    return None if elem is None else str(elem["S"])
