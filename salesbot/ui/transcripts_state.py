"""The Transcripts page's session: filter widgets seeded from the URL and mirrored back to it, calls opened by click."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from salesbot.bootstrap import App
from salesbot.models import NEXT_STEP, CallFilter
from salesbot.text import address
from salesbot.ui.transcripts_view import PARAMS, TranscriptsView

VIEW = "transcripts_view"  # the view last drawn, kept across visits to other pages (their widgets are dropped)
WRITTEN = "transcripts_url"  # the query parameters this session last wrote (absent: a new session)
SEEN = "transcripts_filter"  # the filter of the last run: a new one starts on page 1
OPEN = "open_call"
MATCH = "match_index"
WIDGETS = (
    "search", "said_by", "customer_filter", "country_filter", "status_filter", "outcome_filter", "sentiment_filter",
    "objection_filter", "next_step_filter", "placed_by_filter", "sort", "date_range", "page",
)  # fmt: skip


CATCH_UP_EVERY = 15.0  # seconds between look-ups of calls left running, per App (reading them scans the calls)


@st.cache_resource(show_spinner=False)
def _caught_up() -> dict[int, float]:
    """When each App (by id) last caught up calls left running, for every session of this process."""
    return {}


def catch_up(app: App) -> None:
    """Bring calls left running (a closed tab) up to date, at most every CATCH_UP_EVERY seconds: each page load
    need not pay for the look-up when another one has just done it."""
    last, now = _caught_up(), time.monotonic()
    if now - last.get(id(app), -CATCH_UP_EVERY) >= CATCH_UP_EVERY:
        last[id(app)] = now
        app.calls.catch_up()


def _url() -> dict[str, str]:
    """The page's query parameters as they are in the address bar (repeated ones joined by commas)."""
    params = st.query_params
    return {name: ",".join(params.get_all(name)) for name in PARAMS if name in params}


def restore() -> None:
    """Seed the widgets from the URL when the session starts (a new tab, a reload, a shared link) or the browser went
    back or forward; after a visit to another page (its widgets dropped), from the view last drawn (the address bar
    may hold the other page's parameters). Otherwise the widgets lead: a rerun may carry a URL older than the last
    one written. Call before any widget is drawn."""
    state = st.session_state
    if WRITTEN not in state or _history_navigation():
        _seed(TranscriptsView.from_params(_lists(_url())))
    elif any(key not in state for key in WIDGETS):
        known = state.get(VIEW)
        _seed(known if isinstance(known, TranscriptsView) else TranscriptsView.from_params(_lists(_url())))


def _history_navigation() -> bool:
    """Whether this run follows the browser's back or forward button (Streamlit's run context says so)."""
    return bool(getattr(get_script_run_ctx(), "is_history_navigation", False))


def _lists(url: Mapping[str, str]) -> dict[str, list[str]]:
    return {name: [value] for name, value in url.items()}


def _seed(view: TranscriptsView) -> None:
    f = view.call_filter
    st.session_state.update(
        {
            "search": f.search,
            "said_by": f.said_by,
            "customer_filter": f.customer_name,
            "country_filter": f.country_code,
            "status_filter": list(f.statuses),
            "outcome_filter": list(f.outcomes),
            "sentiment_filter": list(f.sentiments),
            "objection_filter": list(f.objections),
            "next_step_filter": next(k for k, v in NEXT_STEP.items() if v is f.next_step_agreed),
            "placed_by_filter": f.created_by,
            "sort": f.sort,
            "date_range": (f.date_from, f.date_to or f.date_from) if f.date_from else (),
            "page": view.page,
            SEEN: f,
        }
    )
    open_call(view.call_id)


def chosen_filter() -> CallFilter:
    """The filter as the widgets stand; a new filter goes back to page 1 (and the open call to its first match)."""
    state = st.session_state
    dates = state["date_range"]
    picked: Sequence[date] = dates if isinstance(dates, tuple | list) else (dates,)
    call_filter = CallFilter(
        date_from=picked[0] if picked else None,
        date_to=picked[-1] if picked else None,
        statuses=tuple(state["status_filter"]),
        outcomes=tuple(state["outcome_filter"]),
        sentiments=tuple(state["sentiment_filter"]),
        objections=tuple(state["objection_filter"]),
        next_step_agreed=NEXT_STEP.get(state["next_step_filter"]),
        created_by=address(state["placed_by_filter"]),
        customer_name=state["customer_filter"],
        country_code=state["country_filter"] or "",
        search=state["search"],
        said_by=state["said_by"] or "",
        sort=state["sort"],
    )
    if state.get(SEEN) != call_filter:
        state[SEEN] = call_filter
        state["page"] = 1
        state[MATCH] = 0  # the open call is read again from its first match
    return call_filter


def sync_url() -> None:
    """Write the view into the address bar (only what changed), so the URL can be shared or bookmarked."""
    state = st.session_state
    view = TranscriptsView(state[SEEN], int(state.get("page", 1)), state.get(OPEN))
    state[VIEW] = view
    wanted = view.to_params()
    params = st.query_params
    for name in PARAMS:
        if name in wanted and params.get_all(name) != [wanted[name]]:
            params[name] = wanted[name]
        elif name not in wanted and name in params:
            del params[name]
    state[WRITTEN] = wanted


def open_call(call_id: int | None) -> None:
    """Open a call (None closes it); its transcript starts at the first match."""
    st.session_state[OPEN] = call_id
    st.session_state[MATCH] = 0


def opened_call() -> int | None:
    found = st.session_state.get(OPEN)
    return found if isinstance(found, int) else None


def _rows(event: Any) -> list[int]:
    """The rows a table's selection points at: the rows of selected cells first (a click on a cell), then selected
    rows (a click on the row marker); a table may hold both at once."""
    selection = event.get("selection", {}) if isinstance(event, Mapping) else {}
    return [int(cell[0]) for cell in selection.get("cells") or []] + [int(r) for r in selection.get("rows") or []]


def picked_call(table: str) -> int | None:
    """The call a click in that table picked since its last run, if any (read before anything is drawn)."""
    state = st.session_state
    seen, ids = state.get(f"{table}_seen") or [], state.get(f"{table}_ids") or []
    row = next((r for r in _rows(state.get(table)) if r not in seen and 0 <= r < len(ids)), None)
    if row is None:
        return None
    state[f"{table}_seen"] = [row]
    found = ids[row]
    return found if isinstance(found, int) else None


def select_open_call(table: str, ids: list[int]) -> None:
    """Before a table is drawn: remember which call each row is, and show the open call as its selected row."""
    state = st.session_state
    rows = [ids.index(opened)] if (opened := opened_call()) in ids else []
    state[f"{table}_ids"], state[f"{table}_seen"] = ids, rows
    event = state.get(table)
    selection = event.get("selection", {}) if isinstance(event, Mapping) else {}
    if list(selection.get("rows") or []) != rows or selection.get("cells"):
        state[table] = {"selection": {"rows": rows, "columns": [], "cells": []}}
