"""What the Transcripts page asks the stores for (filter, sort) and what they answer (rows, a page, the KPIs), with
the labels of the filter's choices, once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from salesbot.models.analysis import CallAnalysis
from salesbot.models.call import CallSummary
from salesbot.search import terms
from salesbot.text import address

SAID_BY = {"": "Anyone", "customer": "Customer", "agent": "Agent"}  # whose lines a search reads, as the page names them
SORTS = {"newest": "Newest first", "oldest": "Oldest first", "longest": "Longest first", "shortest": "Shortest first"}

NEXT_STEP = {"Any": None, "Yes": True, "No": False}  # the next-step filter's choices and what each asks for


@dataclass(frozen=True)
class CallFilter:
    """What an analyst asked for on the Transcripts page; empty fields do not filter."""

    date_from: date | None = None
    date_to: date | None = None  # inclusive
    statuses: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    sentiments: tuple[str, ...] = ()
    customer_name: str = ""
    country_code: str = ""
    search: str = ""  # see terms.search_terms: words (each a word's beginning) and "quoted phrases", all required
    said_by: str = ""  # "" (anyone: the whole transcript), "customer" or "agent": search only that speaker's lines
    sort: str = "newest"
    customer_id: int | None = None
    objections: tuple[str, ...] = ()  # calls where the customer raised any of these objection kinds
    next_step_agreed: bool | None = None  # analysed calls with (True) or without (False) an agreed next step
    created_by: str = ""  # calls placed by this signed-in user (the address, any case)

    def search_terms(self) -> list[terms.Term]:
        """The search as the terms both stores match (terms.search_terms)."""
        return terms.search_terms(self.search)

    def search_words(self) -> list[str]:
        """Every word of the search, those of phrases included (for highlighting)."""
        return terms.search_words(self.search)

    def placed_by(self) -> str:
        """The created_by filter as stored: an address, lower-case ("" does not filter)."""
        return address(self.created_by)

    def speaker(self) -> str:
        """Whose lines the search reads: "customer", "agent", or "" for the whole transcript (any other value)."""
        return self.said_by if self.said_by in SAID_BY and self.said_by else ""


@dataclass(frozen=True)
class CallRow:
    """One row of a filtered page, with what the table and the highlight need."""

    summary: CallSummary
    country_code: str
    outcome: str | None
    sentiment: str | None
    transcript: str
    objections: tuple[str, ...] = ()  # the kinds the customer raised, in ObjectionKind order
    next_step_agreed: bool | None = None  # None until the call is analysed
    analysis: CallAnalysis | None = None


@dataclass(frozen=True)
class CallPage:
    rows: list[CallRow]
    total: int | None  # None when not asked for (the page takes it from the KPIs instead)


@dataclass(frozen=True)
class PresenterFigures:
    """One presenter's coaching figures over the filter's connected calls (the sums; the page divides)."""

    created_by: str  # the address, "" for calls placed without sign-in
    calls: int = 0
    connected: int = 0
    meetings: int = 0  # connected calls whose analysis booked a meeting
    agent_words: int = 0
    customer_words: int = 0
    agent_questions: int = 0
    monologue_seconds: float = 0.0  # the sum of each connected call's longest monologue
    monologue_calls: int = 0
    objection_seconds: float = 0.0  # the sum of each connected call's time to its first objection
    objection_calls: int = 0


@dataclass(frozen=True)
class CallStats:
    """The KPIs of the calls matching a filter. Connected, next step, talk and coaching count connected calls only;
    finished leaves out the calls not over yet (dialling, ringing, in progress, finishing)."""

    calls: int = 0
    connected: int = 0
    average_seconds: float | None = None
    outcomes: dict[str, int] = field(default_factory=dict)
    per_day: list[tuple[date, str, int]] = field(default_factory=list)  # day, outcome ('' if none), calls
    # True if the figures were estimated (the page says "about"). Both stores count exactly today, up to a million
    # calls (benchmarks/transcripts_scale.py); a store may set it where counting would cost too much.
    approximate: bool = False
    finished: int = 0  # calls whose status is final
    meetings: int = 0  # connected calls whose analysis booked a meeting
    next_steps: int = 0  # connected calls with an agreed next step
    sentiments: dict[str, int] = field(default_factory=dict)  # analysed calls by sentiment
    objections: dict[str, int] = field(default_factory=dict)  # calls that raised each objection kind (any call)
    topics: dict[str, dict[str, int]] = field(default_factory=dict)  # topic -> coverage -> connected calls
    presenters: list[PresenterFigures] = field(default_factory=list)  # by created_by, in address order
