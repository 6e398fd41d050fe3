"""Benchmark: do simulated calls listen? Questions answered, edited sentences spoken, price objections, call length.

Run: `.venv/bin/python benchmarks/simulated_calls.py [--seeds 3]`. Every customer of `tests/data/customers/awkward.json`
gets the offline writer's script (with the record's language, tone and length) and a call with each of the twelve
personas per seed, played by the rules engine with the default offer facts (`Settings().offer_facts`).

The rubric, stated:
- *A customer question* is a customer line whose last sentence ends with "?", other than a greeting on picking up
  or a bad line ("Hello?"). It is *answered* when the agent's next line speaks of what was asked: for a question the
  playbook knows (a topic's `asks`), that ask's `answered_by` pattern matches the agent's line, or the line is an
  honest deferral naming the ask's subject; for a question about the offer (price, trial, setup time, where we are
  based, when we started, who we work with), the line states that fact (`fact_pattern`) or defers naming it. Any
  other question counts as unanswered.
- *Edited sentences spoken*: each customer's script is edited five ways (a discovery and a value sentence rewritten
  under a new "On …:" label, the labels' case changed, the headers removed, Value moved before Discovery, one
  sentence reworded with no label); on a ready-to-book call every edited sentence must be said verbatim, and every
  spoken sentence of the version in its order.
- *Price objection before any price*: a customer line the analyser's price-objection cue matches, before any agent
  line that names a price: a statement with price words and an amount (`names_a_price`).
- *Ready-to-book length*: a meeting-booked call with the ready persona at pace 1×, from the start to the last word.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from salesbot.analysis.lexicon import NOT_AN_OBJECTION  # noqa: E402
from salesbot.analysis.lexicon import OBJECTIONS as OBJECTION_CUES  # noqa: E402
from salesbot.models import Customer, ObjectionKind, Outcome, ScriptOptions, Speaker  # noqa: E402  # noqa: E402
from salesbot.playbook import GENERIC, PLAYS, endings, hindi, listening, voices  # noqa: E402
from salesbot.playbook.facts import OfferFacts, asked_fact, fact_pattern, fact_subject  # noqa: E402
from salesbot.playbook.personas import PERSONAS  # noqa: E402
from salesbot.scripts.offline import OfflineScriptWriter  # noqa: E402
from salesbot.settings import Settings  # noqa: E402
from salesbot.telephony.conversation import SimulatedCall, plan_call  # noqa: E402
from salesbot.telephony.script_reading import names_a_price, read_script  # noqa: E402

CUSTOMERS = ROOT / "tests" / "data" / "customers" / "awkward.json"
WRITER = OfflineScriptWriter("Maya", "Acme Cloud", "Salesbot", chunk_delay_s=0)
FACTS = OfferFacts.parse(Settings().offer_facts)
_PICK_UP = {g.split("{")[0] for g in (*voices.GREETINGS, *voices.LINE_DROPS, *getattr(hindi, "GREETINGS", ()),
                                      *getattr(hindi, "LINE_DROPS", ()))}  # fmt: skip


def customers() -> list[tuple[Customer, ScriptOptions]]:
    rows = json.loads(CUSTOMERS.read_text(encoding="utf-8"))
    out = []
    for i, row in enumerate(rows, 1):
        customer = Customer(
            id=i, name=row["name"], country_code=row.get("country_code", "IN"), phone_number="9876543210",
            phone_e164="+919876543210", email=row.get("email"), conversation_history=row.get("conversation_history", ""),
            topics=row["topics"], created_at=datetime(2026, 12, 1, tzinfo=UTC),
        )  # fmt: skip
        options = ScriptOptions(tone=row.get("tone", "consultative"), language=row.get("language", "English"),
                                length=row.get("length", "standard"))  # fmt: skip
        out.append((customer, options))
    return out


def _asks() -> dict[str, object]:
    known: dict[str, object] = {}
    for play in (*PLAYS, GENERIC):
        for ask in play.asks:
            known[ask.say.en] = known[ask.say.hi] = ask
    return known


ASKS = _asks()


def is_question(text: str) -> bool:
    last = re.split(r"(?<=[.!?।])\s+", text.strip())[-1]
    return last.endswith("?") and not any(text.startswith(p) for p in _PICK_UP if p)


def _requests() -> dict[str, str]:
    """Requests to call back, each with the time words an acknowledgement repeats."""
    found: dict[str, str] = {}
    for module in (endings, hindi):
        for name in ("FOLLOW_UPS", "CALL_BACKS", "ASSISTANT_CALL_BACKS"):
            found.update(dict(getattr(module, name, ())))
    return found


REQUESTS = _requests()
SKIPS = {*voices.DEFLECTIONS, *getattr(hindi, "DEFLECTIONS", ())}
MOVE_ON = {*voices.MOVE_ON, *getattr(hindi, "MOVE_ON", ())}
DEFERRALS = {max(re.split(r"\{\w+\}", d), key=len) for d in (*listening.DEFER, *hindi.DEFER)}


def answered(question: str, reply: str) -> bool:
    """Does the agent's reply speak of what the question asked (the rubric above)?"""
    request = next((when for asked, when in REQUESTS.items() if asked.split("{")[0] in question), None)
    if request is not None:  # a request to call back: acknowledged with its time words
        return request in reply
    if question in SKIPS:  # "Can we skip that one?": the agent leaves it there
        return any(reply.startswith(m) for m in MOVE_ON)
    last = re.split(r"(?<=[.!?।])\s+", question.strip())[-1]
    ask = ASKS.get(last) or next((a for q, a in ASKS.items() if q and q in question), None)
    if ask is not None:
        subject = (ask.subject.en, ask.subject.hi)  # type: ignore[attr-defined]
        return bool(ask.answered_by.search(reply)) or any(s and s in reply for s in subject)  # type: ignore[attr-defined]
    kind = asked_fact(question)
    if kind is not None:
        return bool(fact_pattern(kind).search(reply)) or any(
            fact_subject(kind, lang) in reply for lang in ("English", "Hindi")
        )
    return False


def price_objection_before_price(call: SimulatedCall) -> bool:
    priced = False
    for line in call.lines:
        if line.speaker is Speaker.AGENT and names_a_price(line.text):
            priced = True
        cue = OBJECTION_CUES[ObjectionKind.PRICE]
        objects = line.speaker is Speaker.CUSTOMER and cue.search(line.text) and not NOT_AN_OBJECTION.search(line.text)
        if objects and not priced:
            return True
    return False


def edits(script: str) -> list[tuple[str, list[str]]]:
    """The script edited five ways, each with the sentences a presenter wrote that must be said verbatim."""
    lines = script.splitlines()

    def index(section: str) -> int:
        at = lines.index(f"[{section}]")
        return next(i for i in range(at + 1, len(lines)) if lines[i].strip())

    d, v = index("Discovery"), index("Value")
    asked, told = "How many people would use it in the first month?", "We set up every new team in a single afternoon."
    relabelled = list(lines)
    relabelled[d], relabelled[v] = f"On Team Size: {asked}", f"FOR THE SETUP: {told}"
    plain = list(lines)
    plain[v] = told
    no_headers = [line for line in relabelled if not line.startswith("[")]
    at_d, at_v, at_o = lines.index("[Discovery]"), lines.index("[Value]"), lines.index("[Objections]")
    reordered = lines[:at_d] + lines[at_v:at_o] + lines[at_d:at_v] + lines[at_o:]
    reordered[reordered.index(lines[d])] = asked
    cased = [re.sub(r"^\[(\w+)\]$", lambda m: f"[{m.group(1).upper()}]", line) for line in relabelled]
    return [("\n".join(relabelled), [asked, told]), ("\n".join(plain), [told]), ("\n".join(no_headers), [asked, told]),
            ("\n".join(reordered), [asked]), ("\n".join(cased), [asked, told])]  # fmt: skip


def spoken_in_order(script: str, customer: Customer, call: SimulatedCall) -> bool:
    """Every sentence said, in the version's order (a sentence said earlier as an answer is not said again)."""
    agent = " ".join(line.text for line in call.lines if line.speaker is Speaker.AGENT)
    at = 0
    for sentence in read_script(script, customer.topics).sentences:
        found = agent.find(sentence.text, at)
        if found < 0 and sentence.text in agent[:at]:
            continue
        if found < 0:
            return False
        at = found + len(sentence.text)
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--show", action="store_true", help="print versions not spoken whole and in order")
    args = parser.parse_args()
    people = customers()
    questions = answers = calls = early_price = deferred = 0
    missed: list[tuple[str, str]] = []
    ready_lengths: list[float] = []
    by_topics: dict[int, list[float]] = {}
    for n, (customer, options) in enumerate(people):
        script = WRITER.compose(customer, options)
        for persona in PERSONAS:
            for seed in range(args.seeds):
                call = plan_call(customer, script, f"bench-{n}-{seed}", persona=persona.name, facts=FACTS)
                calls += 1
                early_price += price_objection_before_price(call)
                lines = call.lines
                for i, line in enumerate(lines):
                    if line.speaker is Speaker.CUSTOMER and is_question(line.text):
                        reply = next((x.text for x in lines[i + 1 :] if x.speaker is Speaker.AGENT), "")
                        questions += 1
                        if answered(line.text, reply):
                            answers += 1
                            deferred += any(d in reply for d in DEFERRALS)
                        else:
                            missed.append((line.text, reply))
                if persona.name == "ready" and call.truth.outcome is Outcome.MEETING_BOOKED:
                    ready_lengths.append(call.ends_at)
                    by_topics.setdefault(len(customer.topics), []).append(call.ends_at)
    edited = spoken = in_order = total_versions = 0
    broken: list[tuple[int, str, SimulatedCall]] = []
    for n, (customer, options) in enumerate(people):
        for version, wanted in edits(WRITER.compose(customer, options)):
            booked = (plan_call(customer, version, f"edit-{n}-{i}", persona="ready", facts=FACTS) for i in range(50))
            call = next(c for c in booked if c.truth.outcome is Outcome.MEETING_BOOKED)
            agent = " ".join(line.text for line in call.lines if line.speaker is Speaker.AGENT)
            edited += len(wanted)
            spoken += sum(sentence in agent for sentence in wanted)
            total_versions += 1
            whole = spoken_in_order(version, customer, call)
            in_order += whole
            if not whole and len(broken) < 3:
                broken.append((n, version, call))
    print(f"customers: {len(people)}, calls: {calls} (12 personas x {args.seeds} seeds each)")
    print(
        f"customer questions answered about what was asked: {answers}/{questions} = {answers / max(questions, 1):.1%}"
        f" ({answers - deferred} from the script or the offer's facts, {deferred} honestly deferred to the email)"
    )
    print(f"edited sentences spoken verbatim: {spoken}/{edited} = {spoken / max(edited, 1):.1%};"
          f" versions spoken whole and in order: {in_order}/{total_versions}")  # fmt: skip
    print(f"price objections before any price: {early_price} of {calls} calls")
    if ready_lengths:
        q = statistics.quantiles(ready_lengths, n=20)
        print(f"ready-to-book call at 1x: p50 {statistics.median(ready_lengths):.1f} s, p95 {q[18]:.1f} s,"
              f" max {max(ready_lengths):.1f} s over {len(ready_lengths)} calls")  # fmt: skip
    for topics, lengths in sorted(by_topics.items()):
        print(
            f"  {topics} topic(s): p50 {statistics.median(lengths):.0f} s, max {max(lengths):.0f} s ({len(lengths)} calls)"
        )
    for _n, version, call in broken if "--show" in sys.argv else ():
        print(version, *(f"{x.speaker.value}: {x.text}" for x in call.lines), sep="\n")
    for question, reply in missed[:12]:
        print(f"  missed: {question!r} -> {reply[:110]!r}")


if __name__ == "__main__":
    main()
