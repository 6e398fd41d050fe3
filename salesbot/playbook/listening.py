"""The short turns of a call that listens: acknowledgements, honest deferrals, email, goodbyes (Hindi in hindi.py)."""

from __future__ import annotations

# The customer, briefly, while the agent explains; none of them agrees to, asks for or turns down anything.
ACKNOWLEDGE = ("Okay.", "Right.", "Mm-hm, go on.", "Makes sense.", "I see.", "Sure, go on.")
# The agent, before moving on after the customer has answered.
AGENT_ACKNOWLEDGE = (
    "Got it, thank you.",
    "That helps.",
    "Understood.",
    "Thanks, that's useful to know.",
    "Good to know.",
)
# The agent, when nobody wrote the answer down: no guessing.
DEFER = (
    "Good question. I don't want to guess on {subject}, so I'll confirm it in my email.",
    "I'd rather not guess about {subject}. I'll check and put it in my email.",
    "That's a fair question. Let me confirm {subject} with the team and email you the answer.",
)
# The customer, asked for the best email.
GIVE_EMAIL = ("Sure, it's {email}.", "You can use {email}.", "Best to send it to {email}.")
# The customer, when the agent names the email on file.
CONFIRM_EMAIL = ("Yes, that's the right one.", "That's fine.", "Yes, send it there.")
# The customer's last words after the agent's thanks.
GOODBYE = ("Thanks, bye.", "You too. Bye.", "Thank you, goodbye.", "Thanks for calling. Bye.")
# The agent, taking up a request that becomes the next step.
REQUEST_ACK = (
    "Of course, I'll call you back {when}.",
    "Sure, let's speak {when} then.",
    "No problem, I'll call you again {when}.",
)
# The agent, when the offer's facts give a price; only the price itself, nothing the facts do not say.
PRICE_FACT_ANSWER = ("It's {price}.", "That comes to {price}.", "{price}, going by our current price list.")
# Shown in the transcript when the language model failed mid-call and the rules play the rest.
MODEL_FALLBACK_NOTE = "The language model stopped answering; the rest of this rehearsal is played by the rules."
