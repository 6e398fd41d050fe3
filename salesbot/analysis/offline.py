"""The deterministic analyser: outcome, sentiment, evidenced topic coverage, objections and next step, by rules."""

from __future__ import annotations

from salesbot.analysis import lexicon as lx
from salesbot.analysis.evidence import Line, Transcript, normal, sentences, takes_up
from salesbot.analysis.summary import recommendation, summarise
from salesbot.analysis.verify import talk_time, verified
from salesbot.models import (
    Call,
    CallAnalysis,
    Coverage,
    Customer,
    Evidence,
    NextStep,
    ObjectionKind,
    Outcome,
    RaisedObjection,
    Sentiment,
    Speaker,
    TopicCoverage,
)


class OfflineCallAnalyst:
    name = "offline"

    def analyse(self, call: Call, customer: Customer) -> CallAnalysis:
        return read_call(call, customer.topics, customer.name, customer.email, analyst=self.name)


def read_call(call: Call, topics: list[str], name: str = "", email: str | None = None, *, analyst: str) -> CallAnalysis:
    """Everything the rules can tell about a call, every quote checked against the transcript."""
    t = Transcript(call, topics)
    coverage = [_coverage(t, topic) for topic in topics]
    objections = _objections(t)
    outcome, decisive = _outcome(t, call)
    step = _next_step(t, outcome, decisive)
    talk = talk_time(call)
    analysis = CallAnalysis(
        summary="",
        outcome=outcome,
        sentiment=_sentiment(t, outcome, objections),
        topics=coverage,
        objections=objections,
        next_step=step,
        talk=talk,
        analyst=analyst,
    )
    checked = verified(analysis, call, t.context)
    return checked.model_copy(
        update={"summary": summarise(checked, name), "recommendation": recommendation(checked, name, email)}
    )


def _quote(line: Line, text: str | None = None) -> Evidence:
    return Evidence(speaker=line.speaker.value, text=text if text is not None else line.text, at=line.at)


def _coverage(t: Transcript, topic: str) -> TopicCoverage:
    """Covered when the agent raised it and the customer answered, or the customer raised it; else raised or not."""
    raised: list[Evidence] = []
    if not t.heard or (t.voicemail and not t.earnest):  # a message left on a machine covers nothing
        return TopicCoverage(topic=topic, status=Coverage.NOT_COVERED)
    for n, line in enumerate(t.lines):
        if line.speaker is Speaker.CUSTOMER:
            if line.index in t.earnest and not lx.DO_NOT_CALL.search(line.text):  # a deflecting sentence is not
                own = [s for s in sentences(line.text) if t.mentions(topic, s) and not lx.DEFLECT.search(s)]
                if own:
                    return TopicCoverage(topic=topic, status=Coverage.COVERED, evidence=[_quote(line, own[0])])
            continue
        spoken = [s for s in sentences(line.text) if normal(s) not in t.context]
        about = [s for s in spoken if t.mentions(topic, s)]
        if not about:
            continue
        reply = t.next_line(n)
        others = [s for s in spoken if any(t.mentions(o, s) for o in t.matchers if o != topic)]
        answered_last = not others or spoken.index(others[-1]) < spoken.index(about[-1])
        if reply is None or reply.speaker is not Speaker.CUSTOMER or reply.index not in t.earnest:
            if not raised:
                raised = [_quote(line, about[-1])]
            continue
        asked = about[-1].rstrip().endswith("?")
        if answered_last and takes_up(reply.text, topic, t.matchers, asked=asked):
            focus = [s for s in sentences(reply.text) if t.mentions(topic, s)]  # the reply's words on it, if any
            evidence = [_quote(line, about[-1]), _quote(reply, focus[0] if focus else None)]
            return TopicCoverage(topic=topic, status=Coverage.COVERED, evidence=evidence)
        if not raised:  # put off, cut short or turned aside: the agent's sentence and the line that did it
            raised = [_quote(line, about[-1]), _quote(reply)]
    return TopicCoverage(topic=topic, status=Coverage.RAISED if raised else Coverage.NOT_COVERED, evidence=raised)


def _objections(t: Transcript) -> list[RaisedObjection]:
    found: dict[ObjectionKind, RaisedObjection] = {}
    for line in t.lines:
        if line.index not in t.earnest:
            continue
        for sentence in sentences(line.text):
            if lx.NOT_AN_OBJECTION.search(sentence):
                continue
            asking = sentence.rstrip().endswith("?")  # "would it work with what we already have?" is a question
            for kind, pattern in lx.OBJECTIONS.items():
                if kind not in found and pattern.search(sentence) and not (asking and kind is not ObjectionKind.PRICE):
                    found[kind] = RaisedObjection(kind=kind, quote=sentence, at=line.at)
    return sorted(found.values(), key=lambda o: (o.at or 0.0, list(ObjectionKind).index(o.kind)))


def _outcome(t: Transcript, call: Call) -> tuple[Outcome, Line | None]:
    """How the call ended, and the customer line that decided it."""
    said = [ln for ln in t.lines if ln.speaker is Speaker.CUSTOMER]
    if any(lx.DO_NOT_CALL.search(ln.text) for ln in said):
        return Outcome.DO_NOT_CALL, next(ln for ln in said if lx.DO_NOT_CALL.search(ln.text))
    if not t.earnest:
        if t.voicemail:
            return Outcome.VOICEMAIL, None
        if t.heard:  # someone picked up; a line that only ever carried the agent's voice reached nobody
            return Outcome.INCOMPLETE, None
        return Outcome.NO_ANSWER, None
    decided: tuple[Outcome, Line] | None = None
    warm: Line | None = None
    for n, line in enumerate(t.lines):
        asked = t.lines[n - 1].text if n and t.lines[n - 1].speaker is Speaker.AGENT else ""
        if line.index not in t.earnest and not (line.speaker is Speaker.CUSTOMER and accepts(asked, line.text)):
            continue  # a bare "Okay." counts only as the answer to a proposal of a time
        after = t.lines[n + 1].text if n + 1 < len(t.lines) and t.lines[n + 1].speaker is Speaker.AGENT else ""
        verdict = _verdict(line.text, asked, after)
        if verdict is not None:
            decided = (verdict, line)
        elif lx.POSITIVE.search(line.text) or lx.SEND_INFO.search(line.text):
            warm = line
    if decided is not None:
        return decided
    return Outcome.INTERESTED, warm


def _verdict(text: str, asked: str, after: str) -> Outcome | None:
    """What one customer line decides, if anything; a meeting beats a call back, a call back beats a no.

    `asked` is the agent's turn before the line, `after` the agent's turn after it (a booking it confirms).
    """
    if lx.DECLINE.search(text) and not lx.FOLLOW_UP.search(text):
        return Outcome.NOT_INTERESTED
    they_propose = lx.MEETING_WORDS.search(text) and (lx.PROPOSAL.search(text) or lx.ACCEPT.search(text) or "?" in text)
    meeting_talk = _proposes_meeting(asked) or they_propose
    settled = not lx.NOT_YET.search(text) or bool(lx.when_words(text))  # "Wednesday ten; if not, I'll let you know"
    if settled and not lx.FOLLOW_UP.search(text):
        if meeting_talk and (lx.ACCEPT.search(text) or lx.when_words(text)):
            return Outcome.MEETING_BOOKED
        if lx.CONFIRMS_MEETING.search(after) and (lx.ACCEPT.search(text) or lx.when_words(text)):
            return Outcome.MEETING_BOOKED
    if lx.FOLLOW_UP.search(text):
        return Outcome.FOLLOW_UP
    if lx.CALL_WORDS.search(asked) and accepts(asked, text):  # "Shall I call you Tuesday at 11?" "Sure."
        return Outcome.FOLLOW_UP
    return None


def proposes(turn: str) -> bool:
    """Does a turn propose a time for a call or meeting ("Shall I call you next Tuesday at 11?", "I'll ring you
    Friday morning", "How about Thursday at 3?")? A time is needed: "Shall I send you the deck?" agrees nothing."""
    said = sentences(turn)
    for n, sentence in enumerate(said):
        asks = sentence.rstrip().endswith("?") or lx.OFFER.search(sentence) or lx.PROPOSAL.search(sentence)
        timed = lx.when_words(sentence) or (n and lx.when_words(said[n - 1]))
        if asks and timed and (lx.CALL_WORDS.search(turn) or lx.MEETING_WORDS.search(turn) or lx.OFFER.search(turn)):
            return True
    return False


def accepts(proposal: str, reply: str) -> bool:
    """Does the reply take up the proposal (docs/analysis.md, "Next step")? Not when it declines, moves the time,
    puts it off or asks back."""
    if not proposes(proposal) or not lx.AGREES.search(reply):
        return False
    turned = (lx.REFUSES, lx.DECLINE, lx.DEFLECT, lx.CUT_OFF, lx.DO_NOT_CALL, lx.NOT_YET)
    return not any(p.search(reply) for p in turned)


def _proposes_meeting(agent_turn: str) -> bool:
    """Does the agent ask for a meeting here (not just mention one, as in "we'd show you in a walkthrough")."""
    return any(
        lx.MEETING_WORDS.search(s) and (s.rstrip().endswith("?") or lx.PROPOSAL.search(s))
        for s in sentences(agent_turn)
    )


def _next_step(t: Transcript, outcome: Outcome, decisive: Line | None) -> NextStep | None:
    """The meeting or call back agreed, with its time words from the customer's line or else from the proposal, and
    as evidence the proposal and its acceptance when one side proposed and the other accepted."""
    if decisive is None or outcome not in (Outcome.MEETING_BOOKED, Outcome.FOLLOW_UP):
        return None
    n = next(i for i, ln in enumerate(t.lines) if ln.index == decisive.index)
    before = t.lines[n - 1] if n and t.lines[n - 1].speaker is Speaker.AGENT else None
    after = t.next_line(n)
    asked = before.text if before else ""
    evidence: list[Evidence] = []
    if before is not None and accepts(before.text, decisive.text):  # the agent proposed, the customer accepted
        evidence = [_quote(before, _proposal(before.text)), _quote(decisive)]
    elif after is not None and after.speaker is Speaker.AGENT and accepts(decisive.text, after.text):
        evidence = [_quote(decisive, _proposal(decisive.text)), _quote(after)]  # the customer proposed
    when = lx.when_words(decisive.text) or lx.when_words(asked)
    if evidence:  # the time accepted: as the acceptance says it, else as proposed
        when = lx.when_words(evidence[1].text) or lx.when_words(evidence[0].text)
    if outcome is Outcome.FOLLOW_UP:
        if not lx.when_words(decisive.text) and not evidence:
            return None
        return NextStep(action="call back", when=when, quote=decisive.text, at=decisive.at, evidence=evidence)
    action = lx.meeting_action(decisive.text) or lx.meeting_action(asked) or "meeting"
    return NextStep(action=action, when=when, quote=decisive.text, at=decisive.at, evidence=evidence)


def _proposal(turn: str) -> str:
    """The sentence of a turn that proposes the time (the one with the time words), verbatim."""
    timed = [s for s in sentences(turn) if lx.when_words(s)]
    return timed[-1] if timed else turn


def _sentiment(t: Transcript, outcome: Outcome, objections: list[RaisedObjection]) -> Sentiment:
    said = [ln.text for ln in t.lines if ln.index in t.earnest]
    score = sum(len(lx.POSITIVE.findall(s)) for s in said) - sum(len(lx.NEGATIVE.findall(s)) for s in said)
    score += {
        Outcome.MEETING_BOOKED: 2,
        Outcome.INTERESTED: 1,
        Outcome.NOT_INTERESTED: -2,
        Outcome.DO_NOT_CALL: -4,
    }.get(outcome, 0)
    score -= len(objections) // 2
    if not outcome.connected:  # a machine or a bare "Hello?" is no one's sentiment
        return Sentiment.NOT_GIVEN
    return Sentiment.POSITIVE if score >= 2 else Sentiment.NEGATIVE if score <= -2 else Sentiment.NEUTRAL
