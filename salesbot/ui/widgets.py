"""Shared Streamlit widgets: status line, the chat-style transcript, the outcome card and the analysis."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from salesbot.errors import SalesbotError
from salesbot.exports.shown_lines import ShownLine, Voice, shown_lines
from salesbot.models import (
    Call,
    CallStatus,
    Coverage,
    Evidence,
    NextStep,
    Outcome,
    RaisedObjection,
    Shown,
    Speaker,
    Utterance,
    call_shown_status,
)
from salesbot.services.analysis import CallAnalysisService
from salesbot.services.calls import CallService
from salesbot.text import counted, markdown_literal

# Material icons ship with Streamlit, so they render on machines without an emoji font.
AVATARS = {
    Voice.AGENT: ":material/support_agent:",
    Voice.CUSTOMER: ":material/person:",
    Voice.VOICEMAIL: ":material/voicemail:",
    Voice.SYSTEM: ":material/info:",
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
_NOT_REACHED = {  # outcomes of their own: neither a system error (red) nor a conversation (green)
    Shown.NO_ANSWER: ":material/phone_missed:",
    Shown.BUSY: ":material/phone_disabled:",
    Shown.VOICEMAIL: ":material/voicemail:",
}
_SHOWN_ICONS = {
    shown: f":{'blue' if shown is Shown.VOICEMAIL else 'orange'}[{icon}]" for shown, icon in _NOT_REACHED.items()
}


def status_icon(call: Call) -> str:
    """The icon (and colour) of a call's status as shown_status words it."""
    shown = call_shown_status(call)
    return _SHOWN_ICONS[Shown(shown)] if shown in _SHOWN_ICONS else _STATUS_ICONS[call.status]


def md(text: str) -> str:
    """Customer text made inert inside Markdown, shown exactly as typed."""
    return markdown_literal(text)


def clock(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def status_line(call: Call, now: datetime, lines: int | None = None) -> str:
    end = call.ended_at or (None if call.status.is_final else now)
    elapsed = (end - call.started_at).total_seconds() if call.started_at and end else None
    placing = call.status is CallStatus.DIALLING and call.started_at is None
    label = "placing the call" if placing else call_shown_status(call)
    count = lines if lines is not None else len([u for u in call.utterances if u.speaker is not Speaker.SYSTEM])
    return f"{status_icon(call)} **{label.capitalize()}** · {clock(elapsed)} · {counted(count, 'line')}"


def transcript(
    call: Call,
    height: int = 420,
    speaking: Utterance | None = None,
    said: list[Utterance] | None = None,
    autoscroll: bool = True,
) -> None:
    """The call's lines chat-style, who said each and when it began; the line being said grows word by word under
    the time it began (which stays when it is finished)."""
    box = st.container(height=height, autoscroll=autoscroll, border=True)
    if not (call.utterances if said is None else said) and speaking is None:
        box.caption("Waiting for the first words…" if not call.status.is_final else "Nothing was said on this call.")
        return
    for line in shown_lines(call, said, speaking):
        chat_line(box, line)


def chat_line(box: st.delta_generator.DeltaGenerator, shown: ShownLine, *, marked: str | None = None) -> None:
    """One line of a call chat-style: who said it and the time into the call it began, then the words as text;
    with `marked` (the words as inert Markdown, search matches in bold) one element holds both (long calls load
    faster)."""
    voice = shown.voice
    heading = f"**{voice.label}** · {clock(shown.seconds)}" + (" · speaking…" if shown.speaking else "")
    with box.chat_message(voice.value, avatar=AVATARS[voice]):
        if marked is None:
            st.markdown(heading)
            st.text(shown.line.text)
        else:
            st.markdown(f"{heading}  \n{marked}")


def _said(e: Evidence | RaisedObjection | NextStep) -> str:
    """A quote as inert Markdown with its time: “words” (1:05)."""
    text = e.text if isinstance(e, Evidence) else e.quote
    return f"“{md(text)}”" + (f" ({clock(e.at)})" if e.at is not None else "")


def outcome_card(call: Call) -> None:
    """The result of a finished call, first thing in the call panel: outcome, next step, objections, talk time."""
    if call.error_message and call.status is CallStatus.FAILED:
        shown = call_shown_status(call)
        if shown in _SHOWN_ICONS:  # nobody answered, or the line was busy: an outcome, not a system error
            st.info(call.error_message, icon=_NOT_REACHED[Shown(shown)])
        else:
            st.error(call.error_message)
        return
    result = call.analysis
    with st.container(border=True, key="outcome_card"):
        if result is None:
            shown = call_shown_status(call)
            heading = shown.capitalize() if shown in _NOT_REACHED else f"Call {shown}"
            st.markdown(f"**{heading}** after {clock(call.duration_seconds)}")
            st.caption(call.analysis_error or "Analysing the call…")
            return
        st.markdown(
            f"**Outcome: {result.outcome.label}** · customer sentiment {result.sentiment.label} · "
            f"{clock(call.duration_seconds)} · _{md(result.analyst)}_"
        )
        st.text(result.summary)
        step = result.next_step
        if step is not None:
            when = f" · {md(step.when)}" if step.when else ""
            quote = f" — {_said(step)}" if step.quote else ""
            st.markdown(f":green[:material/event_available:] **Next step agreed:** {md(step.action)}{when}{quote}")
        elif result.outcome.connected:
            st.markdown(":orange[:material/event_busy:] **No next step agreed.**")
        if result.outcome is Outcome.DO_NOT_CALL:
            st.warning("The customer asked not to be called again: the app warns before anyone calls this number.")
        if result.objections:  # one line: the card must fit the first screen with the transcript beneath
            said = " · ".join(f"**{o.kind.label}** {_said(o)}" for o in result.objections)
            st.markdown(f":orange[:material/report:] **Objections:** {said}")
        if result.recommendation:
            st.markdown("**Recommended:** " + md(result.recommendation))
        talk = result.talk
        if talk.agent_words + talk.customer_words:
            st.caption(
                f"Talk time: agent {talk.agent_share:.0%}, customer {1 - talk.agent_share:.0%} of"
                f" {counted(talk.agent_words + talk.customer_words, 'word')}"
                f" · {counted(talk.agent_questions, 'agent question')}"
            )


_COVERAGE = {
    Coverage.COVERED: ":green[:material/check:]",
    Coverage.RAISED: ":orange[:material/remove:]",
    Coverage.NOT_COVERED: ":red[:material/close:]",
}


def analysis(service: CallAnalysisService, call: Call, key: str) -> None:
    """Topic coverage with its evidence, or why the analysis failed with a button to re-run it."""
    if not call.status.is_final:
        return
    result = call.analysis
    if result is None:
        st.warning(call.analysis_error or "This call has not been analysed yet.")
        c1, c2 = st.columns(2)
        rerun = c1.button("Re-run analysis", key=f"{key}_rerun_analysis")
        offline = service.has_offline_fallback and c2.button("Analyse offline", key=f"{key}_offline_analysis")
        if rerun or offline:
            try:
                service.analyse_call(call.id, offline=bool(offline))
                st.rerun()
            except SalesbotError as e:
                st.error(e.user_message)
        return
    if call.analysis_error:  # the model failed; the offline analysis stands in until a re-run works
        st.info(call.analysis_error, icon=":material/info:")
        if st.button("Re-run analysis", key=f"{key}_rerun_analysis"):
            try:
                service.analyse_call(call.id)
                st.rerun()
            except SalesbotError as e:
                st.error(e.user_message)
    for topic in result.topics:
        st.markdown(f"{_COVERAGE[topic.status]} **{md(topic.topic)}** — {topic.status.label}")
        if topic.evidence:
            st.markdown("\n".join(f"- {line.speaker.title()}: {_said(line)}" for line in topic.evidence))
        if topic.covered and not topic.evidence:
            st.caption("Analysed before evidence was kept: re-run the analysis to see the exchange.")


def recording(calls: CallService, call: Call) -> None:
    """The recording, fetched on the server with the provider's key (the page never sees a key or a link), or a line
    saying why there is none."""
    if call.provider == "simulated":
        st.caption(":material/mic_off: No recording: simulated calls are not recorded.")
        return
    if not call.recording_url:
        st.caption(
            ":material/mic_off: No recording: this call was not recorded."
            if call.status.is_final
            else ":material/hourglass_top: The recording is not available yet: it comes once the call has ended."
        )
        return
    try:
        audio = calls.recording(call)
    except SalesbotError as e:
        st.caption(f":material/mic_off: {e.user_message}")
        return
    if audio:
        st.audio(audio, format="audio/mpeg" if call.recording_url.lower().endswith(".mp3") else "audio/wav")
    else:
        st.caption(":material/hourglass_top: The recording is not available yet: the provider is still preparing it.")
