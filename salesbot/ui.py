"""Shared Streamlit widgets: the cached desk, the sidebar and the chat-style transcript."""

from __future__ import annotations

from dataclasses import astuple
from datetime import datetime

import streamlit as st
from streamlit.errors import StreamlitAPIException

from salesbot.bootstrap import build_desk
from salesbot.errors import SalesbotError
from salesbot.models import Call, CallStatus, Speaker
from salesbot.service import SalesDesk
from salesbot.settings import Settings, load_settings

# Material icons ship with Streamlit, so they render on machines without an emoji font.
_AVATARS = {
    Speaker.AGENT: ":material/support_agent:",
    Speaker.CUSTOMER: ":material/person:",
    Speaker.SYSTEM: ":material/info:",
}
_STATUS_ICONS = {
    CallStatus.DIALLING: ":material/ring_volume:",
    CallStatus.IN_PROGRESS: ":green[:material/phone_in_talk:]",
    CallStatus.FINISHING: ":material/hourglass_top:",
    CallStatus.COMPLETED: ":green[:material/check_circle:]",
    CallStatus.STOPPED: ":orange[:material/stop_circle:]",
    CallStatus.FAILED: ":red[:material/error:]",
    CallStatus.UNKNOWN: ":orange[:material/help:]",
}


def _secrets() -> dict[str, object]:
    """st.secrets as a dict; a missing or broken secrets.toml is simply no secrets."""
    try:
        return {k: v for k, v in st.secrets.items()}
    except Exception:  # StreamlitSecretNotFoundError, a TOML error: the environment still works
        return {}


@st.cache_resource(show_spinner=False)
def _desk_for(key: tuple[object, ...], _settings: Settings) -> SalesDesk:
    return build_desk(_settings)


def settings() -> Settings:
    return load_settings(secrets=_secrets())


def desk() -> SalesDesk:
    """The app's SalesDesk, built once per process for a given configuration; stops the page if it can't."""
    try:
        current = settings()
        return _desk_for(astuple(current), current)
    except SalesbotError as e:
        st.error(e.user_message)
        st.stop()
        raise  # unreachable: st.stop() ends the run


def sidebar(desk: SalesDesk) -> None:
    """Navigation with readable names (Streamlit's own is hidden in config.toml), then the active backends."""
    try:
        st.sidebar.page_link("streamlit_app.py", label="Presenter", icon=":material/call:")
        st.sidebar.page_link("pages/transcripts.py", label="Transcripts", icon=":material/forum:")
        st.sidebar.divider()
    except StreamlitAPIException:  # a page run on its own (AppTest of one page) has no app to link to
        pass
    st.sidebar.caption("Backends")
    st.sidebar.markdown(f"**{desk.backends}**")
    if not desk.telephony.dials_real_phones:
        st.sidebar.caption("Simulated calls: no phone is dialled.")


def clock(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def status_line(call: Call, now: datetime) -> str:
    end = call.ended_at or (None if call.status.is_final else now)
    elapsed = (end - call.started_at).total_seconds() if call.started_at and end else None
    text = f"{_STATUS_ICONS[call.status]} **{call.status.label.capitalize()}** · {clock(elapsed)}"
    return text + f" · {len([u for u in call.utterances if u.speaker is not Speaker.SYSTEM])} lines"


def transcript(call: Call, height: int = 420) -> None:
    """The call's lines chat-style, speaker and time on each, scrolled to the newest."""
    box = st.container(height=height, autoscroll=True, border=True)
    if not call.utterances:
        box.caption("Waiting for the first words…" if not call.status.is_final else "Nothing was said on this call.")
        return
    for u in call.utterances:
        offset = (u.at - call.started_at).total_seconds() if call.started_at else None
        with box.chat_message(u.speaker.value, avatar=_AVATARS[u.speaker]):
            st.markdown(f"**{u.speaker.value.title()}** · {clock(offset)}")
            st.text(u.text)


def analysis(desk: SalesDesk, call: Call, key: str) -> None:
    """The post-call analysis, or why it failed with a button to re-run it."""
    if not call.status.is_final:
        return
    result = call.analysis
    if result is None:
        st.warning(call.analysis_error or "This call has not been analysed yet.")
        c1, c2 = st.columns(2)
        rerun = c1.button("Re-run analysis", key=f"{key}_rerun_analysis")
        offline = desk.offline_analyst is not desk.analyst and c2.button(
            "Analyse offline", key=f"{key}_offline_analysis"
        )
        if rerun or offline:
            try:
                desk.analyse_call(call.id, offline=bool(offline))
                st.rerun()
            except SalesbotError as e:
                st.error(e.user_message)
        return
    with st.container(border=True):
        st.markdown(
            f"**Outcome:** {result.outcome.label} · **Sentiment:** {result.sentiment.value} · _{result.analyst}_"
        )
        st.write(result.summary)
        for topic in result.topics:
            mark = ":green[:material/check:]" if topic.covered else ":red[:material/close:]"
            st.markdown(f"{mark} **{topic.topic}**" + (f" — “{topic.quote}”" if topic.quote else " — not covered"))


def recording(call: Call) -> None:
    if call.recording_url:
        st.audio(call.recording_url)
