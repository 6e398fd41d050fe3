"""What the Transcripts page shows (filters, search, sort, page, open call) as URL query parameters and back."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from salesbot.models import (
    NEXT_STEP,
    SAID_BY,
    SORTS,
    CallFilter,
    CallStatus,
    ObjectionKind,
    Outcome,
    Sentiment,
    all_countries,
)
from salesbot.text import address

# Every query parameter the page reads and writes, in the order they appear in the address bar.
PARAMS = (
    "q", "said_by", "name", "country", "status", "outcome", "sentiment", "objection", "next_step", "by", "sort",
    "from", "to", "page", "call",
)  # fmt: skip
MAX_TEXT = 200  # longer search or name text in a URL is cut here


@dataclass(frozen=True)
class TranscriptsView:
    """The page's state as one value: the filter (with search, said-by and sort), the page number and the call."""

    call_filter: CallFilter = field(default_factory=CallFilter)
    page: int = 1
    call_id: int | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, Sequence[str]]) -> TranscriptsView:
        """The view a URL asks for; a value that is not understood is left at its default."""

        def one(name: str) -> str:
            values = params.get(name) or [""]
            return values[-1].strip()

        def many(name: str, kind: type[enum.StrEnum]) -> tuple[str, ...]:
            asked = {v.strip() for value in params.get(name) or [] for v in value.split(",")}
            return tuple(k.value for k in kind if k.value in asked)  # known values only, in the enum's order

        said_by, country, sort = one("said_by").lower(), one("country").upper(), one("sort").lower()
        date_from, date_to = _date(one("from")), _date(one("to"))
        if date_from and date_to and date_to < date_from:
            date_from, date_to = date_to, date_from
        call_filter = CallFilter(
            search=one("q")[:MAX_TEXT],
            said_by=said_by if said_by in SAID_BY else "",
            customer_name=one("name")[:MAX_TEXT],
            country_code=country if country in all_countries() else "",
            statuses=many("status", CallStatus),
            outcomes=many("outcome", Outcome),
            sentiments=many("sentiment", Sentiment),
            objections=many("objection", ObjectionKind),
            next_step_agreed=NEXT_STEP.get(one("next_step").capitalize()),
            created_by=address(one("by")[:MAX_TEXT]),
            sort=sort if sort in SORTS else "newest",
            date_from=date_from,
            date_to=(date_to or date_from) if date_from else None,  # the date picker has no open start
        )
        return cls(call_filter, page=_positive(one("page")) or 1, call_id=_positive(one("call")))

    def to_params(self) -> dict[str, str]:
        """The view as query parameters, defaults left out (an unfiltered first page is a bare URL)."""
        f = self.call_filter
        values: dict[str, str | None] = {
            "q": f.search.strip(),
            "said_by": f.said_by,
            "name": f.customer_name.strip(),
            "country": f.country_code,
            "status": _joined(f.statuses),
            "outcome": _joined(f.outcomes),
            "sentiment": _joined(f.sentiments),
            "objection": _joined(f.objections),
            "next_step": {True: "yes", False: "no", None: ""}[f.next_step_agreed],
            "by": f.placed_by(),
            "sort": "" if f.sort == "newest" else f.sort,
            "from": f.date_from.isoformat() if f.date_from else "",
            "to": f.date_to.isoformat() if f.date_to and f.date_to != f.date_from else "",
            "page": str(self.page) if self.page > 1 else "",
            "call": str(self.call_id) if self.call_id is not None else "",
        }
        return {name: value for name, value in values.items() if value}


def _joined(values: Iterable[str]) -> str:
    return ",".join(values)


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _positive(text: str) -> int | None:
    """A whole number from 1 up to a sane bound (ids and page numbers), else None."""
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) < 2**53 else None
