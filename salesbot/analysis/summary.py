"""Plain sentences from an analysis: the summary both analysers can fall back on, and what the team should do next."""

from __future__ import annotations

from salesbot.models import CallAnalysis, Coverage, Outcome

_HOW = {
    Outcome.MEETING_BOOKED: "agreed to a meeting",
    Outcome.INTERESTED: "was interested but booked nothing",
    Outcome.FOLLOW_UP: "asked to be contacted later",
    Outcome.NOT_INTERESTED: "declined",
    Outcome.DO_NOT_CALL: "asked not to be called again",
}


def _names(topics: list[str]) -> str:
    return ", ".join(topics[:-1]) + f" and {topics[-1]}" if len(topics) > 1 else "".join(topics)


def summarise(analysis: CallAnalysis, name: str = "") -> str:
    """Two or three sentences that say only what the analysis found."""
    who = name.strip() or "The customer"
    if analysis.outcome is Outcome.NO_ANSWER:
        return f"Nobody answered the call to {name.strip() or 'the customer'}."
    if analysis.outcome is Outcome.BUSY:
        return f"The line to {name.strip() or 'the customer'} was busy."
    if analysis.outcome is Outcome.VOICEMAIL:
        return "The call reached voicemail; no one spoke with the agent."
    if analysis.outcome is Outcome.INCOMPLETE:
        return f"{who} picked up, but the call ended before they engaged."
    how = _HOW[analysis.outcome]
    step = analysis.next_step
    if analysis.outcome is Outcome.FOLLOW_UP and step is not None and step.evidence[:1]:
        how = "agreed to a call back" if step.evidence[0].speaker == "agent" else how
    parts = [f"{who} {how}."]
    covered = [t.topic for t in analysis.topics if t.status is Coverage.COVERED]
    raised = [t.topic for t in analysis.topics if t.status is Coverage.RAISED]
    missed = [t.topic for t in analysis.topics if t.status is Coverage.NOT_COVERED]
    if covered:
        parts.append(f"Discussed {_names(covered)}.")
    if raised:
        parts.append(f"Raised but not discussed: {_names(raised)}.")
    if missed:
        parts.append(f"Not reached: {_names(missed)}.")
    if analysis.objections:
        parts.append(f"Objections: {_names([o.kind.label for o in analysis.objections])}.")
    if step is not None:
        parts.append(f"Next step: {step.action}{f' ({step.when})' if step.when else ''}.")
    return " ".join(parts)


def recommendation(analysis: CallAnalysis, name: str = "", email: str | None = None) -> str:
    """What the team should do next, given how the call ended."""
    first = (name.split() or ["the customer"])[0]
    where = f" to {email}" if email else ""
    step = analysis.next_step
    when = f" ({step.when})" if step is not None and step.when else ""
    return {
        Outcome.MEETING_BOOKED: f"Send {first} the invite{where} for the {step.action if step else 'meeting'}{when}.",
        Outcome.INTERESTED: f"Email {first} what was discussed{where} and propose a walkthrough.",
        Outcome.FOLLOW_UP: f"Contact {first} again when they asked{when}.",
        Outcome.NOT_INTERESTED: f"Do not push further; note why {first} declined.",
        Outcome.DO_NOT_CALL: f"Do not call {first} again; the number is marked do-not-call.",
        Outcome.VOICEMAIL: f"Try {first} again at another time, or follow up by email.",
        Outcome.NO_ANSWER: f"Try {first} again at another time.",
        Outcome.BUSY: f"Try {first} again in a little while: the line was busy.",
        Outcome.INCOMPLETE: f"Try {first} again; the call ended before they engaged.",
    }[analysis.outcome]
