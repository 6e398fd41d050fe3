"""Shared Streamlit glue: the cached App, settings and the sidebar. Widgets live in ui.widgets."""

from __future__ import annotations

import streamlit as st

from salesbot.bootstrap import App, shared_app
from salesbot.errors import SalesbotError
from salesbot.settings import Settings, load_settings
from salesbot.ui import signin


def _secrets() -> dict[str, object]:
    """st.secrets as a dict; a missing or broken secrets.toml is simply no secrets."""
    try:
        return {k: v for k, v in st.secrets.items()}
    except Exception:  # StreamlitSecretNotFoundError, a TOML error: the environment still works
        return {}


def settings() -> Settings:
    return load_settings(secrets=_secrets())


def enter() -> str:
    """Sign-in first (when [auth] is configured): the signed-in address, "" in open mode; otherwise the run stops on
    the sign-in screen or the refusal."""
    try:
        current = settings()
    except SalesbotError as e:
        st.error(e.user_message)
        st.stop()
        raise  # unreachable: st.stop() ends the run
    return signin.enter(current)


def app() -> App:
    """The App, built once per process for a given configuration (the REST API shares it); stops the page with a
    message if it can't."""
    try:
        return shared_app(settings())
    except SalesbotError as e:
        st.error(e.user_message)
        st.stop()
        raise  # unreachable: st.stop() ends the run


def sidebar(app: App) -> None:
    """The active backends under the navigation."""
    caps = app.capabilities
    st.sidebar.caption("Backends")
    st.sidebar.markdown(f"**{caps.backends}**")
    if not caps.dials_real_phones:
        st.sidebar.caption("Simulated calls: no phone is dialled.")
    elif not signin.sign_in_required():
        st.sidebar.warning(
            "Sign-in is off: anyone who can open this page can place real calls and read every transcript."
            " Configure [auth] in secrets.toml before sharing this address.",
            icon=":material/lock_open:",
        )
    mode = app.analysis.mode_label
    if mode:
        st.sidebar.caption(f"analysis: {mode}")
