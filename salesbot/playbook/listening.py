"""Lines of a call that listens: nods, acknowledgements, honest deferrals, emails and goodbyes (temporary)."""

from __future__ import annotations

ACKNOWLEDGE = ("Okay.", "Right.", "Mm-hm, go on.", "Makes sense.", "Okay, I see.")
AGENT_ACKNOWLEDGE = ("Got it, thank you.", "That helps.", "Understood.", "Thanks, that's useful.", "Okay, noted.")
DEFER = (
    "Good question. I don't want to guess on {subject}, so I'll confirm it in my email.",
    "I'd rather not give you a wrong answer on {subject}. I'll check and confirm it in my email.",
    "Let me confirm {subject} properly and put it in my email.",
)
GIVE_EMAIL = ("Sure, it's {email}.", "Send it to {email}.", "It's {email}, thanks.")
CONFIRM_EMAIL = ("Yes, that's the right one.", "That's fine.", "Yes, that works.")
GOODBYE = ("Thanks, bye.", "You too. Bye.", "Thanks. Bye for now.", "Okay, bye.")
REQUEST_ACK = ("Of course, I'll call you back {when}.", "Sure, I'll call you {when}.", "Noted, I'll ring you {when}.")
PRICE_FACT_ANSWER = ("It's {price}.", "{price}, and there's no setup fee.")
MODEL_FALLBACK_NOTE = "The language model stopped answering; the rest of this rehearsal is played by the rules."
