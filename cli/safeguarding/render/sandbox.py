"""The sandbox templates run in: Jinja's, with a bound on the work one rendering may do.

Jinja's sandbox stops a template calling what it should not, and limits each range() to
100,000 items, but not the total: two nested loops of 100,000 run ten billion times, and
`"x" * 10**10` asks for ten gigabytes. A partnership's own template is data, so every
loop is counted against one budget per rendering, repetition and powers are bounded, and
the output stops growing at a limit, and a rendering stops after a time limit, checked at
every step (a step's own work is bounded by the sandbox). Each limit is far above what a
real report needs: the shipped templates render a large report in under a second.
"""

from __future__ import annotations

import operator
import time
from collections.abc import Iterable, Iterator
from typing import Any

from jinja2 import nodes
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError, safe_range

MAX_ITERATIONS = 2_000_000  # loop steps in one rendering (a large report takes thousands)
MAX_REPEAT = 1_000_000  # the longest string or list `*` may make
MAX_OUTPUT = 200 * 1024 * 1024  # characters of HTML (images are embedded as data: URIs)
MAX_SECONDS = 60.0
_COUNTED = "_safeguarding_counted"  # a filter name no template can spell by mistake


class WorkLimitExceeded(SecurityError):
    """The template did more work than any report needs: a loop that never ends in time."""


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """An immutable sandbox whose loops, repetitions and output are bounded."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS  # reset by render_bounded
        self.filters[_COUNTED] = self._counted
        self.globals["range"] = self._range

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        # Every {% for %} iterates through the counting filter: the budget is shared by all
        # loops of one rendering, however they nest.
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, _COUNTED, [], [], None, None,
                                     lineno=loop.lineno)
        return tree

    def _counted(self, items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            self._step(1)
            yield item

    def _range(self, *args: int) -> range:
        # Every number a range() makes counts, whether a loop or a filter (sum, join) uses it.
        numbers = safe_range(*args)
        self._step(len(numbers))
        return numbers

    def _step(self, steps: int) -> None:
        self.steps += steps
        if self.steps > MAX_ITERATIONS:
            raise WorkLimitExceeded(f"the template's loops ran more than {MAX_ITERATIONS:,} "
                                    "times: look for loops inside loops")
        if time.monotonic() > self.deadline:
            raise WorkLimitExceeded(f"the template ran for more than {MAX_SECONDS:.0f} "
                                    "seconds: look for loops inside loops")

    def call_binop(self, context: Context, op: str, left: Any, right: Any) -> Any:
        if op == "**" and isinstance(right, (int, float)) and abs(right) > 100:
            raise WorkLimitExceeded(f"the power {right} is too large for a template")
        if op == "*":
            for sequence, count in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(count, int) \
                        and len(sequence) * count > MAX_REPEAT:
                    raise WorkLimitExceeded(f"repeating text or a list {count:,} times makes "
                                            f"more than {MAX_REPEAT:,} items")
        return super().call_binop(context, op, left, right) if op not in ("*", "**") \
            else (operator.mul if op == "*" else operator.pow)(left, right)


def render_bounded(template: Any, variables: dict[str, Any]) -> str:
    """The template rendered, stopping when its output passes MAX_OUTPUT characters."""
    parts: list[str] = []
    size = 0
    environment = template.environment
    if isinstance(environment, BoundedEnvironment):
        environment.deadline = time.monotonic() + MAX_SECONDS
    for part in template.generate(variables):
        size += len(part)
        if size > MAX_OUTPUT:
            raise WorkLimitExceeded(f"the template wrote more than {MAX_OUTPUT:,} characters: "
                                    "look for loops inside loops")
        parts.append(part)
    return "".join(parts)
