"""The customer's earlier calls in the call column: pick one to replay or to show."""

from __future__ import annotations

import streamlit as st

from salesbot.bootstrap import App
from salesbot.errors import SalesbotError
from salesbot.models import Customer
from salesbot.ui import widgets
from salesbot.ui.replay_panel import replay
from salesbot.ui.session import PresenterSession


def earlier_calls(app: App, session: PresenterSession, customer: Customer) -> None:
    """The customer's finished calls: replay one, or show it in the panel."""
    try:
        calls = [c for c in app.presenter.customer_calls(customer.id) if c.status.is_final]
    except SalesbotError:
        return
    if not calls:
        return
    with st.expander(f"Earlier calls with {widgets.md(customer.name)} ({len(calls)})", icon=":material/history:"):
        by_id = {c.id: c for c in calls}
        chosen = st.selectbox(
            "Call",
            list(by_id),
            key="earlier_call",
            format_func=lambda i: f"#{i} · {by_id[i].created_at:%Y-%m-%d %H:%M} · {by_id[i].status.label}",
        )
        e1, e2 = st.columns(2)
        if e1.button("Replay", key="replay_earlier", icon=":material/replay:", disabled=session.replay is not None):
            replay(app, session, chosen)
        if e2.button("Show", key="show_earlier", icon=":material/visibility:"):
            session.call_id, session.last_call, session.replay = chosen, None, None
            st.rerun()
