"""Topic plays and objections: what each kind of topic means, for the offline writer and the simulated customer."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class TopicPlay:
    """How a kind of topic is discussed: the agent's question and value, the customer's answers."""

    kind: str
    keywords: tuple[str, ...]
    question: str  # {topic} is replaced by the customer's own words
    value: str
    customer_answers: tuple[str, ...]
    customer_worry: str


PLAYS: tuple[TopicPlay, ...] = (
    TopicPlay(
        "pricing",
        ("price", "pricing", "cost", "budget", "plan", "licen", "discount", "quote"),
        "How are you budgeting for {topic} this year, and what would a good return look like for you?",
        "Our plans are priced per seat with no setup fee, and most teams recover the cost within the first quarter.",
        ("We have some budget set aside, but it has to show a return quickly.", "Budget is tight this year, honestly."),
        "What would this actually cost us per month?",
    ),
    TopicPlay(
        "integration",
        ("integrat", "crm", "api", "salesforce", "hubspot", "zoho", "connect", "sync", "erp"),
        "Which systems would {topic} need to work with on your side?",
        "We connect to the common CRMs out of the box and have an open API, so your data stays where your team works.",
        ("We run most things through our CRM, so it would have to sync with that.", "We have an in-house system too."),
        "Would it really work with the tools we already have?",
    ),
    TopicPlay(
        "security",
        ("secur", "privacy", "complian", "gdpr", "data protection", "soc", "iso", "hipaa", "audit"),
        "What does your security team need to see before approving something like {topic}?",
        "Your data is encrypted in transit and at rest, access is role-based, and we share our audit reports on request.",
        ("Our IT team is strict about where customer data goes.", "We'd need to pass a security review first."),
        "Where exactly would our customer data be stored?",
    ),
    TopicPlay(
        "onboarding",
        ("onboard", "training", "setup", "implement", "rollout", "adoption", "learn"),
        "Who would be involved in {topic}, and how quickly would you want the team up and running?",
        "A dedicated onboarding lead gets your team live in about two weeks, with live training sessions included.",
        ("The team is busy, so setup needs to be quick.", "We'd want training for about twenty people."),
        "How much of my team's time would the setup take?",
    ),
    TopicPlay(
        "support",
        ("support", "service", "help", "sla", "uptime", "maintenance"),
        "When something goes wrong, what kind of {topic} does your team expect?",
        "You get a named support contact, a four-hour response target and a status page you can follow.",
        ("Our last vendor took days to answer tickets.", "We need someone to pick up the phone when it matters."),
        "What happens if something breaks on a weekend?",
    ),
    TopicPlay(
        "reporting",
        ("report", "analytic", "dashboard", "insight", "metric", "kpi", "forecast", "data"),
        "Which numbers do you look at every week, and how do you get {topic} today?",
        "Live dashboards show every call, outcome and trend, and you can export them for your weekly reviews.",
        ("Right now we build reports by hand in spreadsheets.", "I'd love to see conversion by region."),
        "Can I get the reports my managers already ask for?",
    ),
    TopicPlay(
        "scale",
        ("scal", "growth", "volume", "performance", "expand", "team size", "capacity"),
        "How do you expect {topic} to change over the next year?",
        "The platform grows with you: adding seats or regions takes minutes, not a new project.",
        ("We're planning to double the sales team next year.", "Volumes spike a lot around the festive season."),
        "Will it keep up when we grow?",
    ),
    TopicPlay(
        "automation",
        ("automat", "ai", "workflow", "follow-up", "follow up", "productiv", "efficien", "time"),
        "Where does your team lose the most time today when it comes to {topic}?",
        "Routine follow-ups and call notes are handled automatically, which gives each rep back hours every week.",
        ("My reps spend half their day on follow-ups.", "A lot of leads go cold because nobody calls back."),
        "Will my team actually trust the automation?",
    ),
)

GENERIC = TopicPlay(
    "general",
    (),
    "What would make {topic} a success for you this quarter?",
    "We have helped teams like yours with {topic}, and we can show you exactly how in a short walkthrough.",
    ("That's something we've been talking about internally.", "It matters, but we haven't settled on an approach."),
    "How is this different from what we could do ourselves?",
)


def play_for(topic: str) -> TopicPlay:
    """The play whose keywords best match a topic, or the generic play."""
    words = topic.lower()
    best, best_hits = GENERIC, 0
    for play in PLAYS:
        hits = sum(1 for k in play.keywords if re.search(rf"\b{re.escape(k)}", words))
        if hits > best_hits:
            best, best_hits = play, hits
    return best


@dataclass(frozen=True)
class Objection:
    kind: str
    customer_says: str
    agent_answers: str


OBJECTIONS: tuple[Objection, ...] = (
    Objection(
        "price",
        "Honestly, it sounds expensive for us right now.",
        "I understand. Most teams start with a small pilot, so you only pay for the seats that prove their value.",
    ),
    Objection(
        "timing",
        "The timing isn't great, we're in the middle of our busy season.",
        "That makes sense. We can plan the setup around your calendar and start with a short, low-effort pilot.",
    ),
    Objection(
        "competitor",
        "We already use another tool for some of this.",
        "Many of our customers did too. We can run side by side for a month so you can compare on your own numbers.",
    ),
    Objection(
        "authority",
        "I'd need to check with my manager before committing to anything.",
        "Of course. I can send a one-page summary you can share, and we can include your manager in the next call.",
    ),
)

PRICE_TOPIC_WORDS = ("price", "pricing", "cost", "budget")


# --- temporary shim of the new shape (replaced by the rewritten playbook) ---
@dataclass(frozen=True)
class Say:
    en: str
    hi: str

    def in_language(self, language: str) -> str:
        return self.hi if language == "Hindi" else self.en


@dataclass(frozen=True)
class CustomerAsk:
    say: Say
    subject: Say
    answered_by: re.Pattern[str]


def _answers(self: TopicPlay) -> tuple[Say, ...]:
    from salesbot.playbook.voices import ANSWERS

    return tuple(Say(a, a) for a in ANSWERS[self.kind])


def _asks(self: TopicPlay) -> tuple[CustomerAsk, ...]:
    from salesbot.playbook.voices import WORRIES

    cue = re.compile("|".join(re.escape(k) for k in self.keywords) or "walkthrough", re.I)
    return tuple(CustomerAsk(Say(w, w), Say("that", "that"), cue) for w in WORRIES[self.kind])


TopicPlay.answers = property(_answers)  # type: ignore[attr-defined]
TopicPlay.asks = property(_asks)  # type: ignore[attr-defined]
Objection.answers = property(lambda self: (Say(self.agent_answers, self.agent_answers),))  # type: ignore[attr-defined]
