"""Previous and Next call in the table's order (its filter, sort and page), across page edges."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import streamlit as st

from salesbot.bootstrap import App
from salesbot.errors import SalesbotError
from salesbot.models import CallFilter
from salesbot.ui import transcripts_state as view

PROBLEM = "call_order_problem"  # why the last step could not be taken, shown once


@dataclass(frozen=True)
class Step:
    """Where Previous or Next leads: a call on this page, or the first or last call of another page."""

    call_id: int | None = None
    page: int | None = None
    end: Literal["first", "last"] = "first"


def steps(ids: list[int], current: int | None, page: int, pages: int) -> tuple[Step | None, Step | None]:
    """Previous and Next from the open call among this page's calls (None: nothing that way). A call not on this
    page (opened from a link or the customer's calls) has no place in the order: Next opens the page's first."""
    if current not in ids:
        return None, (Step(ids[0]) if ids else None)
    at = ids.index(current)
    before = Step(ids[at - 1]) if at > 0 else (Step(page=page - 1, end="last") if page > 1 else None)
    after = Step(ids[at + 1]) if at + 1 < len(ids) else (Step(page=page + 1) if page < pages else None)
    return before, after


def take(app: App, step: Step, call_filter: CallFilter, page_size: int) -> None:
    """Open the call a step leads to (a button's callback: it runs before the page is drawn)."""
    if step.page is None:
        view.open_call(step.call_id)
        return
    try:
        rows = app.archive.find_calls(call_filter, step.page, page_size, with_total=False).rows
    except SalesbotError as e:
        st.session_state[PROBLEM] = e.user_message
        return
    if rows:
        st.session_state["page"] = step.page
        view.open_call(rows[0 if step.end == "first" else -1].summary.id)


def buttons(app: App, ids: list[int], page: int, pages: int, call_filter: CallFilter, page_size: int) -> None:
    """Previous call and Next call (also K and J on the keyboard), with the open call's place in the page."""
    current = view.opened_call()
    before, after = steps(ids, current, page, pages)
    with st.container(horizontal=True, vertical_alignment="center", key="call_order"):
        for label, step, icon, key, shortcut in (
            ("Previous call", before, ":material/keyboard_arrow_up:", "previous_call", "K"),
            ("Next call", after, ":material/keyboard_arrow_down:", "next_call", "J"),
        ):
            st.button(label, key=key, icon=icon, shortcut=shortcut, disabled=step is None, on_click=take,
                      args=(app, step, call_filter, page_size) if step else None)  # fmt: skip
        place = f"{ids.index(current) + 1} of {len(ids)} on page {page}" if current in ids else "not on this page"
        st.caption(place, width="content")
    if problem := st.session_state.pop(PROBLEM, None):
        st.warning(problem)
