"""Sign-in with Streamlit's st.login when [auth] is configured: the sign-in screen, the refusal, and who is signed in."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import streamlit as st

from salesbot import auth
from salesbot.errors import ConfigError
from salesbot.settings import Settings
from salesbot.text import markdown_literal

SIGN_IN, SIGN_OUT = "sign_in", "sign_out"  # the buttons' keys


def auth_section() -> Mapping[str, object] | None:
    """The [auth] section of st.secrets, or None: sign-in is off (open mode, local demos). A secrets file that is
    there but cannot be read is a ConfigError, never "no sign-in": it may hold the [auth] that keeps strangers out."""
    try:
        section = st.secrets.get("auth")
    except Exception as e:  # Streamlit raises the same error for no file and for a file it cannot parse
        present = [f for f in st.get_option("secrets.files") if Path(f).exists()]
        if present:
            raise ConfigError(
                f"The secrets file {present[-1]} cannot be read (the server log says where), so sign-in cannot be"
                " checked and the app stays closed. Fix the file and reload."
            ) from e
        return None
    return section if isinstance(section, Mapping) else None


def sign_in_required() -> bool:
    return auth_section() is not None


def _logged_in() -> bool:
    # st.user.get, not st.user.is_logged_in: the attribute is missing where secrets come from elsewhere (AppTest)
    return bool(st.user.get("is_logged_in"))


def signed_in_email() -> str:
    """The signed-in user's address (recorded on what they create), or "" with sign-in off."""
    if not sign_in_required() or not _logged_in():
        return ""
    return auth.signed_in_address(str(st.user.get("email") or ""))


def enter(settings: Settings) -> str:
    """Let the user in, or show only the sign-in screen (or the refusal) and stop the run. Returns the signed-in
    address, "" in open mode. Called before anything reads the store, so a stranger's page holds none of it."""
    try:
        section = auth_section()
    except ConfigError as e:
        st.error(e.user_message)
        st.stop()
    if section is None:
        if settings.require_sign_in:
            st.error(
                "SALESBOT_REQUIRE_SIGN_IN is set but no [auth] section was found in the secrets files"
                f" ({', '.join(st.get_option('secrets.files'))}), so the app stays closed."
            )
            st.stop()
        return ""
    problem = auth.auth_problem(section)
    if problem:
        st.error(problem)
        st.stop()
    if not _logged_in():
        _sign_in_screen()
        st.stop()
    email = signed_in_email()
    verified = st.user.get("email_verified")
    # checked as the provider sent it: an invisible character refuses the address, it is not cleaned away first
    if not auth.email_allowed(settings.allowed_emails, str(st.user.get("email") or ""), verified):
        _refusal(email, unverified=not auth.email_verified(verified))
        st.stop()
    name = str(st.user.get("name") or email)
    st.sidebar.caption("Signed in as")
    st.sidebar.text(name)  # the provider's text: shown as text
    st.sidebar.button("Sign out", key=SIGN_OUT, icon=":material/logout:", on_click=st.logout)
    if not settings.allowed_emails:
        st.sidebar.caption("Anyone your sign-in provider accepts may enter: SALESBOT_ALLOWED_EMAILS is empty.")
    return email


def _sign_in_screen() -> None:
    st.title("salesbot")
    st.write("Sign in with your company account to place calls and read transcripts.")
    st.button("Sign in", key=SIGN_IN, type="primary", icon=":material/login:", on_click=st.login)


def _refusal(email: str, unverified: bool) -> None:
    st.title("salesbot")
    email = markdown_literal(email)  # the provider's text, shown as typed
    if not email:
        st.error("Your sign-in did not include an email address, so salesbot cannot tell who you are.")
    elif unverified:
        st.error(f"The provider has not verified {email}, so it cannot be let in. Verify it and sign in again.")
    else:
        st.error(f"{email} is not allowed into salesbot. Ask whoever runs it to add you to SALESBOT_ALLOWED_EMAILS.")
    st.button("Sign out", key=SIGN_OUT, icon=":material/logout:", on_click=st.logout)
