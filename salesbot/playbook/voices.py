"""What simulated customers say while a call runs, several ways each, so thousands of calls do not read the same."""

from __future__ import annotations

from salesbot.models import ObjectionKind

K = ObjectionKind

GREETINGS = ("Hello?", "Hi, speaking.", "Yes, hello?", "Hello, {first} speaking.", "Hi, who's this?", "Hello, yes?")
LINE_DROPS = ("Hello? Hello?", "Hello? Anyone there?", "Sorry? Hello?")  # a bad line: still only greetings
GO_AHEAD = (
    "Sure, go ahead.",
    "Yes, I have a few minutes.",
    "Yes, now is fine.",
    "Okay, I've got ten minutes.",
    "Go on, I'm listening.",
    "I have a few minutes, yes.",
)
RECAP_KNOWN = (
    "Yes, that's still right.",
    "Mostly, yes. Things have moved on a little.",
    "That's right.",
    "Yes, nothing much has changed since then.",
    "More or less, yes.",
)
RECAP_NEW = (
    "We're a small team, and we've been looking at options for a while.",
    "Sure. We're about thirty people, mostly field sales.",
    "We sell to retailers, mostly over the phone.",
    "We're a family business, about fifty people.",
)

# Answers to a discovery question, by kind of topic; none of them objects, and none speaks of another kind of topic.
ANSWERS: dict[str, tuple[str, ...]] = {
    "pricing": (
        "We have some money set aside for tools this year, as long as it pays for itself.",
        "Finance wants to see payback within a year, that's the main thing.",
        "We'd expect to pay per user, and a clear return within a couple of quarters.",
        "We plan spend per quarter, and a clear return matters more than the sticker.",
        "It's not the biggest factor for us. Fit matters more.",
    ),
    "integration": (
        "We run most things through our CRM, so it would have to sync with that.",
        "We're on Zoho for the CRM, and our invoicing sits in Tally.",
        "Mostly HubSpot, plus a couple of spreadsheets nobody admits to.",
        "We have an in-house system for orders, and the CRM on top of it.",
        "Anything new has to connect to Salesforce, that's a must.",
    ),
    "security": (
        "Our IT team is strict about where customer data goes.",
        "We'd need to pass a security review first, that's standard for us.",
        "They'd want to know where the data is stored and who can see it.",
        "We had an audit last year, so the bar is fairly high now.",
        "Mainly that customer phone numbers stay in the country.",
    ),
    "onboarding": (
        "We'd want training for about twenty people.",
        "Ideally the team is up and running within a month.",
        "Our sales ops lead would own the rollout, with a couple of reps trying it first.",
        "Setup needs to be quick, the reps won't sit through long sessions.",
        "We'd start with one branch and roll it out from there.",
    ),
    "support": (
        "We need someone to pick up the phone when it matters.",
        "Same-day answers during business hours would be enough.",
        "Mostly email support, but a phone line for outages.",
        "Our reps work Saturdays, so weekend cover would help.",
        "Quick replies to tickets. That's the main thing.",
    ),
    "reporting": (
        "Right now we build reports by hand in spreadsheets.",
        "I'd love to see conversion by region every Monday.",
        "Calls made, meetings booked and deals closed, per rep, every week.",
        "My managers want a weekly dashboard they can read in five minutes.",
        "Pipeline by stage, mostly. We pull it together on Friday afternoons.",
    ),
    "scale": (
        "We're planning to double the sales team next year.",
        "Volumes spike a lot around the festive season.",
        "Two new cities next year, maybe three.",
        "We'll add about fifteen reps by the summer.",
        "Call volume roughly triples in the last month of each quarter.",
    ),
    "automation": (
        "My reps spend half their day on follow-ups.",
        "A lot of leads go cold because nobody calls back.",
        "Writing call notes takes ages, and half of them never get written.",
        "Reminders, mostly. People forget to follow up after the first call.",
        "Data entry after every call. It eats an hour a day per rep.",
    ),
    "general": (
        "That's something we've been talking about internally.",
        "It matters, but we haven't settled on an approach.",
        "We've tried a couple of things, and nothing has stuck yet.",
        "It's on our list for this quarter.",
        "I'd like to hear how other teams handle it.",
    ),
}
# Asked back after the agent's value line, by kind of topic.
WORRIES: dict[str, tuple[str, ...]] = {
    "pricing": ("What would this actually cost us per month?", "Is there a minimum number of seats?"),
    "integration": ("Would it really work with the tools we already have?", "Does it sync both ways?"),
    "security": ("Where exactly would our customer data be stored?", "Can our IT team see the audit reports first?"),
    "onboarding": ("How much of my team's time would the setup take?", "Is the training live or recorded?"),
    "support": ("What happens if something breaks on a weekend?", "Would we have one named contact?"),
    "reporting": ("Can I get the reports my managers already ask for?", "Can we export the reports to Excel?"),
    "scale": ("Will it keep up when we grow?", "What if we add a region in the middle of the year?"),
    "automation": ("Will my team actually trust the automation?", "Can reps change a follow-up before it goes out?"),
    "general": ("How is this different from what we could do ourselves?", "Have you done this for a team like ours?"),
}
WORRY_ANSWERS = (
    "Good question. That's exactly what we'd show you with your own data in a walkthrough.",
    "Yes, and I can show you exactly how in a short walkthrough.",
    "That comes up a lot. The walkthrough covers it step by step.",
)
DEFLECTIONS = (
    "Let's not get into that right now.",
    "I'd rather not go into that on a first call.",
    "I don't want to talk about that today.",
    "Can we skip that one?",
    "Let's leave that for another time.",
)
SUBJECT_CHANGES = (
    "Sorry, before that, where is your company based?",
    "Sorry, can I ask how long you've been around?",
    "Sorry, before that, is there a free trial?",
    "Actually, who else do you work with around here?",
)
MOVE_ON = ("Fair enough, let's move on.", "No problem at all.", "Understood, I'll leave that there.", "Of course.")
SUBJECT_ANSWERS = (
    "Good question. We've been doing this for about eight years. Let me move on, though.",
    "Happy to tell you more in my email. For now, let me move on.",
    "I'll put that in my email. Let me keep going.",
)
DECISION_ANSWERS = (
    "It would be me and our operations lead.",
    "Mostly me, with our sales head.",
    "I'd bring in one of our team leads.",
)

# The customer's own words for each objection; the first is the one scripts are written against.
OBJECTION_LINES: dict[ObjectionKind, tuple[str, ...]] = {
    K.PRICE: (
        "Honestly, it sounds expensive for us right now.",
        "That's more than we'd planned to spend this year.",
        "Our budget is tight, so the price would have to come down.",
        "I'm not sure we can afford that at the moment.",
        "It's a lot of money for a team our size.",
    ),
    K.TIMING: (
        "The timing isn't great, we're in the middle of our busy season.",
        "It's not the right time for us, with the year-end rush on.",
        "We're too busy to take on anything new right now.",
        "Our busy season has just started, so not right now.",
    ),
    K.COMPETITOR: (
        "We already use another tool for some of this.",
        "We already work with another vendor for this.",
        "We signed with a different provider last year.",
        "Our current system does most of this already.",
    ),
    K.AUTHORITY: (
        "I'd need to check with my manager before committing to anything.",
        "It's not my decision alone, our director signs off on tools like this.",
        "I'd have to run it by our finance head first.",
        "My boss makes the final call on anything like this.",
    ),
    K.NO_NEED: (
        "We honestly don't need anything like this, we manage fine as we are.",
        "It's not a priority for us, what we have works well enough.",
        "We do all of this by hand and it works for a team our size.",
        "I don't really see the need, to be honest.",
    ),
}
BUDGET_TIGHT = (
    "Budget is tight this year, honestly.",
    "We can't afford much this year, our budget is small.",
    "Money is tight, so it would have to be cheap.",
    "Our budget is tight, so the price would have to come down.",
)
NO_NEED_ANSWER = "That's fair. Many teams felt the same until they saw how much time it gave back each week."
PRICE_QUESTIONS = (
    "Before we go further, what does something like this cost?",
    "What would this cost us per month, roughly?",
    "And what are we looking at in terms of price?",
)
PRICE_ANSWERS = (
    "It's priced per seat with no setup fee, and most teams start with a small pilot to see the return.",
    "It depends on the number of seats. A pilot for a small team costs far less than one lost deal a month.",
)


def in_manner(manner: str, text: str) -> str:
    """An answer started the way this person starts answers ("Well, we run…", "I suppose we run…")."""
    ends_sentence = not manner.strip() or manner.rstrip()[-1] in ".!?"
    if ends_sentence or text.split(" ", 1)[0] in {"I", "I'd", "I'm", "I'll", "I've"}:
        return manner + text
    return manner + text[0].lower() + text[1:]


# Said before an answer the script holds ("Good question. You'd have one named contact…").
ANSWER_LEAD_INS = ("Good question.", "Sure.", "Yes, of course.", "Happy to answer that.")
NO_NEED_ANSWERS = (NO_NEED_ANSWER,)
# The next step asked for in plain words when the version on screen proposes none.
CLOSE_FALLBACK = ("Could we book a thirty-minute walkthrough later this week?",)
SO_NO = " So no, thank you."
# A price-sensitive person's answer about budget, before anyone has named a price (not yet an objection).
BUDGET_FIRST = (
    "We have a small, fixed amount for tools this year.",
    "Every rupee we spend on tools gets questioned by finance.",
    "We keep spending on tools very lean.",
)
AS_I_SAID = ("As I said,", "Like I mentioned,")
