"""How simulated calls end: the customer's last word for each outcome, the agent's reply, machines and assistants."""

from __future__ import annotations

# A concrete day and time, accepted or offered back.
MEETINGS = (
    "Thursday at two works for me. Send the invite.",
    "Let's do Friday at eleven.",
    "Okay, book us in for Thursday morning, say ten o'clock.",
    "Friday afternoon works, around three. Let's do it.",
    "Sure, put me down for Thursday at four.",
    "Thursday's full, but Monday at ten works. Book it.",
)
WITH_MANAGER = " I'll bring my manager along."
MEETING_REPLY = "Wonderful. I'll send the invitation right after this call. Thank you, {first}!"
# Positive, but no meeting and no later contact asked for.
INTERESTED = (
    "This sounds useful. Could you email me a summary first? I'd rather not book anything yet.",
    "I like what I'm hearing. Send me the details by email and I'll have a look.",
    "Sounds promising. Just send me the details for now.",
    "Good to know, thanks. Please email me the one-pager.",
    "It does sound interesting. Email me something I can read through.",
)
INTERESTED_REPLY = (
    "Of course. I'll email you a short summary. Thank you, {first}!",
    "Will do, the details will be in your inbox shortly. Thanks, {first}!",
)
# Asked to be called later: (what the customer says, when, as the agent repeats it).
FOLLOW_UPS = (
    ("Call me back next month, please.", "next month"),
    ("Can you check back with me after the 15th?", "after the 15th"),
    ("Let me think about it. Call me again in two weeks.", "in two weeks"),
    ("Send me something, and call me next Tuesday.", "next Tuesday"),
    ("Could you try me again on the 3rd?", "on the 3rd"),
    ("I need to think it over. Could you call me back next week?", "next week"),
)
# Not now, with a time to call back: the person is busy.
CALL_BACKS = (
    (
        "Sorry, now's not a good time, I'm about to walk into a meeting. Can you call me back at four this afternoon?",
        "at four this afternoon",
    ),
    ("I'm driving, so not now. Call me tomorrow at eleven?", "tomorrow at eleven"),
    ("I'm really busy right now. Try me on Monday morning.", "on Monday morning"),
    ("Sorry, I'm in the middle of something. Call me back after lunch, around two?", "after lunch"),
)
CUT_IN = ("Sorry, I have to stop you there. ", "Look, I need to go. ", "Sorry, I've got another call coming in. ")
FOLLOW_UP_REPLY = (
    "Will do. I'll call you {when}. Thank you, {first}!",
    "Of course, I'll call you back {when}. Thanks, {first}.",
)
DECLINES = (
    "I don't think it's for us. We'll pass, thanks.",
    "No thanks, we're not interested.",
    "It's not a fit for us, so no, thank you.",
    "I'll have to say no. Thanks for calling, though.",
    "We're not going to go ahead with this. Thanks anyway.",
)
EARLY_DECLINES = (
    "Sorry, we're not interested.",
    "Thanks, but this isn't something we're looking for.",
    "No thanks, I don't think so.",
)
ASK_WHY = (
    "Fair enough. May I ask what makes it a poor fit?",
    "Understood. Can I ask why, so I don't waste your time again?",
)
DECLINE_REPLY = (
    "Understood. Thank you for your time, {first}. Have a good day.",
    "Fair enough. Thanks for being straight with me, {first}. Take care.",
)
DO_NOT_CALL = (
    "How did you get this number? Please don't call me again.",
    "Take me off your list. I don't want these calls.",
    "Stop calling me. Remove my number from your list.",
    "I get these calls every day. Don't call this number again.",
)
DO_NOT_CALL_REPLY = (
    "I'm sorry for the trouble. I'll make sure you aren't called again. Goodbye.",
    "Understood, I'll take your number off our list. Sorry to have bothered you.",
)

ASSISTANTS = (
    "Sorry, this is {first}'s assistant. {first} is in meetings all day.",
    "Oh, this isn't {first}, I'm the office manager. {first} is out of the office today.",
    "{first} is away from the desk right now, I'm covering.",
)
MESSAGE_ASK = "No problem. Could you let {first} know I called, and that I'd like to set up a short conversation?"
ASSISTANT_CALL_BACKS = (
    ("I'll pass it on. Try again tomorrow morning, after ten.", "tomorrow morning"),
    ("Sure, I'll let them know. Best to call back tomorrow afternoon.", "tomorrow afternoon"),
    ("I'll leave a note on the desk. Call back tomorrow, around eleven.", "tomorrow around eleven"),
)
ASSISTANT_REPLY = "Thank you, I'll call back {when}. Have a good day."

VOICEMAIL_GREETINGS = (
    "Hi, you've reached {first}. I can't take your call right now, please leave a message after the tone.",
    "The person you are calling is not available. Please leave your message after the beep.",
    "Hello, this is {name}. Sorry I missed you. Leave me a message and I'll call you back.",
    "You have reached the voicemail of {name}. Please record your message after the tone.",
)
VOICEMAIL_MESSAGES = (
    "I'm calling to follow up, and would love to find a time to talk. I'll send you a short email and"
    " try you again later this week. Thank you!",
    "I was hoping to catch you for a few minutes. I'll drop you an email and try again in a couple of"
    " days. Have a good day!",
)
