"""Hand-written fragment pools for the composed part of the replies training corpus.

Everything here was written for attune; nothing is copied from a dataset or article.
`make_train.py` composes replies from these pools; see its docstring for the rules.

Slots in braces are filled by `make_train.py`.  A fragment that uses a slot is only
combined with a customer message that uses the same slot, so specifics always fit.
Slots the agent may introduce on their own (never taken from the customer) are
listed in FREE_SLOTS.
"""

from __future__ import annotations

FREE_SLOTS = {"agent", "fday", "ticket", "hours", "name"}

# --------------------------------------------------------------------------- names
CUSTOMER_NAMES = [
    "Dana", "Marcus", "Priya", "Tomasz", "Aisha", "Liam", "Mei", "Olu", "Sofia", "Jonas",
    "Fatima", "Kenji", "Grace", "Mateo", "Ingrid", "Rahul", "Chloe", "Dmitri", "Amara",
    "Pedro", "Hannah", "Yusuf", "Elena", "Kwame", "Nora", "Luca", "Siobhan", "Arjun",
    "Beatriz", "Oskar", "Leila", "Sam", "Noor", "Femi", "Ana", "Henrik", "Zainab", "Carlos",
    "Mrs. Alvarez", "Mr. Okafor", "Jess", "Viktor", "Rosa", "Tariq", "Wen", "Agnieszka",
]
AGENT_NAMES = [
    "Maya", "Tom", "Ruth", "Kofi", "Lena", "Diego", "Harriet", "Ibrahim", "June", "Pavel",
    "Chidi", "Ellie", "Sven", "Bianca", "Omar", "Nadia",
]

# ----------------------------------------------------------------- generic pools
GREET_NAME = {
    "email": ["Hi {name},", "Hello {name},", "Dear {name},", "Good morning {name},",
              "Hi {name}, thanks for writing in.", "Hello {name}, and thank you for your email."],
    "chat": ["Hi {name}!", "Hey {name},", "Hi {name}, thanks for waiting.", "Hello {name}.",
             "Hi {name} \U0001F44B", "Thanks for holding, {name}."],
    "social": ["Hi {name},", "Hey {name} -", "{name}, hi.", "Hi {name}!"],
}
GREET_PLAIN = {
    "email": ["Hello,", "Dear Customer,", "Hi there,", "Good afternoon,", "Dear Sir/Madam,",
              "Hello and thank you for contacting us."],
    "chat": ["Hi!", "Hello, thanks for contacting us.", "Hi there,", "Good evening,", ""],
    "social": ["Hi there,", "Hey,", "Hello,", ""],
}

CANNED_FEEL = [  # emotional_reaction 1
    "Sorry to hear that.",
    "That must be frustrating.",
    "Oh no, that's not good.",
    "That sounds difficult.",
    "We're sorry you're having this experience.",
    "I'm sorry to hear about this.",
    "That's not the experience we want you to have.",
    "That must be annoying.",
    "Sorry to hear you are having trouble.",
    "Sorry you've had a bad experience.",
    "Oh dear, sorry about that.",
    "Sorry to hear about the issue.",
    "That sounds really inconvenient.",
    "i am sorry for hear this.",
]
CANNED_LOSS = [  # emotional_reaction 1, bereavement scenarios
    "Sorry for your loss.",
    "Our condolences.",
    "We are sorry for your loss.",
    "Please accept our condolences.",
    "Sorry to hear about your loss.",
]
CANNED_POSITIVE = [  # emotional_reaction 1, praise scenarios
    "Glad to hear it!",
    "That's great to hear.",
    "Happy to hear that!",
    "Thanks, that's nice to hear.",
    "We're glad you had a good experience.",
    "Great to hear!",
]
NEUTRAL_ACK = [  # nothing emotional, praise scenarios
    "Thank you for your feedback.",
    "Your comments have been recorded.",
    "Thanks for your message.",
    "We have received your feedback.",
    "Feedback logged, thank you.",
]
CANNED_APOLOGY = [  # emotional_reaction 1, but NOT a sincere apology (apology stays 0)
    "We apologise for any inconvenience caused.",
    "Sorry for the inconvenience.",
    "We apologize for the trouble this may have caused.",
    "Apologies for any inconvenience.",
    "Sorry for any confusion.",
    "We regret any inconvenience this may have caused you.",
    "We are sorry for any inconvenience.",
    "Apologies for the trouble.",
    "Sorry for the inconvinience caused.",
]
CANNED_UNDERSTAND = [  # interpretation 1
    "I understand.",
    "I understand your frustration.",
    "I completely understand how you feel.",
    "I know how you must be feeling.",
    "I understand your concern.",
    "We understand this is frustrating.",
    "I totally get it.",
    "We understand how you feel.",
    "I am understanding your concern.",
]
Q_GENERIC = [  # exploration 1
    "Could you tell me a bit more about what happened?",
    "Can you give me some more details?",
    "Could you provide more information?",
    "Can you explain the issue in more detail?",
    "Can you tell me more?",
    "Could you describe the problem a little more?",
]
SORRY_BUT = [  # emotional_reaction 1, tone 0 (the "but" cancels the apology); not apathy alone
    "I'm sorry, but we are dealing with a very high volume of requests right now.",
    "Sorry for the wait, but we're very busy at the moment.",
    "We're sorry, but delays like this are sometimes unavoidable.",
    "I apologize, but our systems have been under heavy load this week.",
    "Sorry, but we have a lot of customers contacting us about this.",
    "I'm sorry about that, but it is a busy period for us.",
]
SORRY_BUT_POLICY = [  # emotional_reaction 1, tone 0, apathy marker
    "I'm sorry, but that's our policy.",
    "Sorry, but there's nothing more we can do.",
    "I apologise, but this is not something we can change.",
    "We're sorry, but the terms you agreed to are clear on this.",
    "Sorry but rules are rules.",
    "I'm sorry, but I'm not able to make exceptions.",
]
PASSIVE = [  # deflecting passive voice; ownership 0, action 0
    "Your case has been forwarded to the relevant department.",
    "The team is looking into it.",
    "This has been passed on to the appropriate team.",
    "The matter is being investigated.",
    "A ticket has been raised.",
    "Someone from the relevant team will be in touch.",
    "Your feedback has been shared with the team.",
    "The issue has been noted.",
    "Your complaint has been registered in our system.",
]
VAGUE_TIME = [  # a "when" with no real time frame; expectation stays 0
    "We'll get back to you as soon as possible.",
    "You will be contacted in due course.",
    "We'll update you when we have more information.",
    "Please allow some time for this to be resolved.",
    "Hopefully it will be sorted soon.",
    "We will revert back shortly.",
    "Please be patient while this is looked at.",
]
APATHETIC = [  # apathy marker
    "There's nothing I can do about that.",
    "That's our policy.",
    "Unfortunately this is out of our hands.",
    "I'm afraid there's nothing more we can do.",
    "This is how the system works.",
    "These things happen sometimes.",
    "We are not responsible for that.",
    "Unfortunately that's just the way it is.",
    "I can't help with that.",
    "Please refer to our terms and conditions.",
    "Nothing can be done at this stage.",
    "The decision is final.",
    "I don't have any control over that.",
    "It is what it is, unfortunately.",
]
DEFLECT = {  # apathy marker: send the customer elsewhere without helping
    "retail": ["You'll need to take this up with the courier.",
               "Please contact the manufacturer directly.",
               "Please raise this with the seller, not us."],
    "software": ["Please check our help center.",
                 "You'll need to raise this on the community forum.",
                 "Please search the knowledge base before opening a ticket."],
    "telecom": ["Please call our main line.",
                "This is handled by a different department, please call them.",
                "You will need to visit one of our stores."],
    "banking": ["You'll have to visit a branch.",
                "Please contact the merchant directly.",
                "Please call the number on the back of your card."],
    "travel": ["Please contact the airport.",
               "This is the hotel's responsibility, please contact them.",
               "Please speak to the travel agent you booked with."],
    "any": ["That's not something this team deals with.",
            "Please call the number on our website.",
            "Please email the correct department."],
}
BLAME = [  # apathy marker, tone 0
    "You should have read the instructions more carefully.",
    "This usually happens when customers enter the wrong details.",
    "As clearly stated on our website, this is your responsibility.",
    "If you had contacted us earlier, this could have been avoided.",
    "Please make sure to check things properly before contacting us.",
    "You must have done something wrong during setup.",
    "Most customers don't have this problem, so it's likely something on your end.",
    "You agreed to this when you signed up.",
]
DISMISSIVE = [  # apathy marker; the whole reply can be just this
    "Noted.",
    "Ok.",
    "Ok, noted.",
    "See the FAQ.",
    "k",
    "Please read the FAQ.",
    "Fine.",
]
SHOUT = [  # apathy marker, tone 0
    "PLEASE NOTE WE CANNOT PROCESS REQUESTS WITHOUT AN ORDER NUMBER.",
    "AS STATED BEFORE, PLEASE READ THE EMAIL WE SENT YOU.",
    "PLEASE DO NOT CONTACT US MULTIPLE TIMES ABOUT THE SAME ISSUE.",
    "WE HAVE ALREADY ANSWERED THIS.",
]
JARGON = [  # tone 0
    "Please be advised that your ticket has been escalated to Tier 2 in line with our SLA.",
    "Your request has been actioned as per the standard operating procedure.",
    "We have logged this under incident reference INC{ticket} for root cause analysis.",
    "Kindly note the case is pending L2 triage.",
    "Please be advised that this falls under our service level framework.",
    "Per our remediation workflow, the case has been routed to the appropriate resolver group.",
    "Kindly do the needful and revert with the requested particulars.",
    "This is being handled as a P3 under our standard ticketing cadence.",
]
CHEERY = [  # tone 0 when the customer is upset
    "Great news! \U0001F60A",
    "Happy to help!!! \U0001F389",
    "Have an amazing day! \u2600\ufe0f",
    "Awesome, thanks for reaching out! \U0001F604",
    "Yay, let's do this! \U0001F64C",
    "Woohoo, thanks for the message!",
]
CLOSING = {  # closing 1
    "email": [
        "Is there anything else I can help you with today?",
        "If anything else comes up, just reply to this email and I'll pick it up.",
        "Let me know if there's anything else I can do.",
        "Feel free to get back to me if you have any other questions.",
        "I'm here if you need anything else.",
        "If you have any other questions, just reply here.",
        "Please don't hesitate to write back if there's anything more I can do.",
    ],
    "chat": [
        "Anything else I can help with today?",
        "Is there anything else I can do for you?",
        "Let me know if you need anything else!",
        "I'm here if anything else comes up.",
        "anything else i can help u with?",
    ],
    "social": [
        "Give us a shout if you need anything else.",
        "We're here if anything else comes up.",
        "Let us know if there's anything else we can do.",
    ],
}
SIGNOFF = [  # email only; a sign-off is not a closing
    "Best,\n{agent}",
    "Kind regards,\n{agent}\nCustomer Care",
    "Thanks,\n{agent}",
    "Regards,\nCustomer Service Team",
    "Warmly,\n{agent}",
    "Best regards,\n{agent}",
]
PRAISE_EXTRA = [  # no label effect
    "I'll make sure this gets passed on.",
    "I'm sharing your message with the team.",
    "I've forwarded your kind words to their manager.",
]

# ------------------------------------------------------------------- slot pools
SLOT_POOLS: dict[str, list[str]] = {
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "hours": ["24 hours", "48 hours", "two hours", "the next hour"],
}


def S(**kw: object) -> dict[str, object]:
    """A scenario: customer messages plus the fragments that fit them."""
    base: dict[str, object] = {
        "erred": True, "act": True, "upset": True, "kind": "problem", "slots": {},
        "validate": [], "paraphrase": [], "question": [], "apology": [], "action": [],
        "passive_action": [], "time": [],
    }
    base.update(kw)
    return base


# ------------------------------------------------------------------- scenarios
# kind: problem | howto | praise | feedback | loss.
# erred: the company made the mistake (else apology is "not applicable").
# act: there is something to act on (else ownership/action/expectation are n/a).
# A message is (channel, text) or (channel, text, "tag tag").  A fragment may start with
# "[tag tag] "; it is then only used with messages carrying all those tags, so that a
# fragment never mentions a detail the customer did not give.
SCENARIOS: list[dict[str, object]] = []

# ================================================================== RETAIL
SCENARIOS.append(S(
    key="retail_late", domain="retail",
    slots={"product": ["standing desk", "pair of trail shoes", "birthday present", "coffee grinder",
                       "winter coat", "kids' bike", "printer ink"]},
    msgs=[
        ("email", "Hello, I ordered a {product} (order {order}) twelve days ago and it still hasn't arrived. "
                  "The tracking hasn't moved since {day}. I paid for express shipping. Where is it?", "express weeks"),
        ("chat", "hi my order {order} still not here?? tracking says nothing since {day}"),
        ("social", "@shop ordered a {product} almost 2 weeks ago, tracking stuck since {day}. paid for express. what is going on",
         "express weeks"),
        ("email", "Dear team,\nI am writing about my order {order}. I needed the {product} for this weekend and now it is too late probably. "
                  "The site said 2 days delivery. Nobody answer my emails. Please tell me what is happening.\nRegards", "needby"),
        ("chat", "WHERE IS MY ORDER {order}. 12 DAYS!!!", "weeks"),
    ],
    validate=[
        "[express weeks] Waiting almost two weeks for something you paid to have delivered fast is really frustrating, and I get why you're fed up.",
        "It's stressful not knowing where a parcel is or when it will turn up, and I understand why you're fed up.",
        "[express] Paying extra for express delivery and then watching the tracking sit still would annoy anyone.",
        "[needby] Needing the {product} for the weekend and watching the days run out is really stressful, and being met with silence makes it worse.",
    ],
    paraphrase=[
        "So order {order} still hasn't arrived, and the tracking hasn't updated since {day}.",
        "[express] If I've got this right, you paid for express shipping on the {product} and it's now well past the promised date.",
        "[needby] You needed the {product} for this weekend, the site promised two-day delivery, and no one has answered your emails.",
        "[weeks] So you've been waiting about two weeks and the parcel still hasn't shown up.",
    ],
    question=[
        "Do you still need the {product} if I can get it to you by the weekend, or would you rather have a refund?",
        "Is the delivery address on the order still the best place to send it, or should I send a new one somewhere else?",
    ],
    apology=[
        "[express] I'm sorry - we promised express delivery and we didn't deliver on that.",
        "I'm really sorry your order is this late; that's on us.",
        "[needby] I'm sorry nobody answered your emails - that shouldn't have happened.",
    ],
    action=[
        "I've contacted the courier and opened a trace on the parcel myself.",
        "[express] I've refunded the express shipping fee to your original payment method.",
        "I've sent out a replacement by next-day courier, so you don't have to wait for the lost one.",
        "I'm going to chase the warehouse directly and I've flagged your order as urgent.",
    ],
    passive_action=[
        "A trace has been opened with the courier.",
        "[express] The express shipping fee has been refunded.",
    ],
    time=[
        "I'll email you with what the courier says by {fday}.",
        "You should have the parcel or a refund by {fday} at the latest.",
        "I'll check on it again tomorrow morning and update you either way.",
    ],
))

SCENARIOS.append(S(
    key="retail_damaged", domain="retail",
    slots={"product": ["ceramic lamp", "glass coffee table", "dinner set", "monitor", "guitar",
                       "mirror", "blender"]},
    msgs=[
        ("email", "Hi, my {product} arrived today completely smashed. The box was crushed at one corner. "
                  "This was a gift for my mother's birthday on Saturday. Order {order}. I'm really disappointed.", "box gift"),
        ("chat", "the {product} came broken. order {order}. what now"),
        ("social", "Just opened my {product} from you guys and it's in pieces. Brilliant. \U0001F621"),
        ("email", "Good day, the {product} I receive is damaged, there is big crack. I attach photo. "
                  "I want a new one not broken please. Order number {order}.", "photo"),
    ],
    validate=[
        "Opening a parcel to find the {product} broken is such a letdown, especially when you'd been looking forward to it.",
        "I can see why you're disappointed - you paid for something whole and got something you can't use.",
        "That's a horrible thing to unbox, and it's completely fair to be upset about it.",
        "[gift] With your mother's birthday on Saturday, finding her gift broken must have been a real blow.",
    ],
    paraphrase=[
        "[box] So the {product} from order {order} arrived broken, and the box itself was crushed.",
        "If I understand correctly, the {product} was damaged when it arrived and you'd like a working one.",
        "[gift] So the {product} you bought for your mother's birthday on Saturday arrived smashed.",
    ],
    question=[
        "Would you like a replacement {product}, or would you prefer a full refund?",
        "Could you send me a photo of the outer box, so I can make the claim with the courier for you?",
    ],
    apology=[
        "I'm sorry the {product} reached you in that state - we should have packed it better.",
        "I'm really sorry about this; a broken item is not what you should get from us.",
    ],
    action=[
        "I've arranged a replacement {product} and there's no need to send the broken one back.",
        "I've issued a full refund for the {product} to your card.",
        "I've booked a free collection for the damaged {product} and set up the replacement to ship as soon as it's picked up.",
    ],
    passive_action=[
        "A replacement has been arranged.",
        "A refund has been processed for the damaged item.",
    ],
    time=[
        "The new one will go out tomorrow and should be with you by {fday}.",
        "The refund should show on your statement within 3 to 5 working days.",
        "I'll send you the tracking number as soon as it leaves the warehouse, today or tomorrow.",
    ],
))

SCENARIOS.append(S(
    key="retail_wrong_item", domain="retail",
    slots={"product+wrongthing": [("size 10 boots", "size 7 boots"), ("a blue sofa cover", "a green sofa cover"),
                    ("a medium hoodie", "a kids' hoodie"), ("a 64GB tablet", "a phone case"),
                    ("a king size duvet", "a single duvet")]},
    msgs=[
        ("email", "I ordered {product} and you sent me {wrongthing}. Order {order}. I need the right item, I don't have time for this.", "notime"),
        ("chat", "got {wrongthing} instead of {product} lol. how do i swap"),
        ("social", "Ordered {product}, received {wrongthing}. Second time this happens with your shop.", "again"),
        ("email", "Hello, in my package was {wrongthing} but I was ordering {product}. Please what I do now? Order is {order}. Thank you"),
    ],
    validate=[
        "[notime] Getting {wrongthing} when you were waiting for {product} is irritating, and I understand you don't want to spend more time on it.",
        "It's annoying to have to sort out our mix-up when you just wanted the thing you ordered.",
        "[again] Having this happen a second time would test anyone's patience, and I understand why you've lost faith in us.",
    ],
    paraphrase=[
        "So you ordered {product} but the parcel had {wrongthing} in it.",
        "You were sent {wrongthing} in place of {product}, and you need the correct item.",
    ],
    question=[
        "Do you still want {product}, or would a refund suit you better at this point?",
        "Is the address on the order still right for the replacement?",
    ],
    apology=[
        "I'm sorry, we picked the wrong item from the warehouse and that's our mistake.",
        "Sorry about this - sending the wrong item is our error, not yours.",
    ],
    action=[
        "I've sent out {product} today, and you can keep {wrongthing} or donate it.",
        "I've emailed you a prepaid return label for {wrongthing} and put {product} on priority dispatch.",
        "I've placed a new order for {product} at no cost to you.",
    ],
    passive_action=[
        "A replacement order has been created.",
        "A return label has been emailed to you.",
    ],
    time=[
        "It should reach you by {fday}.",
        "You'll get the tracking link within {hours}.",
    ],
))

SCENARIOS.append(S(
    key="retail_refund_wait", domain="retail",
    slots={},
    msgs=[
        ("email", "I returned my order {order} over three weeks ago and I still haven't received my refund of {amount}. "
                  "Your website said 5 to 7 days. I'm starting to think I'll never see this money.", "weeks"),
        ("chat", "where is my refund. {amount}. returned ages ago"),
        ("social", "Sent back my order 3 weeks ago, still no refund of {amount}. Anyone actually reading these?", "weeks"),
        ("email", "Hi, I'm a student and {amount} is a lot of money for me. I sent back order {order} and got the email that you received it, "
                  "but no refund yet. Can you please check?", "student"),
    ],
    validate=[
        "Waiting for {amount} that should already be back in your account is worrying, and I understand why you're losing patience.",
        "When money you're owed doesn't turn up, it's natural to start wondering if it ever will - that's a stressful place to be.",
        "[student] {amount} is a lot to be without when you're a student, so I understand why this is worrying.",
    ],
    paraphrase=[
        "So we received your return for order {order}, but the {amount} refund hasn't reached you yet.",
        "[weeks] You sent the items back more than three weeks ago and the refund of {amount} is still missing.",
        "So the return is done on your side, yet the {amount} still hasn't come back to you.",
    ],
    question=[
        "Could you check whether the refund might have gone to a card you've since cancelled?",
        "Was the original payment made by card or by PayPal? That changes where the refund lands.",
    ],
    apology=[
        "I'm sorry - the refund should have been issued by now and it wasn't.",
        "I'm sorry you've had to chase us for your own money.",
    ],
    action=[
        "I've found the return and pushed the {amount} refund through myself just now.",
        "I've escalated the refund to our payments team and I'm following it personally.",
        "I've issued the refund and added a small credit to your account for the wait.",
    ],
    passive_action=[
        "The refund has now been processed.",
        "Your refund request has been escalated to payments.",
    ],
    time=[
        "It usually shows up within 2 to 3 working days; I'll check it's landed on {fday}.",
        "You'll get a confirmation email within the hour, and the money by {fday}.",
    ],
))

SCENARIOS.append(S(
    key="retail_double_charge", domain="retail",
    slots={},
    msgs=[
        ("email", "Hi, I was charged twice for order {order}, {amount} each time. That's money I need for rent this week. Please fix this asap.", "rent"),
        ("chat", "charged 2x for the same order?? {amount} twice"),
        ("social", "Double charged {amount} for one order. Not impressed."),
        ("email", "Hello,\nI look in my bank app and see two payments of {amount} for my one order {order}. "
                  "I only order one time. Why you take money two times? I am very worried.\nThanks", "worried"),
    ],
    validate=[
        "[rent] Seeing {amount} leave your account twice is alarming, especially when that money is meant for rent.",
        "I can understand why you're annoyed - an extra charge like that can throw your whole week off.",
        "It's unsettling to find a charge you didn't expect, and you shouldn't have to worry about it.",
        "[worried] Seeing the same payment twice in your bank app is worrying, and it's completely understandable to be concerned.",
    ],
    paraphrase=[
        "So you placed order {order} once, but {amount} was taken from your account two times.",
        "You've been charged {amount} twice for a single order.",
    ],
    question=[
        "Are both charges showing as completed, or is one of them still marked as pending in your bank app?",
        "Did both payments go through on the same card, or was one on a different card or wallet?",
    ],
    apology=[
        "I'm sorry - the second charge was our mistake.",
        "I'm really sorry we took the money twice; that should never happen.",
    ],
    action=[
        "I've cancelled the duplicate payment of {amount} myself.",
        "I've refunded the second {amount} charge and marked your account so it can't happen again.",
        "I've raised the duplicate with our payments team and asked them to reverse it today.",
    ],
    passive_action=[
        "The duplicate charge has been refunded.",
        "The extra payment has been reversed.",
    ],
    time=[
        "Your bank should release it within 3 working days, and I'll check in with you on {fday}.",
        "You'll see the money back by {fday}.",
    ],
))

SCENARIOS.append(S(
    key="retail_missing_part", domain="retail",
    slots={"product": ["bookshelf", "crib", "bed frame", "wardrobe", "desk"]},
    msgs=[
        ("email", "The {product} I ordered (order {order}) came without the screws and two of the panels. I can't assemble it. "
                  "My kids are waiting for it. Please send the missing parts.", "panels kids"),
        ("chat", "{product} missing parts, cant build it"),
        ("email", "Hello, there are pieces missing in the box of the {product}. The bag with hardware is not there. Order {order}.", "hardware"),
    ],
    validate=[
        "Having the {product} half unpacked in your home and not being able to finish it is really frustrating.",
        "I can imagine how annoying it is to set aside time to build the {product} and then find pieces missing.",
        "[kids] With the kids waiting for it, being stuck halfway through the {product} must be doubly frustrating.",
    ],
    paraphrase=[
        "[panels] So the {product} arrived without the screws and two panels, so you're stuck partway.",
        "So the {product} is incomplete and you can't put it together.",
        "[hardware] So the bag with the screws and fittings wasn't in the {product} box.",
    ],
    question=[
        "Could you tell me the part numbers printed on the instruction sheet for the missing pieces?",
        "[panels] Which two panels are missing - the side ones or the shelves?",
    ],
    apology=[
        "I'm sorry the box left us incomplete - that's our packing mistake.",
        "I'm sorry you got a {product} you can't build; that shouldn't have happened.",
    ],
    action=[
        "I've sent you a complete set of the missing parts by express post.",
        "[panels] I've ordered the missing panels and the hardware pack for you, free of charge.",
    ],
    passive_action=[
        "The missing parts have been dispatched.",
    ],
    time=[
        "They should arrive by {fday}, and I'll send the tracking number today.",
        "Expect them within two working days.",
    ],
))

SCENARIOS.append(S(
    key="retail_delivered_not_received", domain="retail",
    slots={"product": ["laptop", "phone", "pair of headphones", "watch", "camera"]},
    msgs=[
        ("email", "Tracking for order {order} says delivered on {day} but there is nothing here. I checked with neighbours. "
                  "It was a {product} worth {amount}. I'm honestly panicking a bit.", "neighbours"),
        ("chat", "says delivered but i never got it?? {order}"),
        ("social", "Your courier says my {product} was delivered {day}. It wasn't. Now what?"),
    ],
    validate=[
        "A parcel going missing after it's marked delivered is a worrying situation, and it makes sense you're anxious about it.",
        "It's really unsettling to be told something arrived when it clearly didn't, especially something that cost {amount}.",
    ],
    paraphrase=[
        "[neighbours] So the tracking says delivered on {day}, but the {product} never reached you and your neighbours don't have it.",
        "So the tracking shows it as delivered, but nothing actually reached you.",
    ],
    question=[
        "Do you have a safe place or a parcel box where the courier might have left it?",
        "Does your building have a shared mailroom or a concierge that might have signed for it?",
    ],
    apology=[
        "I'm sorry - you shouldn't have to hunt for a parcel we said we delivered.",
        "I'm sorry this has happened with such an important order.",
    ],
    action=[
        "I've opened a lost-parcel claim with the courier and asked for their GPS delivery photo.",
        "I've started a claim and I'll replace the {product} if the courier can't find it.",
    ],
    passive_action=[
        "A lost parcel claim has been opened.",
    ],
    time=[
        "The courier has 48 hours to respond, so I'll update you by {fday}.",
        "If it hasn't turned up by {fday}, I'll ship a new one that day.",
    ],
))

SCENARIOS.append(S(
    key="retail_howto_address", domain="retail", erred=False, upset=False, kind="howto",
    slots={},
    msgs=[
        ("chat", "hi how do i change the delivery address on order {order}? just moved", "moved"),
        ("email", "Hello, I made a mistake and put my old address on order {order}. Is it possible to change it before it ships? Thanks", "moved"),
        ("social", "how do I update my address on an order that hasnt shipped yet?"),
    ],
    validate=[
        "[moved] Moving is hectic enough without worrying about a parcel going to the old place, so let's get that sorted.",
        "[moved] That's an easy slip in the middle of a move - and it's good you caught it before it shipped.",
    ],
    paraphrase=[
        "[moved] So order {order} has your old address on it and you'd like it to go to the new one before it ships.",
        "So you'd like an order that hasn't shipped yet to go to a different address.",
    ],
    question=[
        "Is the order still showing 'processing', or has it changed to 'dispatched'?",
        "Could you send me the new address, including the postcode?",
    ],
    action=[
        "I can change it for you right now - just send me the new address and I'll update it.",
        "Here's how: go to My Orders, open the order, click 'Edit delivery', and enter the new address. If that option is greyed out, tell me and I'll change it from my side.",
    ],
    passive_action=[
        "Addresses can be edited under My Orders > Edit delivery while the order is still processing.",
    ],
    time=[
        "The change takes effect immediately, and you'll get a confirmation email within a few minutes.",
        "As long as it's changed before 6pm today, it'll ship to the new address.",
    ],
))

SCENARIOS.append(S(
    key="retail_praise", domain="retail", erred=False, act=False, upset=False, kind="praise",
    slots={"product": ["wedding shoes", "sofa", "anniversary gift", "garden tools"]},
    msgs=[
        ("email", "Just wanted to say thank you. The {product} arrived a day early and the handwritten note in the box made my day. Great service!",
         "early note"),
        ("social", "Shoutout to you guys, {product} came early and perfectly packed \U0001F64F", "early"),
        ("chat", "no problem just wanted to say the {product} is perfect, thanks a lot", "perfect"),
    ],
    validate=[
        "[note] That really made our day too - it's lovely to hear the {product} arrived early and the note made you smile.",
        "[early] We're thrilled the {product} turned up early and in perfect shape, especially for something you were looking forward to.",
        "[perfect] We're so pleased the {product} turned out exactly as you hoped - that's the best news we can get.",
    ],
    paraphrase=[
        "[note] So the {product} came a day early and the packing and note stood out for you.",
        "It sounds like everything about the {product} went right for you.",
    ],
    question=[
        "[note] Do you remember who signed the note? I'd love to tell them directly.",
    ],
))

SCENARIOS.append(S(
    key="retail_customer_address_error", domain="retail", erred=False, upset=True,
    slots={},
    msgs=[
        ("email", "I just realised I typed the wrong house number on order {order} and the tracking says it was delivered to number 41 instead of 14. "
                  "Can you help me get it back? I know it's my mistake.", "swap"),
        ("chat", "i put wrong address by accident on {order} and now its delivered somewhere else. help"),
    ],
    validate=[
        "That sinking feeling when you spot a typo after the fact is the worst - and it's an easy mistake to make.",
        "[swap] Don't be hard on yourself; swapped numbers happen to everyone, and it's stressful when a parcel is at a stranger's door.",
    ],
    paraphrase=[
        "[swap] So order {order} went to number 41 instead of 14 because of a swapped digit.",
        "So the order went to the wrong address by accident and it's now been delivered somewhere else.",
    ],
    question=[
        "[swap] Have you had a chance to knock on number 41 yet, or would you rather I ask the courier to collect it?",
        "Do you know which address it went to, so I can send the courier back there?",
    ],
    action=[
        "[swap] I've asked the courier to go back to number 41 and collect it, then redeliver it to you.",
        "I've asked the courier to retrieve the parcel and bring it to your correct address, and I've fixed the address on your account.",
    ],
    passive_action=[
        "A redelivery request has been made.",
    ],
    time=[
        "They usually manage a re-collection within 2 working days, so I'll update you by {fday}.",
    ],
))

SCENARIOS.append(S(
    key="retail_feedback_packaging", domain="retail", erred=False, upset=False, kind="feedback",
    slots={"product": ["phone charger", "USB stick", "pair of socks", "lipstick"]},
    msgs=[
        ("email", "Small feedback: my {product} came in a box big enough for a microwave, filled with plastic air pillows. "
                  "Please think about less packaging, it feels wasteful."),
        ("social", "Love your products but a tiny {product} in a huge box with plastic filler? come on \U0001F30D"),
    ],
    validate=[
        "You're right that a tiny {product} in a huge box full of plastic feels wasteful, and it's good of you to tell us.",
        "I can see why that bothered you - it doesn't match what we say about caring for the environment.",
    ],
    paraphrase=[
        "So the {product} was small but the box and plastic filler were far bigger than they needed to be.",
    ],
    question=[
        "Would paper filling or a padded envelope have been better for you in this case?",
    ],
    action=[
        "I've logged this with our packaging team and added your example to their review.",
        "I've passed your note to the warehouse lead who is reviewing box sizes this quarter.",
    ],
    passive_action=[
        "Your suggestion has been logged with the packaging team.",
    ],
    time=[
        "They review suggestions at the end of each month, and I'll let you know what they decide.",
    ],
))

# ================================================================== SOFTWARE
SCENARIOS.append(S(
    key="sw_crash", domain="software",
    slots={"app": ["the desktop app", "the iPad app", "the Android app", "the Windows client"],
           "version": ["4.2", "5.0.1", "3.18", "7.1"]},
    msgs=[
        ("email", "Since updating to version {version}, {app} crashes every time I open a project. I have a client presentation tomorrow "
                  "and I can't get to my files. This is really bad timing.", "deadline"),
        ("chat", "app keeps crashing after update {version}. cant open anything"),
        ("social", "New update {version} = crash on launch. Great. Deadline tomorrow.", "deadline"),
        ("email", "Hello support, after the last update ({version}) the program closes itself when I click on a project. "
                  "I reinstall two times, same problem. Please help quickly.", "reinstall"),
    ],
    validate=[
        "[deadline] Losing access to your work the night before a deadline is genuinely stressful, and I want to get you back in fast.",
        "It's maddening when an update meant to improve things stops you working.",
        "[reinstall] You've already reinstalled twice, so I can imagine how fed up you are.",
    ],
    paraphrase=[
        "[reinstall] So since {version}, the program closes as soon as you open a project, even after reinstalling.",
        "[deadline] You updated to {version} and now you can't get to your work, with a deadline tomorrow.",
        "So since you updated to {version}, the app crashes whenever you try to open your work.",
    ],
    question=[
        "Which operating system version are you on, and does it crash with every project or only the larger ones?",
        "Could you send me the crash log from Help > Diagnostics so I can see exactly where it fails?",
    ],
    apology=[
        "I'm sorry - this is a bug in {version}, and it's ours to fix.",
        "I'm sorry our update has put you in this position.",
    ],
    action=[
        "I've put a download link for the previous version in your account so you can roll back tonight and get to your files.",
        "I've escalated this to our engineers and attached your details so they can reproduce it.",
        "I've exported your latest project files from the cloud and emailed them to you, so you have them whatever happens.",
    ],
    passive_action=[
        "A rollback link has been added to your account.",
        "The bug has been reported to engineering.",
    ],
    time=[
        "A fix is planned for {fday}, and I'll message you the moment it's out.",
        "I'll check back with you in two hours to make sure the rollback worked.",
    ],
))

SCENARIOS.append(S(
    key="sw_sync_lost", domain="software",
    slots={"thing": ["notes", "photos", "spreadsheets", "recipes", "thesis drafts"]},
    msgs=[
        ("email", "After the sync this morning, all my {thing} from the last month are gone. Months of work. "
                  "I am honestly shaking. Please tell me they can be recovered.", "month morning"),
        ("chat", "my {thing} disappeared after sync!!! help"),
        ("social", "Your sync just wiped a month of my {thing}. Anyone there??", "month"),
    ],
    validate=[
        "[month] Thinking a month of your {thing} has vanished is frightening, and I completely understand how upset you are.",
        "That's a horrible moment - so much of your own work suddenly missing.",
    ],
    paraphrase=[
        "[month] So after the latest sync, a month's worth of your {thing} isn't showing anymore.",
        "So your {thing} disappeared right after a sync, and you need to know whether they can be brought back.",
    ],
    question=[
        "Are the {thing} missing on all your devices, or is one of them still showing them?",
        "[morning] Roughly what time did the sync run this morning? That helps me pick the right backup.",
    ],
    apology=[
        "I'm so sorry - the sync should never remove your data.",
        "I'm sorry this happened; it's a failure on our side.",
    ],
    action=[
        "I've found a server backup from yesterday and I'm restoring your {thing} from it now.",
        "I've paused syncing on your account so nothing else is overwritten while I restore your {thing}.",
    ],
    passive_action=[
        "A restore from backup has been started.",
    ],
    time=[
        "The restore takes about an hour; I'll email you as soon as it's done.",
        "You should see the {thing} back within {hours}, and I'll confirm with you then.",
    ],
))

SCENARIOS.append(S(
    key="sw_charged_after_cancel", domain="software",
    slots={},
    msgs=[
        ("email", "I cancelled my subscription on {day} and got a confirmation, yet you charged me {amount} today. I want this refunded.", "confirm"),
        ("chat", "i cancelled but still got charged {amount}??"),
        ("social", "Cancelled my plan, still got billed {amount}. Classic."),
        ("email", "Hi, I cancel my plan last month, I have the email. Today again {amount} from my card. This is not correct. Please give back.", "confirm"),
    ],
    validate=[
        "Being billed after you've cancelled feels like you're being ignored, and it's fair to be annoyed.",
        "Finding {amount} gone when you'd done everything right to cancel is really frustrating.",
    ],
    paraphrase=[
        "[confirm] So you cancelled and have the confirmation, but you were still charged {amount}.",
        "You ended the subscription, yet another payment of {amount} was taken.",
    ],
    question=[
        "Could you forward me the cancellation confirmation email so I can match it to your account?",
        "Do you have more than one account with us, maybe under a work email?",
    ],
    apology=[
        "I'm sorry - you cancelled correctly and we charged you anyway.",
        "I'm sorry about this charge; it was our billing error.",
    ],
    action=[
        "I've refunded the {amount} and made sure the subscription is fully closed.",
        "I've confirmed the cancellation on my side and reversed the {amount} charge.",
    ],
    passive_action=[
        "The charge has been refunded and the subscription closed.",
    ],
    time=[
        "The refund will reach your card within 5 working days.",
        "You'll get a confirmation email in the next few minutes, and the money by {fday}.",
    ],
))

SCENARIOS.append(S(
    key="sw_2fa_locked", domain="software", erred=False,
    slots={},
    msgs=[
        ("email", "I lost my phone on holiday and now I can't log in because of two-factor authentication. "
                  "All my work is in there and I'm completely stuck. What can I do?", "work"),
        ("chat", "lost phone cant get 2fa code, locked out"),
        ("email", "Hello, my phone was stolen and the authenticator app was on it. I have no backup codes. Please help me to enter my account.",
         "nobackup"),
    ],
    validate=[
        "Losing your phone is stressful on its own, and being locked out of your account on top of that is a lot.",
        "[work] Being stuck outside your own account while all your work is inside is really unsettling.",
    ],
    paraphrase=[
        "[nobackup] So your authenticator app was on the phone that was stolen, and you don't have backup codes, so you can't get past two-factor.",
        "So without the phone you can't get a login code, which leaves you locked out.",
    ],
    question=[
        "Do you still have access to the email address on the account? That's the quickest way I can verify you.",
        "Is the account a personal one, or is it managed by an admin at your company?",
    ],
    action=[
        "I've started the identity check for you; once you reply with the code I've emailed, I'll reset the two-factor myself.",
        "I've sent a verification link to your account email, and when you click it I'll remove the old device from your login.",
    ],
    passive_action=[
        "An account recovery request has been opened.",
    ],
    time=[
        "Once you've verified, the reset takes about ten minutes.",
        "I'll be watching for your reply and will finish the reset within the hour.",
    ],
))

SCENARIOS.append(S(
    key="sw_howto_export", domain="software", erred=False, upset=False, kind="howto",
    slots={"thing": ["contacts", "invoices", "time entries", "survey results"]},
    msgs=[
        ("email", "Hi, is there a way to export all my {thing} to a CSV file? My accountant needs them by Friday.", "accountant"),
        ("chat", "how to export {thing} to excel?"),
        ("social", "Is there any way to get my {thing} out as CSV? can't find it anywhere", "searched"),
        ("email", "Hello, I search everywhere how to download {thing} in excel format but I don't find. Can you explain please?", "searched"),
    ],
    validate=[
        "[searched] The export option is honestly hard to find, so it's no wonder you've been hunting for it.",
        "[accountant] With your accountant waiting on these by Friday, I understand you want this quick and simple.",
    ],
    paraphrase=[
        "So you need all your {thing} in a CSV file that you can open in Excel.",
        "You're looking for a way to get the {thing} out of the app as a spreadsheet.",
    ],
    question=[
        "Do you need all of your {thing}, or only a certain date range?",
        "Are you using the web version or the desktop app? The menu is in a slightly different place.",
    ],
    action=[
        "Let me walk you through it: open {thing}, click the three dots at the top right, choose 'Export', and pick CSV.",
        "I've run the export for you and attached the CSV to this message.",
    ],
    passive_action=[
        "Exports are available under Settings > Data > Export.",
    ],
    time=[
        "The file is emailed to you within about five minutes of clicking Export.",
    ],
))

SCENARIOS.append(S(
    key="sw_feature_request", domain="software", erred=False, upset=False, kind="feedback",
    slots={"feature": ["a dark mode", "keyboard shortcuts for tagging", "offline mode", "recurring tasks"]},
    msgs=[
        ("email", "Hi, love the app, but please add {feature}. I work late and it would make a huge difference. Thanks!", "late"),
        ("social", "When are you adding {feature}?? been waiting a year", "year"),
        ("chat", "feature request: {feature}. pls"),
    ],
    validate=[
        "[year] A year is a long time to wait for something you'd use every day, so I understand the impatience.",
        "[late] I can see why {feature} matters so much to you when you're working late.",
    ],
    paraphrase=[
        "So you'd like us to add {feature}, because it would make your everyday use easier.",
    ],
    question=[
        "What would you use {feature} for most? Specific examples really help the product team.",
    ],
    action=[
        "I've added your vote to the request for {feature} and linked your account, so you'll be notified when it ships.",
        "I've passed your request to our product manager along with your reasons.",
    ],
    passive_action=[
        "Your request has been logged.",
    ],
    time=[
        "The roadmap is reviewed every quarter, and I'll write to you after the next review in a few weeks.",
    ],
))

SCENARIOS.append(S(
    key="sw_repeat_bug", domain="software",
    slots={},
    msgs=[
        ("email", "This is the THIRD time I'm writing about invoices not sending. Ticket {ref}. Each time someone says it's fixed and it isn't. "
                  "I'm losing clients over this.", "told clients"),
        ("chat", "3rd time contacting about invoices not sending. ticket {ref}. nobody fixes it"),
        ("social", "Third ticket about invoices not sending ({ref}). Still broken. Considering switching.", "switching"),
    ],
    validate=[
        "Having to explain the same problem three times is exhausting, and I'd be angry too.",
        "[clients] I understand how worrying it is when a bug is costing you clients, on top of the frustration of repeating yourself.",
        "[switching] It makes complete sense that you're thinking about switching after three tickets about the same bug.",
    ],
    paraphrase=[
        "[told] So you've reported invoices not sending before under ticket {ref}, been told it was fixed, and it's still happening.",
        "So this is your third contact about invoices not sending, and it still isn't fixed.",
    ],
    question=[
        "Are all invoices failing, or only those to certain clients or email domains?",
        "When did the last one fail? I'd like to look at that exact send in our logs.",
    ],
    apology=[
        "[told] I'm sorry we told you it was fixed when it wasn't - that's on us.",
        "I'm sorry you've had to come back a third time; you shouldn't have had to.",
    ],
    action=[
        "I'm taking ownership of ticket {ref} myself from now on, and I've got an engineer looking at your account today.",
        "I've reviewed the whole history of {ref} and escalated it to our senior engineering team, with me as your single contact.",
    ],
    passive_action=[
        "Ticket {ref} has been escalated to engineering.",
    ],
    time=[
        "I'll call you tomorrow before noon with what we've found.",
        "You'll hear from me by {fday}, fixed or not, with a clear update.",
    ],
))

SCENARIOS.append(S(
    key="sw_slow", domain="software",
    slots={},
    msgs=[
        ("email", "Since last week the dashboard takes over a minute to load. My team of 12 is basically waiting around all day. Please look into this.",
         "team minute"),
        ("chat", "dashboard so slow since update, like 1 min to load", "minute"),
        ("social", "Is anyone else's dashboard painfully slow this week or just mine?"),
    ],
    validate=[
        "[team] Watching a whole team wait on a loading screen is frustrating and costly, and I understand the urgency.",
        "[minute] A minute per page load adds up fast - I can see why it's driving you up the wall.",
        "A slow dashboard drags on every single task, so I can see why it's getting to you.",
    ],
    paraphrase=[
        "[team] So since last week the dashboard takes around a minute to load, and it's holding up your whole team.",
        "So the dashboard has become much slower to load over the past week.",
    ],
    question=[
        "Is it slow for everyone on your account, or only in some browsers or locations?",
        "Does it load faster if you open it in a private window?",
    ],
    apology=[
        "I'm sorry, this slowdown is coming from our side after last week's release.",
    ],
    action=[
        "I've linked your workspace to the performance issue our engineers are fixing and asked them to check your data specifically.",
        "I've moved your workspace to a less busy server, which should speed things up right away.",
    ],
    passive_action=[
        "Your workspace has been added to the performance investigation.",
    ],
    time=[
        "The fix is scheduled to roll out on {fday}, and I'll confirm when it's live.",
    ],
))

SCENARIOS.append(S(
    key="sw_thanks", domain="software", erred=False, act=False, upset=False, kind="praise",
    slots={},
    msgs=[
        ("email", "Just a quick note to say thanks to the engineer who fixed my import problem yesterday. Saved my week!"),
        ("chat", "thanks, the import works now!! you saved me"),
        ("social", "Support team fixed my import issue in 20 minutes on a Sunday. Impressed \U0001F44F", "sunday"),
    ],
    validate=[
        "That's wonderful to hear - I know how much a stuck import can hold things up, so I'm really glad it's working again.",
        "[sunday] It's great that it was sorted so quickly, especially on a Sunday when you probably had other plans.",
    ],
    paraphrase=[
        "So the import problem is fixed and you're back on track.",
    ],
    question=[],
))

# ================================================================== TELECOM
SCENARIOS.append(S(
    key="tel_outage", domain="telecom",
    slots={},
    msgs=[
        ("email", "My internet has been down since {day}. I work from home and I've had to sit in a cafe for three days to do my job. "
                  "I've restarted the router a dozen times. When will this be fixed?", "wfh router"),
        ("chat", "internet down since {day} again. fix it"),
        ("social", "No internet for 3 days now. Working from home is impossible. Zero updates from you.", "wfh noupdates"),
        ("email", "Hello, since {day} no internet at my home. My children need it for school homework. I call two times, nobody help. Please.",
         "kids called"),
    ],
    validate=[
        "[wfh] Not being able to work from your own home for days is exhausting, and having to camp out in a cafe just to do your job isn't fair on you.",
        "Being without internet for days is genuinely disruptive, and I understand why you've run out of patience.",
        "[kids] With your children needing it for homework, I can see how much pressure this is putting on the whole family.",
        "[noupdates] Going days without a connection and without a word from us would make anyone angry.",
    ],
    paraphrase=[
        "So your connection has been down since {day}, and nothing you've tried has brought it back.",
        "[router] You've restarted the router many times and you've been working from a cafe for three days.",
        "[called] So you've called twice already and the internet at home is still not working.",
    ],
    question=[
        "Which lights are showing on the router right now - is the internet light red or off?",
        "Is anyone else on your street affected, as far as you know?",
    ],
    apology=[
        "I'm sorry - this outage is on our network, not your equipment.",
        "[called] I'm sorry nobody helped when you called; you should have had answers then.",
        "[noupdates] I'm sorry we left you without updates - that's our failure.",
    ],
    action=[
        "I've booked an engineer to your street and attached your line to the outage report myself.",
        "I've added a credit for every day you've been without service to your next bill.",
        "I've sent you a free mobile data SIM so you can get online while we fix the line.",
    ],
    passive_action=[
        "An engineer visit has been booked.",
        "A credit has been applied to your account.",
    ],
    time=[
        "The engineer is due {fday} between 8am and noon, and I'll text you the evening before.",
        "The repair is expected to be finished within {hours}; I'll message you as soon as it's done.",
    ],
))

SCENARIOS.append(S(
    key="tel_roaming", domain="telecom",
    slots={"country": ["Switzerland", "Turkey", "Morocco", "the US", "Norway"]},
    msgs=[
        ("email", "I just got a bill for {amount} in roaming charges from my trip to {country}. Your website said my plan covered roaming. "
                  "This is more than my rent. I'm furious.", "website rent"),
        ("chat", "why is my bill {amount}?? roaming in {country}??"),
        ("social", "{amount} roaming bill after a week in {country}. Thanks for ruining my holiday memories."),
        ("email", "Good morning, my bill this month is {amount}, normally I pay 25. It says roaming {country}. I did not know it cost like this. "
                  "Can you check please, I am not able to pay this.", "cantpay"),
    ],
    validate=[
        "A bill of {amount} out of nowhere is a shock, and I understand why you're angry.",
        "[rent] When a phone bill is bigger than your rent, it's frightening as well as infuriating.",
        "[cantpay] I can hear how worried you are about paying this, and I want to take that worry off you.",
    ],
    paraphrase=[
        "So you were in {country}, expected roaming to be included, and were billed {amount}.",
        "[website] You checked our website before travelling, it said roaming was covered, and now you've got a bill for {amount}.",
        "[cantpay] Your bill is usually about 25, and this month it's {amount} because of roaming in {country}.",
    ],
    question=[
        "Do you remember roughly what you used the most in {country} - maps, video calls, social media?",
        "Did you get a text from us when you arrived in {country} about roaming rates?",
    ],
    apology=[
        "I'm sorry - {country} isn't covered by your plan and we should have made that much clearer.",
        "[website] I'm sorry our website gave you the wrong impression; that's our mistake.",
    ],
    action=[
        "I've removed the roaming charges from your bill and added a roaming cap so this can't happen again.",
        "I've reduced the bill to what the travel add-on would have cost, which brings it down a lot.",
        "I've put the bill on hold so no payment is taken while I sort it out.",
    ],
    passive_action=[
        "A roaming cap has been added to the line.",
        "The roaming charges have been adjusted.",
    ],
    time=[
        "You'll receive the corrected bill by email within {hours}.",
        "I'll call you {fday} to confirm the new amount.",
    ],
))

SCENARIOS.append(S(
    key="tel_technician", domain="telecom",
    slots={},
    msgs=[
        ("email", "I took a day off work on {day} for your technician to install my fibre. Nobody came, nobody called. "
                  "That's a day's pay gone. I want an explanation.", "dayoff"),
        ("chat", "technician didnt show up today. waited all day"),
        ("social", "Waited in all day for the engineer. No show, no call. Again.", "again"),
    ],
    validate=[
        "[dayoff] Losing a day's pay to wait in for someone who never came is maddening, and you deserve better than that.",
        "Waiting in all day for nobody to turn up is so frustrating - that's a whole day you can't get back.",
        "[again] Having this happen again makes it even worse, and I'd be fed up too.",
    ],
    paraphrase=[
        "So the technician was booked, you stayed home all day, and nobody came or called.",
        "[dayoff] You took {day} off work for the fibre installation and no one showed up.",
    ],
    question=[
        "Which days next week could work for you, so I book a slot that doesn't cost you another day off?",
        "Would a first-thing morning slot or an evening slot be easier for you?",
    ],
    apology=[
        "I'm sorry we wasted your day - that's completely on us.",
        "I'm sorry nobody even called to tell you; that's not acceptable.",
    ],
    action=[
        "I've booked the first morning slot available and marked it as a priority appointment.",
        "I've added a missed-appointment credit to your account, and I'll personally confirm the technician the day before.",
    ],
    passive_action=[
        "A new appointment has been scheduled.",
    ],
    time=[
        "The technician will arrive on {fday} between 8 and 10am, and I'll call you the day before to confirm.",
        "You'll get a text with the engineer's name on the morning of {fday}.",
    ],
))

SCENARIOS.append(S(
    key="tel_slow_speed", domain="telecom",
    slots={"speed": ["500", "300", "1000", "150"]},
    msgs=[
        ("email", "I pay for {speed} Mbps and I'm getting around 20 in the evenings. I've run speed tests every night this week. "
                  "I'm paying for something I'm not getting.", "tests evenings"),
        ("chat", "speed is terrible, paying {speed} getting 20"),
        ("social", "Paying for {speed}Mb, getting 20Mb. Every. Single. Evening.", "evenings"),
    ],
    validate=[
        "Paying for a speed you're not getting is frustrating, and it's reasonable to feel short-changed.",
        "[tests] You've been running tests every night, so I can see how fed up you must be.",
    ],
    paraphrase=[
        "So you're on the {speed} Mbps plan but getting around 20.",
        "[evenings] So every evening your speed drops to about 20, far below the {speed} you pay for.",
    ],
    question=[
        "Are the speed tests done over Wi-Fi or with a cable plugged into the router?",
        "Does it drop only in the evenings, or during the day as well?",
    ],
    apology=[
        "I'm sorry, you're not getting what you pay for and that's on us to fix.",
    ],
    action=[
        "I've run a line test from my side and booked a check of the street cabinet.",
        "I've applied a partial refund for this month while I work on the speed.",
    ],
    passive_action=[
        "A line check has been requested.",
    ],
    time=[
        "The cabinet check is booked for {fday}, and I'll send you the results that evening.",
    ],
))

SCENARIOS.append(S(
    key="tel_cancel_hassle", domain="telecom",
    slots={},
    msgs=[
        ("email", "I have tried to cancel my contract three times. Every time I call, I get transferred around and then cut off. "
                  "My contract ended in {day}. Just cancel it. I don't want a retention offer.", "calls nooffer"),
        ("chat", "I JUST WANT TO CANCEL. 3rd time trying. no offers pls", "nooffer"),
        ("social", "Day 3 of trying to cancel my contract. Transferred 5 times today. Unreal.", "calls"),
    ],
    validate=[
        "[calls] Being passed from person to person and then cut off is exhausting, especially when all you want is to leave.",
        "Having to try three times just to cancel is infuriating, and I understand you've had enough.",
    ],
    paraphrase=[
        "So you've tried to cancel three times and still haven't managed it.",
        "[nooffer] You want to cancel, you don't want an offer, and you just want it done this time.",
    ],
    question=[
        "Would you like the final bill sent by email or by post?",
        "Do you want to keep your phone number, so I can give you a transfer code?",
    ],
    apology=[
        "I'm sorry it's taken three attempts; you should have been able to cancel the first time.",
        "[calls] I'm sorry you were passed around and cut off - that shouldn't happen.",
    ],
    action=[
        "I've cancelled the contract myself, right now, with no offers attached.",
        "I've processed the cancellation and waived the final month's charge for the trouble.",
    ],
    passive_action=[
        "The cancellation has been processed.",
    ],
    time=[
        "You'll get written confirmation by email within the hour.",
        "Service stops at midnight on {fday}, and your final bill arrives within 10 days.",
    ],
))

SCENARIOS.append(S(
    key="tel_bereavement", domain="telecom", erred=False, upset=False, kind="loss",
    slots={"relative": ["father", "mother", "husband", "grandmother", "wife"]},
    msgs=[
        ("email", "Hello, my {relative} passed away last month and I need to close their phone and broadband account. "
                  "I don't really know where to start and I'm finding all of this very hard.", "hard"),
        ("chat", "my {relative} died and i need to cancel their phone contract. what do i need"),
        ("email", "Dear Sir or Madam, I am writing to inform you of the death of my {relative}. Please tell me what documents you need to end the contract.",
         "formal"),
    ],
    validate=[
        "I'm so sorry about your {relative}. Sorting out accounts while you're grieving is a heavy thing to have to do.",
        "[hard] I'm very sorry for the loss of your {relative}; it's completely understandable that this feels hard, and I'll make it as simple as I can.",
    ],
    paraphrase=[
        "So you need to close your {relative}'s phone and broadband, and you'd like to know what's needed.",
        "[hard] You're looking after your {relative}'s affairs and aren't sure where to begin.",
    ],
    question=[
        "Would you like me to keep the broadband running for a few weeks while the house is being sorted?",
        "Is it easier for you if I handle this by email, so you don't need to call?",
    ],
    action=[
        "I'll take care of closing the account myself; all I need is a copy of the death certificate, which you can reply to this email with.",
        "I've put a hold on the account so no further bills go out, and I'll close it as soon as I have the certificate.",
    ],
    passive_action=[
        "The account has been flagged for bereavement closure.",
    ],
    time=[
        "Once I have the certificate, the account will be closed within two working days, and I'll confirm in writing.",
    ],
    canned_feel=CANNED_LOSS,
))

SCENARIOS.append(S(
    key="tel_howto_voicemail", domain="telecom", erred=False, upset=False, kind="howto",
    slots={"phone": ["iPhone", "Android phone", "Samsung", "Pixel"]},
    msgs=[
        ("chat", "how do i set up voicemail on my {phone}"),
        ("email", "Hi, I'm not very good with technology. Could you explain how to set up voicemail on my new {phone}? My grandson usually does it.",
         "nottech"),
        ("social", "how to turn on voicemail? new {phone}, cant see option"),
    ],
    validate=[
        "[nottech] Phone settings can be confusing even for people who use them all day, so please don't worry - we'll do it step by step.",
    ],
    paraphrase=[
        "So you'd like voicemail working on your new {phone}.",
        "[nottech] You've got a new {phone} and you'd like to set up voicemail yourself this time.",
    ],
    question=[
        "Do you want a personal greeting recorded, or is the standard message fine?",
    ],
    action=[
        "I'll talk you through it: open the Phone app, press and hold the number 1, and follow the voice steps to choose a PIN and record a greeting.",
        "Let me help: dial 121 from your {phone}, choose option 3, and set a four-digit PIN when asked. I'll stay on the chat while you try it.",
    ],
    passive_action=[
        "Voicemail can be set up by dialling 121.",
    ],
    time=[
        "It takes about two minutes, and it works straight away.",
    ],
))

SCENARIOS.append(S(
    key="tel_moving", domain="telecom", erred=False, upset=False, kind="howto",
    slots={"city": ["Leeds", "Lyon", "Porto", "Gdansk", "Cork"]},
    msgs=[
        ("email", "We're moving to {city} on the 20th and I'd like to take our broadband with us. I work from home so I can't be offline long. "
                  "What do I need to do?", "wfh"),
        ("chat", "moving house to {city} next month, can i keep my internet?"),
    ],
    validate=[
        "[wfh] Moving is stressful enough, and when your income depends on being online, I understand you want this planned carefully.",
    ],
    paraphrase=[
        "So you're moving to {city} and want your broadband to follow you without a gap.",
    ],
    question=[
        "Could you send me the new address in {city}, so I can check what speeds are available there?",
    ],
    action=[
        "I've started a home move order on your account; I just need the new address to book the connection.",
        "I'll arrange for your service to switch on at the new address on moving day and send you a free mobile hotspot as backup.",
    ],
    passive_action=[
        "Home moves can be requested in the app under Account > Moving home.",
    ],
    time=[
        "Once I have the address, I'll confirm the install date within {hours}.",
    ],
))

# ================================================================== BANKING
SCENARIOS.append(S(
    key="bank_card_abroad", domain="banking",
    slots={"country": ["Spain", "Japan", "Mexico", "Italy", "Thailand"]},
    msgs=[
        ("email", "I'm in {country} and my card has been declined at every shop and ATM since yesterday. I told you I was travelling. "
                  "I have almost no cash and I'm really worried.", "told nocash"),
        ("chat", "card not working in {country}!! im stuck", "stuck"),
        ("social", "Card blocked abroad in {country}. Again. Even though I set a travel notice.", "told"),
        ("email", "Hello I am on holiday in {country} and card is not accept anywhere. Restaurant this evening was very embarrassing. Please unblock it.",
         "embarrass"),
    ],
    validate=[
        "Being in {country} with a card that won't work is really stressful, and I want to get this sorted right now.",
        "[nocash] Running low on cash in another country with no way to pay is frightening, and I understand how worried you are.",
        "[embarrass] Having your card refused in front of people at a restaurant is embarrassing, and I'm sorry you went through that.",
        "[told] It's maddening when you've done the right thing and told us you were travelling, and the card still gets blocked.",
    ],
    paraphrase=[
        "So your card has been declined everywhere in {country}.",
        "[told] You set a travel notice for {country}, and the card was still blocked.",
    ],
    question=[
        "Do you have access to the banking app right now, so I can send you a confirmation there?",
        "Was the first declined payment in a shop or at a cash machine?",
    ],
    apology=[
        "[told] I'm sorry - with a travel notice in place, this block shouldn't have happened.",
        "I'm sorry our fraud system stopped your card; that's an error on our side.",
    ],
    action=[
        "I've removed the block and marked your card for use in {country} for the rest of your trip.",
        "I've unblocked the card and arranged emergency cash you can collect at a partner bank.",
    ],
    passive_action=[
        "The block has been lifted.",
    ],
    time=[
        "It works again from now - try a small payment in the next few minutes, and I'll stay on the chat until it goes through.",
        "The emergency cash can be collected within {hours}.",
    ],
))

SCENARIOS.append(S(
    key="bank_unknown_tx", domain="banking", erred=False,
    slots={"merchant": ["an online electronics store", "a gaming site", "a petrol station in another city", "a streaming service"]},
    msgs=[
        ("email", "There's a payment of {amount} to {merchant} on my account that I did not make. I'm scared someone has my card details. What do I do?",
         "scared"),
        ("chat", "payment of {amount} i didnt make?? to {merchant}"),
        ("email", "Hi, I see in my account a transaction of {amount} that is not mine. I never buy from {merchant}. I am afraid about my money.", "scared"),
    ],
    validate=[
        "Seeing a payment you didn't make is scary, and it's completely natural to feel shaken by it.",
        "[scared] I understand why you're frightened - it feels invasive to think someone else has your card details.",
    ],
    paraphrase=[
        "So there's a payment of {amount} to {merchant} that you didn't make.",
        "You've found a {amount} charge from {merchant}, and you've never used them.",
    ],
    question=[
        "Is your card still with you right now, or could it have been lost or taken?",
        "Have you used the card online anywhere new in the last few weeks?",
    ],
    action=[
        "I've frozen the card so nothing else can go through, and I've opened a dispute for the {amount}.",
        "I've blocked the card, ordered you a new one, and started a fraud claim to get the {amount} back.",
    ],
    passive_action=[
        "The card has been blocked and a dispute opened.",
    ],
    time=[
        "The {amount} is usually returned within 10 working days, and your new card will arrive in 3 to 5 days.",
        "I'll update you by {fday} on the dispute.",
    ],
))

SCENARIOS.append(S(
    key="bank_transfer_delay", domain="banking",
    slots={},
    msgs=[
        ("email", "I sent {amount} to my landlord on {day} and it still hasn't arrived. He's threatening a late fee. Your app said it would be instant.",
         "landlord instant"),
        ("chat", "transfer of {amount} not arrived since {day}"),
        ("social", "Sent money {day}, still not arrived. 'Instant payments' my foot.", "instant"),
    ],
    validate=[
        "[landlord] Having your landlord chase you for money you've already sent is stressful, and it isn't your fault.",
        "It's worrying when money leaves your account and doesn't turn up where it should.",
    ],
    paraphrase=[
        "So the {amount} you sent on {day} hasn't arrived yet.",
        "[instant] You were told the transfer would be instant, and days later it still hasn't arrived.",
    ],
    question=[
        "Did you send it to an account you've paid before, or was this a new payee?",
        "[landlord] Would a letter from us confirming the payment date help with your landlord?",
    ],
    apology=[
        "I'm sorry - the transfer was held by our checks and nobody told you.",
        "[instant] I'm sorry our app said instant when this wasn't; that's misleading.",
    ],
    action=[
        "I've released the payment from our checks myself, and I'll cover any late fee your landlord charges.",
        "I've traced the transfer and pushed it through manually.",
        "[landlord] I've written a letter confirming you sent the money on {day}, which you can show your landlord.",
    ],
    passive_action=[
        "The payment has been released.",
    ],
    time=[
        "It should land in the other account within two hours, and I'll check it has by the end of today.",
    ],
))

SCENARIOS.append(S(
    key="bank_fee", domain="banking",
    slots={},
    msgs=[
        ("email", "You charged me a {amount} overdraft fee because my salary was late - but it was late because YOUR system delayed it. "
                  "I want this fee removed.", "salary"),
        ("chat", "why {amount} fee?? i never go overdraft normally"),
        ("social", "{amount} fee because your own system was slow processing my salary. Nice one.", "salary"),
    ],
    validate=[
        "[salary] Being charged for a delay that wasn't your doing is really unfair, and I understand why you're angry.",
        "A surprise fee is annoying, especially when you're normally careful with your account.",
    ],
    paraphrase=[
        "[salary] So your salary came in late because of our processing, and you were then charged a {amount} overdraft fee.",
        "So you've been charged {amount} for going overdrawn, which isn't something that normally happens to you.",
    ],
    question=[
        "Could you tell me the date your salary normally arrives?",
    ],
    apology=[
        "[salary] I'm sorry - our delay caused this, so the fee was wrong.",
        "I'm sorry for the trouble this fee has caused you.",
    ],
    action=[
        "I've refunded the {amount} fee and added a note so it won't be charged again for this.",
        "I've removed the fee and reversed any interest charged on the overdraft.",
    ],
    passive_action=[
        "The fee has been refunded.",
    ],
    time=[
        "The refund will show in your account by tomorrow morning.",
    ],
))

SCENARIOS.append(S(
    key="bank_locked_online", domain="banking", erred=False,
    slots={},
    msgs=[
        ("email", "I've locked myself out of online banking after getting the password wrong. I need to pay a bill today. Please help.", "billtoday"),
        ("chat", "locked out of app, too many tries"),
        ("email", "Hello, my online account is blocked because I put wrong password 3 times. How I can open again? I am old and not so good with computer.",
         "older"),
    ],
    validate=[
        "[billtoday] With a bill due today, being locked out is a stressful position, so let's get you back in quickly.",
        "[older] Online banking can be fiddly for anyone, so please don't worry - getting locked out happens a lot.",
        "Getting locked out of your own account is frustrating, and it's an easy thing to do.",
    ],
    paraphrase=[
        "So after a few wrong password attempts, your online banking has been locked.",
    ],
    question=[
        "Do you still have your card reader, or would you prefer I send a reset code to your phone?",
        "Is the phone number on your account still the one you use?",
    ],
    action=[
        "I've sent a reset code to your registered phone; when you enter it, you can choose a new password.",
        "[billtoday] I can take the bill payment for you on this chat while you reset your password, so it isn't late.",
    ],
    passive_action=[
        "A reset code has been sent.",
    ],
    time=[
        "The code is valid for 30 minutes, and the account unlocks straight after.",
    ],
))

SCENARIOS.append(S(
    key="bank_bereavement", domain="banking", erred=False, upset=False, kind="loss",
    slots={"relative": ["husband", "wife", "partner", "father", "mother"]},
    msgs=[
        ("email", "My {relative} passed away two weeks ago. We had a joint account and I don't know if I can still use it to pay the funeral costs. "
                  "I'm sorry if this is the wrong place to ask.", "funeral"),
        ("chat", "my {relative} died, we had joint account. what happens now"),
    ],
    validate=[
        "I'm so sorry about your {relative}. You've come to the right place, and you don't need to apologise for asking anything.",
        "[funeral] I'm so sorry for your loss. Worrying about money for the funeral on top of grief is a lot to carry, so let me take this off your plate.",
    ],
    paraphrase=[
        "So you had a joint account with your {relative}, and you'd like to know if you can keep using it.",
        "[funeral] You need to know whether the joint account can cover the funeral costs.",
    ],
    question=[
        "Would you like me to send the bereavement paperwork by post or by email?",
    ],
    action=[
        "The joint account stays open and you can keep using it as normal; I'll guide you through changing it into your name when you feel ready.",
        "I've set up a bereavement case for you with me as your contact, so you won't need to explain this again.",
    ],
    passive_action=[
        "A bereavement case has been opened.",
    ],
    time=[
        "I'll send you the short form to update the account within {hours}, and there's no deadline to return it.",
    ],
    canned_feel=CANNED_LOSS,
))

SCENARIOS.append(S(
    key="bank_howto_standing", domain="banking", erred=False, upset=False, kind="howto",
    slots={},
    msgs=[
        ("chat", "how to set up a standing order in the app?"),
        ("email", "Hello, I would like to send {amount} every month to my daughter at university. How do I set this up?", "daughter"),
    ],
    validate=[
        "[daughter] That's a lovely thing to set up for your daughter, and it only takes a minute.",
    ],
    paraphrase=[
        "[daughter] So you'd like {amount} to go to your daughter automatically each month.",
        "So you want a regular payment to go out automatically.",
    ],
    question=[
        "Which day of the month would suit you best for the payment to go out?",
    ],
    action=[
        "I'll guide you through it: in the app tap Payments, then Standing orders, then New, and enter the details and the day of the month.",
        "Let me walk you through it: open Payments > Standing orders > New, add the payee, choose 'monthly', and confirm with your PIN.",
    ],
    passive_action=[
        "Standing orders can be set up under Payments in the app.",
    ],
    time=[
        "The first payment goes out on the date you choose, as long as it's at least one working day away.",
    ],
))

SCENARIOS.append(S(
    key="bank_mortgage_docs", domain="banking",
    slots={},
    msgs=[
        ("email", "For the THIRD time I'm being asked to send my payslips for the mortgage application because you 'can't find them'. "
                  "Our completion date is in two weeks. If we lose this house because of you I don't know what I'll do.", "house"),
        ("chat", "sent my documents 3 times already. why do you keep losing them"),
    ],
    validate=[
        "[house] The thought of losing a house you've set your heart on is terrifying, and it's completely understandable you're at the end of your rope.",
        "Being asked for the same documents three times is exhausting, and it makes sense you're losing trust in us.",
    ],
    paraphrase=[
        "So you've sent your documents three times and we keep saying we can't find them.",
        "[house] Your completion is in two weeks and we've asked you for the payslips again, for the third time.",
    ],
    question=[
        "Could you tell me roughly when and how you sent them each time, so I can find where they went?",
    ],
    apology=[
        "I'm sorry - losing your documents is our failure, and you shouldn't have had to send them again.",
        "I'm really sorry we've put you through this three times.",
    ],
    action=[
        "I've found your payslips in a different folder of your file and moved them to the underwriter myself.",
        "I'm now your single contact for this application, and I've flagged it as urgent with the underwriting team.",
    ],
    passive_action=[
        "The application has been marked as urgent.",
    ],
    time=[
        "I'll call you {fday} with the underwriter's decision so you know well before completion.",
    ],
))

SCENARIOS.append(S(
    key="bank_praise", domain="banking", erred=False, act=False, upset=False, kind="praise",
    slots={"branch": ["the Hillside branch", "the high street branch", "the city centre branch"]},
    msgs=[
        ("email", "I want to thank the staff at {branch}. After my husband died they helped me understand our accounts with such patience and kindness.",
         "widow"),
        ("social", "Big thanks to {branch} team for sorting my business account in one visit \U0001F44D", "business"),
    ],
    validate=[
        "[widow] Thank you for writing - I'm so glad the team could make a very hard time a little easier for you.",
        "[business] It's great that your business account was sorted in one visit; that's exactly how it should feel.",
    ],
    paraphrase=[
        "[widow] So the team at {branch} took the time to explain everything patiently after your husband's death.",
        "[business] So {branch} got your business account sorted in one go.",
    ],
    question=[],
))

# ================================================================== TRAVEL
SCENARIOS.append(S(
    key="travel_flight_cancel", domain="travel",
    slots={"city": ["Lisbon", "Dublin", "Athens", "Berlin", "Toronto"]},
    msgs=[
        ("email", "Our flight {flight} to {city} was cancelled two hours before departure. We're at the airport with two small kids "
                  "and no one at the desk can tell us anything. We need to get home.", "kids airport"),
        ("chat", "flight {flight} cancelled. whats my options"),
        ("social", "{flight} cancelled, 300 people stuck at the gate and no one from your airline in sight. #stranded", "airport"),
        ("email", "Hello, my flight {flight} to {city} is cancel and I have important job interview tomorrow morning. Please I need other flight today.",
         "interview"),
    ],
    validate=[
        "[kids] Being stuck at an airport with two small children and no answers is exhausting, and I want to get you moving.",
        "A cancellation at short notice throws everything up in the air, and it's understandable to be upset.",
        "[interview] With an interview tomorrow morning, I understand how much pressure you're under to get there today.",
    ],
    paraphrase=[
        "So flight {flight} was cancelled and you need another way to get there.",
        "[airport] You're at the airport after {flight} was cancelled and no one there has been able to help.",
        "[interview] You need to be in {city} for an interview tomorrow morning, and {flight} has been cancelled.",
    ],
    question=[
        "Would you prefer the first flight tomorrow morning or a later one tonight via another airport?",
        "Do you have checked bags with you, or are they still in the system?",
    ],
    apology=[
        "I'm sorry - this cancellation was our operational problem, not something you could have planned for.",
        "[airport] I'm sorry there was no one at the desk to help you; that's not good enough.",
    ],
    action=[
        "I've rebooked you on the next available flight and reserved seats together.",
        "I've booked you a hotel near the airport for tonight and added meal vouchers to your booking.",
        "I've rebooked you and sent the new boarding passes to your email.",
    ],
    passive_action=[
        "Passengers have been rebooked on the next available flight.",
    ],
    time=[
        "The new flight leaves at 7:10 tomorrow, and the boarding passes are in your inbox now.",
        "I'll text you within {hours} with the hotel confirmation.",
    ],
))

SCENARIOS.append(S(
    key="travel_lost_bag", domain="travel",
    slots={"city": ["Rome", "Madrid", "Vienna", "Cape Town", "Singapore"]},
    msgs=[
        ("email", "My suitcase didn't arrive in {city}. It's been {n} days. All my clothes and my medication are in it. "
                  "I've called every day and get a different answer each time.", "meds called"),
        ("chat", "bag still missing after {n} days. ref {ref}"),
        ("social", "Day {n} in {city} with no luggage. Wearing the same clothes. Thanks a lot."),
    ],
    validate=[
        "Spending days somewhere without your own things is miserable, and I understand why you're fed up.",
        "[meds] Being without your medication is worrying, and I want to make that the first thing we solve.",
        "[called] Getting a different answer every time you call would wear anyone down.",
    ],
    paraphrase=[
        "So your suitcase still hasn't turned up after {n} days.",
        "[meds] Your bag, with your clothes and medication inside, hasn't arrived in {city} after {n} days.",
    ],
    question=[
        "Can you describe the suitcase - colour, brand, any ribbons or tags?",
        "[meds] Would it help if I arranged for a local pharmacy to supply your medication while we find the bag?",
    ],
    apology=[
        "I'm sorry - your bag is our responsibility from check-in and we've let you down.",
        "[called] I'm sorry you were given different answers each time; that's confusing and unfair.",
    ],
    action=[
        "I've traced the bag myself and found it was sent to the wrong airport; I've booked it on the next flight to you.",
        "I've approved an allowance for clothes and essentials, which you can claim back with receipts.",
        "I've put my name on the case so you deal with me from now on.",
    ],
    passive_action=[
        "A trace has been requested for the bag.",
        "An allowance for essentials has been approved.",
    ],
    time=[
        "It should be delivered to your hotel by tomorrow evening, and I'll text you when it's out with the courier.",
        "I'll update you by {fday} either way.",
    ],
))

SCENARIOS.append(S(
    key="travel_hotel_no_booking", domain="travel",
    slots={"city": ["Prague", "Seville", "Edinburgh", "Kraków", "Bruges"]},
    msgs=[
        ("email", "We arrived at our hotel in {city} at 11pm after a long trip and they have no record of our booking {ref}. "
                  "We paid {amount} through your site. We're standing in the lobby with our luggage.", "late lobby"),
        ("chat", "hotel says no booking. ref {ref}. we're here now"),
        ("social", "Booked and paid through you, hotel in {city} says no reservation. Stuck in the lobby at night.", "lobby"),
    ],
    validate=[
        "[late] Arriving late after a long journey and finding there's no room is awful, and I want to get you settled tonight.",
        "Being told your room doesn't exist when you've already paid is really stressful.",
    ],
    paraphrase=[
        "So the hotel has no record of booking {ref}, even though you paid through us.",
        "[lobby] You're in the hotel lobby right now and they can't find your reservation.",
    ],
    question=[
        "Could you pass the phone to the receptionist, so I can speak to them directly?",
        "Would you rather stay at this hotel if I can fix the booking, or move to another nearby?",
    ],
    apology=[
        "I'm sorry - the booking didn't go through to the hotel, and that's our error.",
        "[late] I'm so sorry you're dealing with this late at night.",
    ],
    action=[
        "I've called the hotel and rebooked the room under your name myself.",
        "I've found you a room at a similar hotel two streets away and paid for it, with a taxi covered too.",
    ],
    passive_action=[
        "An alternative room has been booked.",
    ],
    time=[
        "The room is ready now, and I'll email the confirmation within five minutes.",
    ],
))

SCENARIOS.append(S(
    key="travel_refund_delay", domain="travel",
    slots={},
    msgs=[
        ("email", "You cancelled our package holiday {n} weeks ago and promised a full refund of {amount}. Still nothing. "
                  "That was our savings for the year.", "savings"),
        ("chat", "where is refund for cancelled trip? {amount}"),
        ("social", "{n} weeks waiting for a {amount} refund for a holiday YOU cancelled.", "youcancelled"),
    ],
    validate=[
        "[savings] That money was a year of saving, so waiting this long for it back must be really hard.",
        "Waiting weeks for a refund you were promised is frustrating, and I understand why you're losing patience.",
        "[youcancelled] It's especially galling to wait for your money when we were the ones who cancelled.",
    ],
    paraphrase=[
        "So we cancelled your holiday and the {amount} refund hasn't reached you yet.",
        "[savings] You were promised a full refund of {amount}, your savings for the year, {n} weeks ago.",
    ],
    question=[
        "Did you pay by card or bank transfer? That tells me which team is holding it.",
    ],
    apology=[
        "I'm sorry - we cancelled the trip, and making you wait for your money on top of that isn't right.",
    ],
    action=[
        "I've pushed the {amount} refund through to the payments team as urgent and I'm tracking it myself.",
        "I've approved the refund today and added a voucher for the inconvenience.",
    ],
    passive_action=[
        "The refund has been approved.",
    ],
    time=[
        "You should see it in your account within 3 working days, and I'll check on {fday}.",
    ],
))

SCENARIOS.append(S(
    key="travel_name_typo", domain="travel", erred=False,
    slots={},
    msgs=[
        ("email", "I made a typo when booking and my ticket says 'Jonh' instead of 'John'. We fly on {day}. Will I be able to board? I'm panicking.",
         "panic"),
        ("chat", "my name is spelled wrong on ticket, my mistake. can u fix"),
    ],
    validate=[
        "[panic] That's an easy typo to make, and I can see why it's got you panicking before the trip.",
        "A small typo on a ticket can feel like a big deal, but it's a very common fix.",
    ],
    paraphrase=[
        "So the name on the ticket has a small spelling mistake and you want to be sure you can fly.",
        "[panic] Your ticket says 'Jonh' instead of 'John', and you fly on {day}.",
    ],
    question=[
        "Could you send me a photo of the passport page with your name, so I can match it exactly?",
    ],
    action=[
        "I've corrected the spelling on your booking at no charge.",
        "I've updated the name to match your passport and reissued the ticket.",
    ],
    passive_action=[
        "The name has been corrected.",
    ],
    time=[
        "The corrected ticket will be in your inbox within {hours}.",
    ],
))

SCENARIOS.append(S(
    key="travel_seat_paid", domain="travel",
    slots={},
    msgs=[
        ("email", "I paid {amount} extra for an aisle seat on {flight} because of my bad knee, and I was put in a middle seat at the back. "
                  "I was in pain the whole flight.", "knee"),
        ("chat", "paid for seat but didn't get it. flight {flight}"),
        ("social", "Paid {amount} for extra legroom on {flight}. Got a middle seat by the toilets."),
    ],
    validate=[
        "[knee] Sitting in pain for a whole flight because you didn't get the seat you paid for is awful, and I'm sorry your knee took the brunt of it.",
        "Paying extra for a seat and not getting it is really frustrating.",
    ],
    paraphrase=[
        "So you paid for a particular seat on {flight} and ended up somewhere else.",
        "[knee] You booked the aisle seat because of your knee, and were moved to a middle seat at the back.",
    ],
    question=[
        "Do you have a return flight with us coming up, so I can make sure your seat is locked in?",
    ],
    apology=[
        "I'm sorry - you paid for that seat and we didn't give it to you.",
    ],
    action=[
        "I've refunded the seat fee and added a note to your profile about your knee so you're always seated on the aisle.",
        "I've refunded the {amount} and locked in the aisle seat on your return flight.",
    ],
    passive_action=[
        "The seat fee has been refunded.",
    ],
    time=[
        "The refund reaches your card within 5 working days.",
    ],
))

SCENARIOS.append(S(
    key="travel_howto_bag", domain="travel", erred=False, upset=False, kind="howto",
    slots={},
    msgs=[
        ("chat", "how do i add a checked bag to my booking {ref}?"),
        ("email", "Hello, we booked flight {flight} with hand luggage only but now we need one suitcase. Can we add it and how much is it?", "price"),
    ],
    validate=[],
    paraphrase=[
        "So you'd like to add a checked suitcase to your booking.",
    ],
    question=[
        "Roughly how heavy will the suitcase be - under 20kg or up to 23kg?",
    ],
    action=[
        "I'll walk you through it: go to Manage Booking, enter your reference, and choose 'Add bags'. It's cheaper online than at the airport.",
        "I've added a 23kg bag to your booking; you just need to confirm the payment link I've emailed.",
    ],
    passive_action=[
        "Bags can be added under Manage Booking.",
    ],
    time=[
        "You can add it up to 24 hours before the flight, and it shows on your boarding pass straight away.",
    ],
))

SCENARIOS.append(S(
    key="travel_praise", domain="travel", erred=False, act=False, upset=False, kind="praise",
    slots={},
    msgs=[
        ("email", "I flew with my 5-year-old for the first time on {flight} and the cabin crew were amazing. They let her see the cockpit "
                  "and she hasn't stopped talking about it!", "child"),
        ("social", "Crew on {flight} today were fantastic. Kind, funny, calm during the turbulence. Thank you!", "turbulence"),
    ],
    validate=[
        "[child] That's wonderful - a first flight that ends with a visit to the cockpit is something she'll remember for years.",
        "[turbulence] It's lovely to hear the crew kept everyone calm and even made you laugh during the bumps.",
    ],
    paraphrase=[
        "[child] So your daughter's first flight on {flight} was a big success thanks to the crew.",
        "[turbulence] So the crew on {flight} were kind and calm, even during the turbulence.",
    ],
    question=[
        "Do you remember any of the crew members' names? I'd love to pass this on to them personally.",
    ],
))

SCENARIOS.append(S(
    key="travel_bereavement_cancel", domain="travel", erred=False, upset=False, kind="loss",
    slots={"relative": ["mother", "brother", "grandfather", "aunt"]},
    msgs=[
        ("email", "I need to cancel my trip next month booked under {ref}. My {relative} died suddenly and I have to be with my family. "
                  "I know the booking is non-refundable but I wanted to ask.", "nonref"),
        ("chat", "need to cancel booking {ref}, death in family (my {relative})"),
    ],
    validate=[
        "I'm so sorry about your {relative}. Please don't worry about the trip; I'll take care of it.",
        "[nonref] I'm very sorry for your loss, and thank you for asking even with everything going on - of course we'll help.",
    ],
    paraphrase=[
        "So you need to cancel booking {ref} because your {relative} has died and you want to be with your family.",
    ],
    question=[
        "Would you prefer a refund, or a credit you can use later when you're ready to travel?",
    ],
    action=[
        "I've cancelled the booking and approved a full refund under our bereavement exception.",
        "I've cancelled the trip and waived the cancellation fee; I just need a copy of the death notice when you have a moment.",
    ],
    passive_action=[
        "The booking has been cancelled.",
    ],
    time=[
        "The refund will be back on your card within 5 to 7 working days, and I'll email you the confirmation today.",
    ],
    canned_feel=CANNED_LOSS,
))

# ------------------------------------------------------- more customer messages
EXTRA_MSGS: dict[str, list[tuple[str, ...]]] = {
    "retail_late": [
        ("social", "hey @shop is order {order} ever coming? tracking frozen since {day} \U0001F644"),
    ],
    "retail_damaged": [
        ("chat", "hi. so my {product} arrived and its cracked down the middle. order {order}. can i get another one"),
    ],
    "retail_refund_wait": [
        ("chat", "Hello I am waiting refund {amount} for order {order}, you have receive my return, when I get money back?"),
    ],
    "retail_double_charge": [
        ("chat", "u took {amount} TWICE for order {order}. i want it back today"),
    ],
    "retail_wrong_item": [
        ("chat", "wrong item!! i got {wrongthing}, ordered {product}. order {order}"),
    ],
    "sw_crash": [
        ("chat", "{app} crashes the second I open a project since {version}. tried reinstalling twice already", "reinstall"),
    ],
    "sw_charged_after_cancel": [
        ("social", "@app I cancelled on {day}, have the confirmation email, and you still took {amount}. Refund please.", "confirm"),
    ],
    "sw_howto_export": [
        ("chat", "hey, accountant wants my {thing} as csv by friday, where's the export button?", "accountant"),
    ],
    "sw_repeat_bug": [
        ("email", "Hello again. Same problem as ticket {ref}: invoices are not sending. You said it's fixed two times. It is not fixed. "
                  "Please someone look properly this time.", "told"),
    ],
    "tel_outage": [
        ("chat", "no internet since {day}, restarted router like 10 times, nothing", "router"),
        ("social", "@telco internet dead since {day}. 3rd day. kids cant do homework. called twice already", "kids called"),
    ],
    "tel_roaming": [
        ("chat", "my bill is {amount}, roaming in {country}. website said its included!!", "website"),
    ],
    "tel_slow_speed": [
        ("email", "Hello, I have the {speed} Mbps package but the speed is only about 20 in the evening, I test it many times this week. "
                  "Please explain why I pay full price.", "tests evenings"),
    ],
    "tel_technician": [
        ("chat", "i took {day} off work for the installation and no one came. no call. nothing", "dayoff"),
    ],
    "tel_cancel_hassle": [
        ("email", "third attempt to cancel. I called, got transferred four times and the line went dead. No offers please, just cancel.",
         "calls nooffer"),
    ],
    "bank_card_abroad": [
        ("chat", "hi im in {country}, card declined at the hotel and atm since yesterday, i told you i was travelling, almost no cash left",
         "told nocash"),
    ],
    "bank_unknown_tx": [
        ("social", "There's a {amount} charge to {merchant} on my account that isn't mine. How do I stop this?"),
    ],
    "bank_transfer_delay": [
        ("email", "Dear bank, the payment {amount} to my landlord from {day} is not arrive. He is very angry and wants a fee. "
                  "The app say instant. Please check urgent.", "landlord instant"),
    ],
    "bank_fee": [
        ("email", "Hi, I noticed a {amount} overdraft charge this month. My salary was late because of your processing delay, not because of me. "
                  "Please remove it.", "salary"),
    ],
    "travel_flight_cancel": [
        ("chat", "{flight} to {city} cancelled!!! stuck at airport with my 2 kids, nobody at desk", "kids airport"),
    ],
    "travel_lost_bag": [
        ("email", "Hello, it is {n} days and my bag is not arrive to {city}. I have my medicine inside. Each time I call they say different thing.",
         "meds called"),
    ],
    "travel_hotel_no_booking": [
        ("email", "We just got to the hotel in {city}, it's almost midnight, and they say booking {ref} doesn't exist. We paid {amount} to you. "
                  "We're in the lobby with our bags. Please help.", "late lobby"),
    ],
    "travel_refund_delay": [
        ("email", "Hi, it's been {n} weeks since you cancelled our holiday. {amount} was all our savings this year. When will we get it back?",
         "savings"),
    ],
    "travel_seat_paid": [
        ("chat", "hi, i paid {amount} for an aisle seat on {flight} for my knee and got a middle seat at the back. was in pain all flight", "knee"),
    ],
    "travel_name_typo": [
        ("email", "Hi, I booked for {day} and just noticed my name says 'Jonh' not 'John' on the ticket, my fault. Can I still fly? Really worried.",
         "panic"),
    ],
}
for _s in SCENARIOS:
    _s["msgs"] = list(_s["msgs"]) + EXTRA_MSGS.get(str(_s["key"]), [])  # type: ignore[call-overload]
