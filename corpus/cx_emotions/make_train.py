"""Build ``train.jsonl``: the project-written training set of customer-support messages.

Two sources, both written by hand for attune (nothing is copied from a dataset, article or
other project):

1. ``handwritten.jsonl``: whole messages written one by one, each labelled by hand.  They
   carry the hard cases: sarcasm, mixed feelings, typos, non-native English, one-word chats,
   long emails with signatures, social posts with emoji, call transcripts.
2. Messages composed here from hand-written fragments: an optional greeting, a situation
   sentence (per domain and situation), a feeling sentence (per emotion), optional add-ons
   (repeat contact, escalation, insult), a request and a sign-off, then shaped for the
   channel (email, chat, social, call).  Every label of a composed message is derived from
   the fragments used, never guessed afterwards.

Run ``python corpus/cx_emotions/make_train.py``; it is deterministic (seed 13), writes
``train.jsonl`` next to this file, validates every line and prints counts.

Fragment markers, written at the end of a fragment line:
  [+situation]      the fragment adds that situation      [=emotion]  adds that emotion
  [fit:s1,s2]       feeling fits only these situations     [dom:d1,d2] only these domains
  [u] urgency 1     [e] escalation     [a] abuse          [q] the sentence already asks
  [needs:w1|w2]     only after a situation sentence that mentions one of these words
  [p] an "other" sentence that reports a problem (only these take a feeling)
  [n] a sentence that reads oddly with any feeling (neutral only)
  [x] a critical opinion (never paired with happiness)
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

SEED = 13
HERE = Path(__file__).resolve().parent
HANDWRITTEN = HERE / "handwritten.jsonl"
OUT = HERE / "train.jsonl"

EMOTIONS = ["anger", "frustration", "disappointment", "confusion", "anxiety", "sadness",
            "happiness", "neutral"]
SITUATIONS = ["delay", "defect", "technical_issue", "billing_error", "how_to", "feedback",
              "repeat_contact", "cancellation", "refund", "account_access", "bereavement",
              "praise", "other"]
CHANNELS = ["email", "chat", "social", "call"]
DOMAINS = ["retail", "software", "telecom", "banking", "travel", "utilities", "food", "health",
           "other"]
FIELDS = ["id", "text", "labels", "situations", "urgency", "escalation", "abuse", "channel",
          "domain", "name"]

# How many composed messages per (primary situation, emotion).  "neutral" means no feeling
# sentence.  Praise always carries happiness.
PLAN: dict[str, dict[str, int]] = {
    "delay": {"frustration": 20, "anger": 14, "anxiety": 20, "disappointment": 12,
              "sadness": 14, "neutral": 12, "confusion": 4},
    "defect": {"disappointment": 22, "frustration": 12, "anger": 14, "sadness": 8,
               "neutral": 15, "confusion": 3, "anxiety": 4},
    "technical_issue": {"frustration": 20, "confusion": 18, "anxiety": 12, "anger": 8,
                        "neutral": 12, "disappointment": 6},
    "billing_error": {"confusion": 20, "anger": 12, "frustration": 12, "anxiety": 18,
                      "neutral": 13},
    "how_to": {"neutral": 32, "confusion": 22, "anxiety": 4, "frustration": 4, "happiness": 4},
    "feedback": {"neutral": 15, "happiness": 15, "disappointment": 15, "frustration": 5,
                 "sadness": 6},
    "cancellation": {"neutral": 18, "disappointment": 12, "anger": 6, "sadness": 16,
                     "frustration": 5, "confusion": 3},
    "refund": {"frustration": 14, "anger": 8, "anxiety": 12, "neutral": 13,
               "disappointment": 6, "confusion": 4},
    "account_access": {"anxiety": 20, "frustration": 18, "confusion": 10, "neutral": 8,
                       "anger": 4},
    "bereavement": {"sadness": 45, "neutral": 8, "confusion": 4, "anxiety": 4},
    "praise": {"happiness": 70},
    "other": {"neutral": 25, "confusion": 12, "anxiety": 12, "frustration": 8, "anger": 6},
}

# Chance that a message with this feeling also escalates (manager, leaving, public review).
ESC_RATE = {"anger": 0.45, "frustration": 0.2, "disappointment": 0.08}

# A second feeling that often comes with the first (mixed feelings).
MIX = {
    "anger": ["frustration", "disappointment"],
    "frustration": ["anxiety", "disappointment", "confusion"],
    "disappointment": ["frustration", "sadness"],
    "confusion": ["frustration", "anxiety"],
    "anxiety": ["frustration", "confusion"],
    "sadness": ["disappointment", "anxiety"],
    "happiness": ["disappointment"],
}

DEFAULT_FIT = {
    "anger": {"delay", "defect", "technical_issue", "billing_error", "refund", "account_access",
              "other"},
    "frustration": {"delay", "defect", "technical_issue", "billing_error", "refund",
                    "account_access", "other"},
    "disappointment": {"delay", "defect", "feedback", "refund", "technical_issue"},
    "confusion": {"billing_error", "how_to", "technical_issue", "account_access", "refund"},
    "anxiety": {"delay", "billing_error", "refund", "account_access", "technical_issue",
                "other"},
    "sadness": {"bereavement"},
    "happiness": {"praise"},
}

# ------------------------------------------------------------------ situation sentences
S = {
"retail": {
"delay": """
My order {order} was due on {day} and the tracking hasn't updated in {days} days.
I ordered a {item} on {date} with next-day delivery and it still hasn't arrived.
The courier has rescheduled my delivery three times now and order {order} is still not here.
Tracking for order {order} has said "out for delivery" since {day}.
My click-and-collect order was meant to be ready on {day} but the store says it never arrived.
The {item} I ordered on {date} was supposed to be here within 3 working days. It's been {days}.
""",
"defect": """
The {item} from order {order} arrived with a crack down one side.
The blender from order {order} doesn't switch on at all.
The zip on the {item} broke the second time I used it.
The {item} came with two of the screws missing, so I can't put it together.
Half the plates in the dinner set were chipped when I opened the box.
The colour of the {item} is completely different from the photos on your site.
The heel came off my new boots after a week of wearing them to work.
""",
"technical_issue": """
Your website keeps emptying my basket when I get to the payment page.
The app crashes every time I try to open my orders.
I'm trying to check out but the card payment page just spins and times out.
The discount code from your email says "invalid" at checkout.
The size filter on the app doesn't work, it just shows everything.
""",
"billing_error": """
I've been charged twice for order {order}, {amt} both times.
I was charged {fee} for delivery even though my basket qualified for free delivery.
My card was charged {amt} but the order total on the confirmation was {amt2}.
I've been charged for an item that was cancelled as out of stock.
There's a {amt} charge from you on my statement and I haven't ordered anything this month.
""",
"how_to": """
How do I return an item I bought in store?
Where do I find the returns label for order {order}?
Can I change the size on an order that's already been dispatched?
How do I use a gift card together with a discount code?
Is there a way to change my delivery address after ordering?
How do I set up a wishlist and share it with family?
""",
"feedback": """
It would be really useful if the site showed the actual measurements of the furniture, not just "large".
Could you add a filter for items that are in stock at my local store?
The new website layout makes it harder to find my past orders. [x]
It would be nice to choose a delivery time slot rather than a whole day.
Your packaging uses a lot of plastic for such small items. [x]
""",
"cancellation": """
Please cancel order {order} before it's dispatched. [q]
I'd like to cancel my premium delivery membership.
Can you cancel the second item in order {order}? I only need the first one. [q] [n]
I want to close my store card account.
""",
"refund": """
I returned order {order} on {date} and still haven't had the refund.
The store accepted my return two weeks ago but the {amt} hasn't come back to my card.
I was told I'd get a refund for the missing item, but it's not shown up.
I sent back the {item} within the 30 days and you've refunded {amt2} instead of {amt}.
""",
"account_access": """
I can't log in to my account, it says my email isn't registered even though I've ordered with it.
My account has been locked after too many password attempts.
The password reset email never arrives.
Someone has changed the email address on my account and I can't get in. [u]
""",
"bereavement": """
My mother passed away last month and I need to close her store account. [+cancellation]
My husband died recently and there's an order in his name that was never delivered.
I'm writing on behalf of my late father, who still has a store card with a balance on it.
My wife passed away and I keep receiving catalogues addressed to her.
""",
"praise": """
{agent} on your chat team sorted out my missing parcel in about five minutes.
The delivery driver today carried the wardrobe all the way up to the fourth floor.
I had a great experience in your {city} store today, {agent} helped me find exactly what I needed.
My refund came through the same day I dropped off the return. [+refund]
The replacement {item} arrived the day after I reported the fault.
""",
"other": """
I need to change the email address on my account.
Do you price match other retailers?
I'd like to update the phone number on my account.
There's a store card in my name that I never applied for. [p]
I received someone else's parcel along with my order. [p]
I got an email saying my account was closed, but I never asked for that. [p]
""",
},
"software": {
"delay": """
I opened ticket {ref} {days} days ago and haven't had a single reply.
The data export I requested on {day} still hasn't been emailed to me.
You said the sync fix would be out last week and it still hasn't been released.
My account upgrade has been "pending" since {day}.
""",
"defect": """
Since the last update, search returns nothing for any query.
The reports module shows the wrong totals; it's double-counting some entries.
Exported PDFs are coming out blank.
The feature I upgraded for doesn't do what the product page says it does.
""",
"technical_issue": """
The desktop app crashes on launch since this morning's update.
Sync between my phone and laptop stopped working, changes on one don't show on the other.
I keep getting "error 500" when I try to save a document.
The integration with our calendar stopped pulling in events on {day}.
The app freezes every time I try to upload a file over 10MB.
""",
"billing_error": """
I've been charged {amt} for the annual plan but I'm on monthly billing.
My card was charged twice this month for the same subscription.
You billed us for {n} extra seats we never added.
I downgraded to the free plan last month but was still charged {amt}.
The invoice shows VAT even though we entered our VAT number.
""",
"how_to": """
How do I invite a colleague to my workspace?
Is there a way to restore a file I deleted yesterday?
How do I turn off the email notifications for every comment?
Where can I download all my data before I switch laptops?
How do I connect the app to Google Drive?
""",
"feedback": """
It would be great if you could add keyboard shortcuts for the most common actions.
Please bring back the option to see all projects in a list view. [x]
A dark mode for the web version would really help.
The new update moved the settings menu somewhere I can't find easily. [x]
It would be useful to have an offline mode for when I travel.
""",
"cancellation": """
Please cancel my subscription at the end of this billing period.
I'd like to close my account and delete all my data.
Can you cancel the renewal on our team plan? We're moving to another tool. [q]
I want to cancel the trial before it turns into a paid plan. [n]
""",
"refund": """
I was charged for a renewal I forgot to cancel and haven't used the app since. Could I get that refunded? [q]
I cancelled within the 14-day window and was told a refund of {amt} was on its way.
Your support agent promised a refund for last month's outage, but nothing has arrived.
I upgraded by mistake and asked for a refund the same day.
""",
"account_access": """
I can't log in, the 2FA code never arrives on my phone.
My account was locked after I changed my password.
I'm getting "invalid credentials" even after resetting my password twice.
I lost the phone with my authenticator app on it and now I can't sign in.
Our single sign-on stopped working and I'm locked out of the workspace.
""",
"bereavement": """
My father passed away last month and his subscription is still renewing.
My colleague and friend died suddenly, and he was the account owner for our team. [+account_access]
My wife passed away and I need access to the photos she stored in her account. [+account_access]
My brother died in March and his account still sends him reminder emails.
""",
"praise": """
{agent} from your support team fixed an issue I'd been stuck on for weeks in one call.
The new update made the app so much faster on my old laptop.
Your help articles are genuinely the clearest I've ever read.
The onboarding call with {agent} was brilliant.
""",
"other": """
Do you have a discount for students?
I need an invoice with our company address on it for our accounts team.
Could you tell me where our data is stored? Our compliance team is asking. [q]
I got an email saying my account will be deleted for inactivity, but I use it every day. [p]
A colleague who left the company still has access to our workspace. [p]
I've been sent an invoice for a company I've never heard of. [p]
""",
},
"telecom": {
"delay": """
My broadband installation was booked for {day} and nobody turned up.
I ordered a new SIM {days} days ago and it still hasn't arrived.
My number transfer was meant to happen on {day} and it still hasn't gone through.
The engineer who was supposed to fix my line on {day} never came.
""",
"defect": """
The new router you sent keeps rebooting itself every hour.
The phone I got on my upgrade has a faulty charging port.
The TV box freezes and shows a black screen most evenings.
The replacement handset you sent has a cracked screen out of the box.
""",
"technical_issue": """
My internet has been dropping out every evening for the past week.
I have no mobile signal at home since {day}.
My broadband speed is around 5Mbps when I'm paying for 100.
I can't make or receive calls, it just says "call failed".
My voicemail stopped working after the network update.
""",
"billing_error": """
My bill is {amt} this month when it's normally {amt2}.
I've been charged for roaming in a country that's included in my plan.
You're still charging me for a TV package I cancelled in {month}.
The discount I was promised when I renewed isn't on my bill.
I've been charged an early termination fee even though my contract had ended.
""",
"how_to": """
How do I set up wifi calling on my phone?
How do I check how much data I've got left this month?
Can I use my allowance when I'm in the US?
How do I change the wifi password on the router you sent?
What do I need to do to keep my number when I move to a SIM-only plan?
""",
"feedback": """
It would really help if your outage page gave estimated fix times.
Your app should let me pause the kids' data at bedtime.
The new bill format is harder to read than the old one. [x]
Please offer a cheaper plan for people who only need calls and texts.
""",
"cancellation": """
I'd like to cancel my broadband contract, I'm moving in with my partner.
Please cancel the extra line on my account from the end of this month. [n]
I want to end my contract and get my PAC code.
Can you cancel the TV add-on? We don't use it. [q] [n]
""",
"refund": """
I paid {amt} for a month of service while my line was down the whole time.
I was promised compensation for the missed engineer visit and haven't received it.
I returned the old router but was still charged the {fee} non-return fee.
I overpaid my final bill by {amt} and was told it would be refunded.
""",
"account_access": """
I can't log into my account, it says my details aren't recognised.
I'm locked out of the app after the password reset.
The security code to log in is sent to my old number, which I don't have any more.
My online account shows someone else's name and address.
""",
"bereavement": """
My father passed away and I need to cancel his phone contract. [+cancellation]
My mum died last week and her landline is still in her name.
My partner passed away and I'd like to take over his mobile number.
I'm writing about my late husband's broadband account.
""",
"praise": """
The engineer who came out today, {agent}, was brilliant and explained everything.
My new phone arrived the next morning and {agent} had set up the number transfer perfectly.
Your support team got my internet back in under an hour.
{agent} in your {city} shop spent ages setting up my mum's phone for her.
""",
"other": """
I'd like to change the name on the account to my married name.
Can I get a paper copy of my bills sent to me?
Do you have coverage in rural Cornwall?
I'm getting spam calls from a number that says it's you. [p]
My phone was stolen last night. [p] [u]
My online account shows a contract I never signed up for. [p]
""",
},
"banking": {
"delay": """
A transfer I made on {day} still hasn't reached the person I paid.
My new card was ordered {days} days ago and hasn't arrived.
My mortgage application has been "in review" for {n} weeks.
My account switch was supposed to complete on {day} and my salary went to the old account.
""",
"defect": """
The chip on my new card doesn't work in any machine.
The card reader you sent me doesn't turn on.
Contactless stopped working on my replacement card after a week.
The cheque book you sent has my name spelled wrong on every cheque.
""",
"technical_issue": """
The banking app crashes when I try to make a payment.
My card keeps getting declined online even though there's money in the account.
The app won't let me approve payments, it just shows a spinning wheel.
Online banking keeps saying "service unavailable".
""",
"billing_error": """
I've been charged a {fee} overdraft fee but I wasn't overdrawn.
A direct debit was taken twice this month.
There's a {fee} monthly account fee on my statement, but this is supposed to be a free account.
I was charged a foreign transaction fee on a payment in pounds.
Interest has been charged on my credit card even though I paid the full balance.
""",
"how_to": """
How do I increase my daily transfer limit?
How do I set up a joint account with my partner?
Can I pay in a cheque using the app?
How do I get a statement for the last six months?
How do I set up notifications for every payment?
""",
"feedback": """
It would be good if the app let me name my savings pots.
Please bring back the option to see pending payments on the home screen. [x]
The branch opening hours have been cut too much for people who can't use apps. [x]
A feature to split bills with friends would be really handy.
""",
"cancellation": """
I'd like to close my current account.
Please cancel my credit card, I don't use it any more.
I want to cancel the travel insurance add-on on my account.
Can you cancel a standing order I set up by mistake? [q] [n]
""",
"refund": """
A shop refunded me {amt} over a week ago and it's still not in my account.
I disputed a payment to a company that never delivered, and was told I'd get my {amt} back.
The fee you agreed to refund on the phone still hasn't been credited.
I was scammed out of {amt} and reported it on {day}.
""",
"account_access": """
I'm locked out of online banking after entering my passcode wrong.
The app says my device isn't recognised and won't send me a code.
I can't get past the ID check to log in.
My account has been frozen and nobody has told me why.
""",
"bereavement": """
My father passed away and I'm the executor of his estate.
My husband died last month and our joint account has been frozen. [+account_access]
I need to let you know that my mother has passed away.
My partner died suddenly and his salary paid our mortgage.
""",
"praise": """
{agent} at your {city} branch helped my dad set up online banking with so much patience.
Your fraud team spotted a dodgy payment before I did and stopped it.
I was approved for my first mortgage today and {agent} made the whole thing painless.
The new app makes budgeting so much easier.
""",
"other": """
I need to update my surname after getting married.
Can I get a letter confirming my address for a visa application?
What are your branch opening hours over the holidays?
I've lost my wallet with my card in it. [p] [u]
I received a letter about an account I don't recognise. [p]
There's a payment on my account I don't recognise. [p]
""",
},
"travel": {
"delay": """
Our flight {flight} was delayed by {n} hours and we've had no updates.
The train I booked was cancelled and the next one isn't until tomorrow morning.
My e-tickets for the trip on {date} still haven't been emailed.
My checked bag didn't arrive with me and it's been {days} days.
The airport transfer we booked didn't turn up.
""",
"defect": """
The hotel room had no working air conditioning and it was 35 degrees.
The rental car you gave us had a warning light on from the start.
Our room smelled of damp and there was mould in the bathroom.
The seat I paid extra for was broken and wouldn't recline.
My suitcase came off the carousel with the handle ripped off.
""",
"technical_issue": """
Your app won't let me check in, it says "booking not found".
I can't download my boarding pass, the button does nothing.
The website crashes when I try to pay for seat selection.
The app shows my flight as cancelled but the airport board says it's on time.
""",
"billing_error": """
I was charged {fee} for a bag that was included in my fare.
The hotel charged my card for {n} nights when I only stayed for one.
I've been charged a change fee even though the airline changed the time.
The car hire company took a {amt} charge for fuel when I returned it full.
""",
"how_to": """
How do I add my passport details to the booking?
Can I bring a pushchair on board?
How do I request special assistance for my father at the airport?
Can I change my return date online or do I need to call?
How do I add a second driver to the rental?
""",
"feedback": """
It would be great if the app told us the gate before we get to the airport.
Please add more vegetarian options to the in-flight menu.
The new booking site makes it harder to see the total price before the last step. [x]
It would help if hotel listings showed whether there's a lift.
""",
"cancellation": """
I need to cancel our hotel booking for {date}.
Please cancel my flight, I can no longer travel.
I want to cancel the tour we booked for next month.
Can I cancel just the return leg of my trip? [q] [n]
""",
"refund": """
My flight was cancelled on {date} and I'm still waiting for the refund of {amt}.
I cancelled my room within the free cancellation period and haven't been refunded.
You said you'd refund the seat fees after we were moved, but nothing's come through.
The tour was cancelled by you and I was promised my money back.
""",
"account_access": """
I can't log into my frequent flyer account.
My loyalty points account has been locked.
The password reset link says it's expired every time I click it.
""",
"bereavement": """
My mother passed away and I need to cancel her flights for next month. [+cancellation]
We've had a death in the family and have to cancel our holiday. [+cancellation]
My husband died before our anniversary trip and I can't face going alone.
My father died abroad and I need to fly out as soon as possible. [u]
""",
"praise": """
The cabin crew on our flight to {city} were wonderful with our toddler.
{agent} at the check-in desk rebooked us in minutes after we missed our connection.
The hotel upgraded us for our anniversary without us even asking.
The staff at your {city} station helped my mum with her bags all the way to the train.
""",
"other": """
Do I need a visa for a layover in {city}?
Can I get an invoice for my flight for work expenses?
I need to change the name on my ticket, it's spelt wrong.
I left my jacket on the train yesterday. [p]
The hotel has given our room to someone else. [p] [u]
Our booking shows one passenger instead of two. [p]
""",
},
"utilities": {
"delay": """
The engineer appointment for my boiler was on {day} and nobody came.
I moved in {n} weeks ago and I'm still waiting for my first bill.
My smart meter installation has been rescheduled twice now.
The repair to the leak outside my house was meant to be done {days} days ago.
""",
"defect": """
The smart meter you installed shows a blank screen.
The new meter is reading far higher than the old one for the same usage.
The prepayment key you sent doesn't work in the meter.
The water from our taps has been cloudy since the pipe work.
""",
"technical_issue": """
There's been no power on our street since {time}. [u]
The app won't accept my meter reading, it says the number is invalid.
My smart meter has stopped sending readings.
Your online payment page gives an error every time I try to pay.
""",
"billing_error": """
My bill has jumped to {amt} from about {amt2} a month.
I've been billed on an estimate even though I sent an actual reading.
My direct debit went up to {amt} without any warning.
I'm being charged for the previous tenant's usage.
I've been billed for gas even though the property is all electric.
""",
"how_to": """
How do I give you a meter reading?
How do I move my account to my new address?
Can I change the date my direct debit comes out?
How do I switch to paperless bills?
How do I read the numbers on my new meter?
""",
"feedback": """
It would be helpful if the app showed my usage compared to last year.
Please give more warning before price changes. [x]
Your letters are full of jargon, a plain summary would help. [x]
It would be good to have text reminders to send readings.
""",
"cancellation": """
I'm moving out on {date} and need to close my account.
I'd like to switch to another supplier.
Please cancel the boiler cover on my account.
Please cancel my direct debit, I'll pay by card from now on. [n]
""",
"refund": """
My account is {amt} in credit and I'd like it refunded.
I closed my account months ago and I'm still waiting for my final credit of {amt}.
You agreed to refund the overcharge after my complaint, but it hasn't arrived.
""",
"account_access": """
I can't log into my online account since you moved to the new system.
My account says it's been locked for security reasons.
The verification code for my account goes to an email address I don't use any more.
""",
"bereavement": """
My dad passed away and the electricity account is in his name.
My mother died last month and I need to close her gas and electricity account. [+cancellation]
My husband has passed away and all the bills are in his name.
I'm dealing with my late aunt's house and need to sort out her water bill.
""",
"praise": """
The engineer who came out today, {agent}, fixed our boiler in no time.
Your team got our power back on faster than we expected during the storm.
{agent} on the phone set up a payment plan for me without any fuss.
Switching to you was the easiest thing I've done all year.
""",
"other": """
I'd like to add my partner as a named person on the account.
I need a letter showing my address for a bank account.
Can I get on the priority services register?
Someone knocked on my door saying they were from you and asked to come in. [p] [u]
I've had a letter saying you're going to install a prepayment meter. [p]
There's a strong smell of gas outside my building. [p] [u]
""",
},
"food": {
"delay": """
My order {order} was due at {time} and it's still not here.
The app has said "driver on the way" for {mins} minutes.
My grocery delivery slot was {time} and nobody has come.
The restaurant accepted my order over an hour ago and it still says "preparing".
""",
"defect": """
Half my order was missing when it arrived.
The food arrived cold and the drinks had leaked everywhere.
I got someone else's order.
The chicken in my meal kit was past its use-by date.
My grocery delivery had a broken box of eggs and squashed bread.
""",
"technical_issue": """
The app keeps crashing when I try to check out.
The app says my address is outside the delivery area, but you delivered here last week.
The payment page just loops back to the basket.
The tracking map hasn't moved in twenty minutes.
""",
"billing_error": """
I've been charged twice for order {order}.
I was charged a delivery fee even though I have a subscription.
My meal kit subscription charged me for a week I had skipped.
The amount taken from my card is {amt} but the order was {amt2}.
""",
"how_to": """
How do I skip next week's box?
How do I add allergy information to my account?
Can I schedule an order for later today?
How do I use the promo code from your email?
How do I change my delivery address for just one order?
""",
"feedback": """
It would be great if you had more low-salt options.
Please let us choose recyclable packaging.
The portion sizes have got smaller recently. [x]
It would help if the app let me tip the driver after delivery rather than before.
""",
"cancellation": """
Please cancel my meal kit subscription.
I'd like to cancel my order, it's taking too long.
Can you cancel my weekly grocery slot from next month?
Please cancel order {order}, I placed it twice by mistake. [q] [n]
""",
"refund": """
I was promised a refund for the missing items and haven't received it.
The restaurant cancelled my order but I haven't got my {amt} back.
I sent back the unopened box and was told I'd be refunded.
""",
"account_access": """
I can't log into the app, it says my account doesn't exist.
My account was suspended and I don't know why.
The login code never arrives by text.
""",
"bereavement": """
My mother passed away and her weekly grocery delivery is still coming.
My husband died last week and I need to cancel his meal subscription. [+cancellation]
My grandad, who lived alone, has died, and his food orders are still scheduled.
""",
"praise": """
The driver, {agent}, was so friendly and even helped my mum carry the bags in.
The food tonight was absolutely delicious and arrived piping hot.
You sent a replacement within the hour when my order was wrong.
Your meal kits have honestly got me cooking again.
""",
"other": """
Do you cater for large events?
I'd like to update the phone number on my account.
Can I get a VAT receipt for my order?
My order came with a note that wasn't meant for me, with someone's address on it. [p]
The driver asked me for cash even though I'd paid in the app. [p]
I was sent a food box I never ordered. [p]
""",
},
"health": {
"delay": """
My prescription was due to be ready on {day} and it still isn't.
I've been waiting {n} weeks for my test results.
My insurance claim has been pending for {n} weeks.
The home delivery of my medication hasn't arrived.
My referral was sent {n} weeks ago and I haven't heard anything.
""",
"defect": """
The blood pressure monitor you sent gives a different reading every time.
The hearing aid battery door snapped off after a week.
The wrong strength of tablets was in my prescription bag. [u]
My new glasses have a scratch right across one lens.
""",
"technical_issue": """
The video appointment link doesn't work, it just says "waiting for host".
The patient app won't load my records.
I can't upload the photos for my claim, the portal keeps erroring.
The online booking system shows no appointments at all.
""",
"billing_error": """
I've been billed {amt} for a consultation my insurance should cover.
My premium went up to {amt} a month without any notice.
I was charged for a missed appointment that I cancelled in advance.
I've been billed twice for the same scan.
""",
"how_to": """
How do I order a repeat prescription online?
How do I add my son to my health plan?
How do I submit a claim for physiotherapy?
Can I book a same-day appointment online?
How do I change my nominated pharmacy?
""",
"feedback": """
It would be helpful to get a text when my prescription is ready.
Please make the claim forms shorter. [x]
The waiting room screens should show how far behind appointments are running.
It would help to have evening telehealth slots for people who work.
""",
"cancellation": """
I'd like to cancel my health insurance policy from next month.
Please cancel my appointment on {day}. [n]
I want to cancel the dental add-on to my plan.
""",
"refund": """
I paid {amt} for a test that was never done.
My claim was approved but the {amt} still hasn't been paid.
I was told the overcharge would be refunded to my card.
""",
"account_access": """
I can't log into the patient portal.
My account for the pharmacy app has been locked.
The verification code for my health account never arrives.
""",
"bereavement": """
My father passed away and I need to cancel his repeat prescriptions. [+cancellation]
My wife died last week and her appointment reminders keep coming.
I'm writing to tell you my mother has passed away; she was a patient at your clinic.
My son died in hospital last month and we keep receiving letters for him.
""",
"praise": """
Dr {agent} took the time to really listen to me today.
The pharmacist, {agent}, spotted an interaction between my medications that nobody else noticed.
The nurses on the ward were incredibly kind to my dad.
My claim was processed within a week, which I really didn't expect.
""",
"other": """
Can I get a copy of my medical records?
I need a letter from the doctor for my employer.
Do you have wheelchair access at the {city} clinic?
I think someone else's test results were sent to me. [p]
My repeat prescription has been stopped and nobody told me. [p] [u]
My health plan card shows the wrong date of birth. [p]
""",
},
"other": {
"delay": """
My parcel {ref} has been "in transit" for {days} days.
The course certificate I was promised {n} weeks ago still hasn't arrived.
My car insurance claim has been open for {n} weeks with no update.
The removal company was due at {time} and there's no sign of them.
""",
"defect": """
The concert tickets you sent have the wrong date printed on them.
The courier delivered my parcel soaked through and the contents are ruined.
The gym's showers have been broken for a month.
Half the videos in the course don't play past the first minute.
""",
"technical_issue": """
The online course platform logs me out every few minutes.
The ticket app won't show the QR code for my tickets.
Your insurance quote form crashes at the last step.
The parcel tracking page says "error" whenever I enter my number.
""",
"billing_error": """
I've been charged my gym membership twice this month.
The renewal price on my car insurance is {amt} higher than last year.
I was charged a {fee} booking fee on top of the ticket price that wasn't shown before.
I've been charged for a course I never enrolled in.
""",
"how_to": """
How do I freeze my gym membership while I'm injured?
How do I make a claim on my home insurance?
How do I redirect a parcel to a different address?
How do I transfer my tickets to a friend?
How do I download my course certificate?
""",
"feedback": """
It would be great to have more evening classes at the gym.
The course would be better with subtitles on all the videos.
Please let us choose a delivery time window.
The new ticket app is much harder to use than the old one. [x]
""",
"cancellation": """
I want to cancel my gym membership.
Please cancel my car insurance from the end of the month, I've sold the car.
I'd like to cancel my course enrolment.
Can you cancel my magazine subscription? [q]
""",
"refund": """
The event was cancelled and I'm still waiting for my {amt} refund.
I cancelled my course in the cooling-off period and haven't been refunded.
My parcel was lost and you promised to refund the postage.
""",
"account_access": """
I can't log into my student account.
My gym app account has been locked.
I can't access my insurance policy online, it says my email isn't recognised.
""",
"bereavement": """
My brother passed away and I need to cancel his car insurance. [+cancellation]
My mum died and her gym membership is still being charged.
My husband passed away and his life insurance policy was with you.
My daughter died last month and her course account is still sending emails.
""",
"praise": """
The courier, {agent}, always takes such care with my parcels.
My insurance claim was settled within a week, start to finish.
The instructor {agent} at the {city} gym has completely changed how I feel about exercise.
Your tutor {agent} explained things better than anyone ever has.
""",
"other": """
I need proof of insurance for my landlord.
Can I bring a guest to the gym?
Is there parking at the venue?
I'm getting emails about a policy I never took out. [p]
My parcel was signed for by someone I've never heard of. [p]
My tickets have been sold on a resale site without my permission. [p]
""",
},
}

# ------------------------------------------------------------------- feeling sentences
F = {
"frustration": """
This is getting really frustrating.
Honestly, I'm fed up with this.
I've already spent hours trying to sort this out.
I'm losing patience, to be honest.
I've done everything your help pages say and nothing works. [fit:technical_issue,account_access,how_to]
Why is this so difficult?
I just want this fixed.
This shouldn't be this hard.
I keep getting the same automated answer. [+repeat_contact]
Thanks for the reply, but this is the third time I've had to explain this. [+repeat_contact]
I appreciate the help, I really do, but nothing has actually changed. [+repeat_contact]
Sorry to keep chasing, but I still haven't had a straight answer. [+repeat_contact]
I took the day off work for this. [fit:delay]
Every time I call I'm told something different. [+repeat_contact]
I've been going round in circles for an hour. [fit:technical_issue,account_access,how_to,billing_error,cancellation]
It's the same problem as last month. [fit:technical_issue,defect,billing_error]
Not good enough, really.
I'm tired of chasing this. [fit:delay,refund,billing_error,other]
With respect, "we're looking into it" isn't an answer. [+repeat_contact]
Seriously, how long does this take? [fit:delay,refund]
This has wasted my whole evening.
I don't have time for this.
Really annoying, to be honest.
It's getting harder to use with every update. [fit:feedback]
Honestly it drives me up the wall. [fit:feedback,technical_issue,how_to]
Brilliant. Just brilliant.
Really great service, as always.
Love that for me.
Fantastic, exactly what I needed this week.
Oh good, my favourite way to spend a lunch break.
I've had nothing but problems since I signed up. [fit:cancellation,feedback]
Cancelling shouldn't take three phone calls. [fit:cancellation] [+repeat_contact]
I've asked this before and never got an answer. [fit:how_to,feedback] [+repeat_contact]
""",
"anger": """
This is absolutely unacceptable.
I am furious.
Frankly this is a disgrace.
I'm livid.
How is this acceptable?!
I've never been treated this badly by a company.
This is ridiculous!!!
I am beyond angry right now.
You took my money and did nothing. [fit:billing_error,refund,defect,delay]
Don't tell me to be patient.
I'm sick of being lied to. [+repeat_contact]
This is daylight robbery. [fit:billing_error,refund]
What a shambles.
Oh wonderful, another company that can't do the one thing I pay it for.
Well done, really. Top marks.
ABSOLUTELY UNACCEPTABLE.
I'm done being polite about this.
Do not send me another template reply. [+repeat_contact]
Stop wasting my time.
After the way I've been treated, I'm done. [fit:cancellation]
I've had enough of the constant price rises. [fit:cancellation,billing_error] [dom:telecom,utilities,software,health,other,banking]
Your service has been a disaster from start to finish. [fit:cancellation,defect,technical_issue,delay]
""",
"disappointment": """
I'm really disappointed.
Honestly, I expected better from you.
It's a real letdown.
Not what I expected at all, especially at that price. [fit:defect,feedback]
I've always recommended you to friends, so this is a shame.
I used to love your service, but this has put me off. [fit:delay,defect,feedback,cancellation,technical_issue]
What a shame.
I was really looking forward to it. [fit:delay,defect] [needs:order|item|trip|tickets|room|seat|rental|box|boots|phone|meal|course|upgrade|installation]
It's not the quality I'm used to from you. [fit:defect,feedback]
Pretty disappointing, to be honest.
I'd hoped for more than this.
Such a shame, because the rest of the service has always been good. [fit:delay,defect,feedback,refund,technical_issue,cancellation]
Really disappointing, and honestly pretty frustrating. [=frustration]
Feels like things have gone downhill lately. [fit:feedback,defect,delay,cancellation]
I'd hoped things would improve, but they haven't. [fit:cancellation,feedback]
""",
"confusion": """
I don't understand why.
Can someone explain what's going on?
I'm a bit lost, to be honest.
I'm confused, because nothing on my side has changed. [fit:billing_error,technical_issue,account_access]
I really don't understand the bill. [fit:billing_error]
I'm not sure what I'm doing wrong. [fit:how_to,technical_issue,account_access]
None of this makes sense to me.
The instructions don't match what I see on my screen. [fit:how_to,technical_issue,account_access]
I've read the help page twice and I still don't get it. [fit:how_to,technical_issue,account_access,billing_error]
Sorry, I'm not very good with technology. [fit:how_to,technical_issue,account_access]
Your website says one thing and the email says another. [fit:billing_error,refund,delay,how_to,other]
Is this right? I'm genuinely confused.
I have no idea where that number comes from. [fit:billing_error,refund]
I was told two different amounts. [fit:billing_error,refund] [+repeat_contact]
I don't know where to start with all of this. [fit:bereavement,how_to,cancellation]
I've never had to deal with anything like this before. [fit:bereavement,other]
Sorry if this is a silly question. [fit:how_to]
I've had two different dates from you and I don't know which is right. [fit:delay]
The tracking says one thing and your email says another. [fit:delay]
I'm not sure if it's meant to be like this. [fit:defect]
I don't understand why it's so hard to cancel. [fit:cancellation]
I'm not sure if I need to give notice or not. [fit:cancellation]
I honestly don't know what this means. [fit:other,billing_error]
""",
"anxiety": """
I really need this sorted today. [u]
That money was meant for my rent. [fit:billing_error,refund] [u]
I've got bills coming out this week and I can't be short. [fit:billing_error,refund] [u]
I'm on a tight budget and this has left me short. [fit:billing_error,refund]
I'm starting to panic a bit. [u]
I can't sleep thinking about this.
What happens if this isn't fixed in time? [fit:delay,technical_issue,account_access,other]
I need it for work first thing tomorrow. [fit:delay,technical_issue,account_access] [u]
Please tell me this can still be sorted.
I've got a deadline on Friday. [fit:technical_issue,account_access,delay,how_to] [u]
I'm scared I'll lose everything on there. [fit:account_access,technical_issue]
Is my money safe? [fit:billing_error,account_access,other,refund] [dom:banking]
I'm worried sick about this.
I don't know what I'll do if it doesn't arrive in time. [fit:delay] [u] [needs:order|parcel|card|SIM|tickets|delivery|prescription|medication|certificate|bag]
My payday isn't until the end of the month. [fit:billing_error,refund]
I'm really nervous about this.
I'm abroad and this is the only way I can reach anyone. [dom:telecom,banking,travel] [u]
We leave in two days. [dom:travel] [fit:delay,how_to,other,technical_issue] [u]
My medication runs out tomorrow. [dom:health] [fit:delay,other,technical_issue] [u]
Is this going to affect my credit score? [fit:billing_error,other] [dom:banking,utilities,telecom]
I can't afford for this to drag on.
Will I still be covered? [dom:health,other] [fit:billing_error,other,cancellation]
I'm worried it isn't safe to use. [fit:defect] [u]
We need it working before the weekend. [fit:defect,technical_issue] [u]
What if someone is using my details? [fit:account_access,other]
I'm worried the bills will keep piling up. [fit:bereavement]
I don't know how I'm going to manage the payments on my own now. [fit:bereavement]
It's the only way I can pay my bills. [fit:account_access] [u]
""",
"sadness": """
I'm sorry, this is hard to write.
It's been a very difficult few weeks. [fit:bereavement,cancellation]
I'm finding all of this very hard.
Every letter that arrives in their name is hard to open.
I'm heartbroken. [fit:bereavement]
I still can't quite believe it.
Sorry if I'm not making much sense, I haven't been sleeping.
It's been the worst month of my life.
Sorting all this out on top of everything else is so painful.
I'm struggling to deal with all this on my own. [fit:bereavement,cancellation]
It was meant to be a birthday present for my mum, so that's ruined now. [fit:delay,defect] [dom:retail,food,other] [needs:order|parcel|arrived|box|tickets|item]
We'd been looking forward to this trip for a year and now it's ruined. [fit:delay,defect] [dom:travel] [needs:delayed|cancelled|room|rental|bag|suitcase|transfer]
It was for my daughter's birthday and she was so upset. [fit:delay,defect] [dom:retail,food] [needs:order|arrived|box|delivery|item]
It belonged to my late father, so it can't be replaced. [fit:defect] [dom:other,travel] [needs:suitcase|contents]
I feel really low about the whole thing. [fit:delay,defect,cancellation] [dom:retail,travel,food,other,health]
Honestly it's a bit sad to see it go. [fit:feedback,cancellation] [needs:bring back|cut|smaller|moved|harder|close|cancel|membership|subscription]
I'm sad to be leaving after so many years. [fit:cancellation] [needs:close|switch|membership|subscription|contract|policy|end my|account]
I've lost my job and can't afford it any more. [fit:cancellation] [needs:subscription|membership|plan|policy|package|contract|add-on|cover|insurance|slot|broadband]
It's been a really hard year and this has just made it worse. [fit:delay,defect,cancellation]
I just feel so let down and sad about it. [fit:delay,defect] [=disappointment] [dom:retail,travel,food,other,health]
My mum is in a care home and this is how we talk every evening. She keeps asking where I've gone. [fit:delay,technical_issue,defect] [dom:telecom] [needs:phone|signal|calls|line|internet|broadband|handset|SIM|router]
It was money I'd saved for my son's school trip, and now he's had to miss it. [fit:delay,refund,billing_error] [dom:banking] [needs:transfer|charged|fee|refund|scammed|debit|interest]
We've just lost my dad, and sitting in a cold house is making everything so much harder. [fit:delay,defect] [dom:utilities] [+bereavement] [needs:boiler|engineer|meter|key|repair|installation]
It was the last birthday we'll have with my nan and now it's spoiled. [fit:delay,defect] [dom:food,retail] [needs:order|delivery|box|arrived|item]
We missed the whole thing. I could cry. [fit:delay] [dom:travel,other] [needs:delayed|cancelled|turn up]
It was the one thing my son was excited about this month. [fit:delay,defect] [dom:retail,food,other] [needs:order|parcel|tickets|course|videos|item]
We missed my grandmother's birthday dinner because of it. [fit:delay] [dom:travel] [needs:delayed|cancelled|turn up]
My dad isn't well and that visit might have been our last chance. [fit:delay] [dom:travel] [needs:delayed|cancelled|turn up]
It was supposed to be our anniversary meal. [fit:delay,defect] [dom:food]
Those photos were all I had left of my mum. [fit:technical_issue,account_access] [dom:software] [+bereavement]
The old feature was something my late husband set up for me. [fit:feedback] [dom:software,telecom] [+bereavement] [needs:bring back|moved|harder]
It's the little things like this that make it harder. [fit:bereavement]
""",
"happiness": """
You've made my day!
Thank you so much, honestly.
I'm so happy with how it turned out.
Couldn't be happier!
Really impressed, thank you! [fit:praise]
It's the little things that make a difference.
Absolutely brilliant service.
I'll definitely be recommending you. [fit:praise,feedback]
Love it, keep it up! [fit:praise,feedback]
Big thanks to everyone involved.
What a relief, thank you!
Such a lovely surprise.
Happy customer here 😊 [fit:praise,feedback]
I'm really enjoying using it so far. [fit:feedback,how_to]
Otherwise I love the service, so keep it up. [fit:feedback]
Really pleased I switched to you. [fit:praise,feedback,how_to]
New customer and loving it so far! [fit:how_to]
Honestly the best customer service I've had anywhere. [fit:praise]
""",
}

# ------------------------------------------------------------------ requests and add-ons
REQ = {
"delay": """
Could you give me an update?
When can I expect this to be sorted?
Please let me know what's happening.
Can you find out what's going on?
Is there a new date?
Can someone check this for me?
""",
"defect": """
Can you send a replacement? [needs:sent|arrived|order|box|handset|glasses|card|key|hearing aid|monitor|tickets|boots|zip|plates|item|chair]
I'd like a replacement or a refund. [+refund] [needs:sent|arrived|order|box|handset|glasses|card|key|hearing aid|monitor|tickets|boots|zip|plates|item|chair|meal kit]
What are my options?
Please arrange a repair or a replacement. [needs:router|phone|handset|meter|hearing aid|monitor|reader|blender|boots|item|box]
I'd like my money back for this. [+refund]
Photos attached.
What are you going to do to put this right?
Can someone sort this out, please?
""",
"technical_issue": """
Is there a fix for this?
Can you look into it?
What should I try next?
Is this a known issue?
Please can someone look at my account.
""",
"billing_error": """
Please correct the bill.
Can you check my account and refund the difference? [+refund]
Could you explain the charge?
Please refund the extra charge. [+refund]
Can you tell me what this charge is for?
""",
"how_to": """
Could you walk me through it?
Is there a guide somewhere?
What are the steps?
Thanks in advance.
""",
"feedback": """
Just thought I'd pass it on.
Hope you'll consider it.
Please pass this on to the right team.
""",
"cancellation": """
Please confirm once it's done.
What do I need to do?
Can you confirm there won't be any further charges?
Please send me written confirmation.
""",
"refund": """
When will I get my money back?
Can you chase this for me?
Please process the refund.
Could you give me a date for the refund?
""",
"account_access": """
Can you unlock my account?
How do I get back in?
Please help me get access again.
Can you reset it from your side?
""",
"bereavement": """
What do you need from me?
What's the process?
Can you tell me what documents you need?
Please can you help me with this.
Please close the account. [+cancellation] [needs:account|subscription|contract|card|policy|membership|prescriptions|delivery|number|bills|landline]
""",
"praise": """
Please pass my thanks on.
Please make sure they know.
Give them a pat on the back from me.
""",
"other": """
Can you help?
What do I need to do?
Could you let me know?
Is that possible?
""",
}

REPEAT = """
I called about this on {day} as well (ref {ref}).
This is my {ord} email about this.
I already reported this last week.
I've spoken to {n} different people about this.
Following up on my previous message.
This is the {ord} time I've had to contact you about this. [=frustration]
I've explained this to {n} different people already. [=frustration]
"""

ESCALATE = """
I want to speak to a manager.
Can I please speak to a supervisor?
Put me through to someone senior.
I'd like to make a formal complaint.
If this isn't sorted by {day} I'm taking my business elsewhere.
I'm seriously thinking about leaving after this.
I'll be leaving reviews everywhere I can.
Any more of this and I'm posting the whole thread online.
I'll be taking this to the ombudsman. [dom:utilities,telecom,banking,other]
Get me a real person, not a bot.
Otherwise I'm cancelling.
"""

ABUSE = """
You lot are useless.
What a joke of a company.
Are you all this incompetent?
Clowns, the lot of you.
Your staff clearly haven't got a clue.
Pathetic.
Honestly, what a bunch of idiots.
"""

# ------------------------------------------------------------------------ channel parts
GREET_EMAIL = ["Hi,", "Hello,", "Hi there,", "Dear Sir or Madam,", "Good morning,",
               "Hello team,", "To whom it may concern,", "Dear Customer Services,",
               "Good afternoon,", "Hi team,", "", ""]
GREET_CHAT = ["", "", "", "hi", "hello", "hi there", "hey", "Hi,", "Hello,", "good evening"]
CALL_OPEN = ["Hi, yeah, ", "Hello, ", "Yeah hi, um, ", "Hi there, so ", "Morning. Um, ",
             "Hiya, ", "Hello, yes, ", "Right, hi. ", "Hi, sorry, ", "Yes, hello. "]
SIGN_NAMED = ["Thanks,\n{first}", "Regards,\n{first} {last}", "Best,\n{first}",
              "Kind regards,\n{first} {last}", "Many thanks,\n{first} {last}", "Cheers,\n{first}",
              "{first} {last}\nAccount no. {acct}", "Thank you,\n{first} {last}\n{phone}",
              "{first}", "Thanks in advance,\n{first} {last}", "Yours faithfully,\n{first} {last}"]
SIGN_PLAIN = ["Thanks", "Thank you", "Sent from my iPhone", "Regards", "Thanks in advance"]
HANDLES = {
    "retail": ["@ShopNorth", "@HearthHomeUK", "@MarketLaneStore", "@PetalAndPine"],
    "software": ["@TaskloopApp", "@Cloudnest", "@NoteHarbor"],
    "telecom": ["@WaveTelco", "@ZipMobileUK", "@FibreFirst"],
    "banking": ["@NorthgateBank", "@KestrelBank", "@CoinLeafHelp"],
    "travel": ["@SkyLark_Air", "@RailSwift", "@StayWellHotels"],
    "utilities": ["@BrightGridUK", "@ClearWaterCo", "@HearthEnergy"],
    "food": ["@GreenBasketUK", "@DashDinner", "@ForkFeast"],
    "health": ["@CarePlusHealth", "@Riverside_Clinic", "@PillPostRx"],
    "other": ["@ParcelPeak", "@FlexGymUK", "@LearnLoop", "@TicketTower"],
}
EMOJI = {
    "anger": ["😡", "🤬", "😠"], "frustration": ["🙄", "😤", "😩"],
    "disappointment": ["😞", "😕", "👎"], "confusion": ["🤔", "😕", "❓"],
    "anxiety": ["😬", "😰", "🙏"], "sadness": ["😢", "💔", "😔"],
    "happiness": ["😊", "🙌", "❤️", "👏", "🎉", "💯"],
}
# For domains that mix businesses, the handle follows what the post is about.
HANDLE_HINTS = {
    "other": [(("course", "tutor", "student", "certificate", "module"), "@LearnLoop"),
              (("gym", "class", "instructor", "membership", "pool", "shower"), "@FlexGymUK"),
              (("parcel", "courier", "postage", "delivery"), "@ParcelPeak"),
              (("ticket", "concert", "event", "venue", "festival"), "@TicketTower"),
              (("insurance", "claim", "policy", "quote", "insurer"), "@ShieldlineCover")],
    "travel": [(("flight", "airport", "cabin", "bag", "seat", "boarding", "gate", "check-in"), "@SkyLark_Air"),
               (("train", "station", "ticket"), "@RailSwift"),
               (("hotel", "room", "stay"), "@StayWellHotels"),
               (("car", "rental", "driver"), "@RoamRentals")],
}


def pick_handle(rng: random.Random, domain: str, text: str) -> str:
    low = text.lower()
    for words, handle in HANDLE_HINTS.get(domain, []):
        if any(w in low for w in words):
            return handle
    return rng.choice(HANDLES[domain])


TAGS_NEG = ["#customerservice", "#fail", "#notimpressed", "#badservice", ""]
TAGS_POS = ["#happycustomer", "#greatservice", "#thankyou", ""]

FIRST = ["Amara", "Ben", "Carmen", "Deepak", "Eilidh", "Farah", "Gareth", "Hana", "Ibrahim",
         "Jolene", "Kasia", "Leon", "Mariam", "Niall", "Olga", "Paolo", "Rhiannon", "Sanjay",
         "Tess", "Uchenna", "Valentina", "Wes", "Ximena", "Yaw", "Zoe", "Aled", "Bukola",
         "Colm", "Dilnoza", "Esther", "Felipe", "Gulnara", "Hamish", "Ines", "Jamal", "Keiko",
         "Lorna", "Mohammed", "Nkechi", "Oisin", "Parveen", "Quentin", "Ruth", "Soren",
         "Tanvi", "Ugo", "Vera", "Wiktor", "Yasmin", "Zeynep", "Abigail", "Bilal", "Celeste",
         "Darius", "Elif", "Frank", "Gita", "Hector"]
LAST = ["Adeyemi", "Brennan", "Castillo", "Dunmore", "Eriksen", "Fairweather", "Gallagher",
        "Hussain", "Ivanova", "Jankowski", "Kaur", "Lindqvist", "MacLeod", "Nakamura",
        "Obi", "Pereira", "Quigley", "Rahman", "Sutherland", "Thorne", "Umarov", "Varga",
        "Whitlock", "Yilmaz", "Zielinski", "Achterberg", "Bhatt", "Coyle", "Dlamini", "Evans",
        "Ferreira", "Grant", "Haddow", "Iqbal", "Jones", "Kovac", "Lloyd", "Moreau"]
AGENTS = ["Kofi", "Lena", "Diego", "Harriet", "Pavel", "Chidi", "Ellie", "Sven", "Bianca",
          "Nadia", "Raj", "Megan", "Tariq", "Imogen", "Luis", "Aoife", "Marek", "Precious"]
CITIES = ["Leeds", "Cardiff", "Glasgow", "Bristol", "Norwich", "Belfast", "Lisbon", "Dublin",
          "Manchester", "Madrid", "Aberdeen", "Toronto", "Nottingham", "Porto"]
ITEMS = ["pair of boots", "coffee table", "winter coat", "bike helmet", "school bag",
         "desk chair", "duvet set", "garden bench", "rucksack", "bookcase", "suitcase",
         "table lamp"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
NUMS = ["two", "three", "four", "five", "six"]
ORDS = ["second", "third", "fourth", "fifth"]
TIMES = ["6pm", "7:30", "noon", "9am", "8pm", "half six", "1pm", "10am"]

MARK = re.compile(r"\s*\[([^\[\]]+)\]\s*$")


def parse_frag(line: str) -> dict:
    """Split one fragment line into its text and its markers."""
    frag: dict = {"add_sit": set(), "add_emo": set(), "fit": None, "dom": None,
                  "u": 0, "e": False, "a": False, "q": False, "p": False, "n": False, "x": False,
                  "needs": None}
    text = line.strip()
    while True:
        m = MARK.search(text)
        if not m:
            break
        tok = m.group(1).strip()
        text = text[: m.start()].rstrip()
        if tok.startswith("+"):
            assert tok[1:] in SITUATIONS, tok
            frag["add_sit"].add(tok[1:])
        elif tok.startswith("="):
            assert tok[1:] in EMOTIONS, tok
            frag["add_emo"].add(tok[1:])
        elif tok.startswith("fit:"):
            frag["fit"] = set(tok[4:].split(","))
            assert frag["fit"] <= set(SITUATIONS), tok
        elif tok.startswith("needs:"):
            frag["needs"] = [w.lower() for w in tok[6:].split("|")]
        elif tok.startswith("dom:"):
            frag["dom"] = set(tok[4:].split(","))
            assert frag["dom"] <= set(DOMAINS), tok
        elif tok in ("u", "e", "a", "q", "p", "n", "x"):
            frag[tok] = 1 if tok == "u" else True
        else:
            raise ValueError(f"unknown marker [{tok}] in {line!r}")
    frag["text"] = text
    return frag


def pool(block: str) -> list[dict]:
    return [parse_frag(x) for x in block.strip().splitlines() if x.strip()]


SIT_POOL = {d: {s: pool(b) for s, b in per.items()} for d, per in S.items()}
FEEL_POOL = {e: [dict(f, emotion=e) for f in pool(b)] for e, b in F.items()}
REQ_POOL = {s: pool(b) for s, b in REQ.items()}
REPEAT_POOL = pool(REPEAT)
ESC_POOL = pool(ESCALATE)
ABUSE_POOL = pool(ABUSE)


def feelings_for(emotion: str, situation: str, domain: str) -> list[dict]:
    out = []
    for f in FEEL_POOL[emotion]:
        fit = f["fit"] if f["fit"] is not None else DEFAULT_FIT[emotion]
        if situation in fit and (f["dom"] is None or domain in f["dom"]):
            out.append(f)
    return out


def sentences_for(situation: str, domain: str, emotion: str) -> list[dict]:
    cands = SIT_POOL[domain][situation]
    if emotion != "neutral":
        cands = [c for c in cands if not c["n"]]
        if situation == "other":
            cands = [c for c in cands if c["p"]]
    if emotion == "happiness":
        cands = [c for c in cands if not c["x"]]
    return cands


class Filler:
    """Fills {slots} with values drawn once per message, so repeats agree."""

    def __init__(self, rng: random.Random, domain: str):
        cur = rng.choice(["£"] * 11 + ["$"] * 6 + ["€"] * 3)
        big = rng.choice([rng.randint(40, 140), rng.randint(140, 900)])
        small = rng.randint(8, max(9, int(big * 0.6)))
        cents = rng.choice([True, False])
        fmt = (lambda v: f"{cur}{v}.{rng.randint(0, 99):02d}") if cents else (lambda v: f"{cur}{v}")
        self.v = {
            "amt": fmt(big), "amt2": fmt(small), "fee": fmt(rng.randint(3, 39)),
            "order": rng.choice(["#", "", "no. "]) + str(rng.randint(10000, 999999)),
            "ref": rng.choice(["CX", "TK", "RF", "AB", "JD", "QP"]) + str(rng.randint(1000, 99999)),
            "days": str(rng.randint(3, 14)), "n": rng.choice(NUMS), "ord": rng.choice(ORDS),
            "day": rng.choice(DAYS), "month": rng.choice(MONTHS),
            "date": rng.choice([f"the {rng.randint(1, 28)}{'th'}", f"{rng.randint(1, 28)} {rng.choice(MONTHS)}"]),
            "time": rng.choice(TIMES), "mins": str(rng.randint(35, 95)),
            "flight": rng.choice(["SL", "RS", "KB"]) + str(rng.randint(100, 999)),
            "agent": rng.choice(AGENTS), "city": rng.choice(CITIES), "item": rng.choice(ITEMS),
            "first": rng.choice(FIRST), "last": rng.choice(LAST),
            "acct": str(rng.randint(10000000, 99999999)),
            "phone": "07" + str(rng.randint(100, 999)) + " " + str(rng.randint(100000, 999999)),
        }
        self.v["date"] = re.sub(r"\b(1|21)th\b", r"\1st", self.v["date"])
        self.v["date"] = re.sub(r"\b(2|22)th\b", r"\1nd", self.v["date"])
        self.v["date"] = re.sub(r"\b(3|23)th\b", r"\1rd", self.v["date"])

    def __call__(self, text: str) -> str:
        return text.format(**self.v)


def fits_sentence(frag: dict, sent: dict) -> bool:
    if frag["needs"] is None:
        return True
    low = sent["text"].lower()
    return any(w in low for w in frag["needs"])


# --------------------------------------------------------------------- channel shaping
def lower_first(s: str) -> str:
    if s[:2] in ("I ", "I'") or s[:1] == "{" or s[:1].isdigit():
        return s
    if len(s) > 1 and s[1].isupper():  # acronym or caps
        return s
    return s[:1].lower() + s[1:]


def add_typo(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if w.isalpha() and len(w) >= 5]
    if not idx:
        return text
    i = rng.choice(idx)
    w = words[i]
    k = rng.randint(1, len(w) - 3)
    kind = rng.choice(["swap", "drop", "double"])
    if kind == "swap":
        w = w[:k] + w[k + 1] + w[k] + w[k + 2:]
    elif kind == "drop":
        w = w[:k] + w[k + 1:]
    else:
        w = w[:k] + w[k] + w[k:]
    words[i] = w
    return " ".join(words)


def chatify(rng: random.Random, text: str) -> str:
    if rng.random() < 0.55:
        text = text.lower()
    if rng.random() < 0.4:
        text = text.replace("'", "").replace("’", "")
    if rng.random() < 0.25:
        text = re.sub(r"\byou\b", "u", text)
        text = re.sub(r"\byour\b", "ur", text)
        text = re.sub(r"\bplease\b", "pls", text)
    if rng.random() < 0.3:
        text = add_typo(rng, text)
    if rng.random() < 0.5 and text.endswith("."):
        text = text[:-1]
    return text


def shape(rng, channel, domain, parts, emotions, fill, allow_name=True):
    """Turn ordered sentences into a message for the channel; returns (text, name)."""
    name = None
    angry = "anger" in emotions
    if channel == "email":
        greet = rng.choice(GREET_EMAIL)
        if len(parts) >= 4 and rng.random() < 0.6:
            cut = rng.randint(2, len(parts) - 1)
            body = " ".join(parts[:cut]) + "\n\n" + " ".join(parts[cut:])
        else:
            body = " ".join(parts)
        if rng.random() < 0.62 and allow_name:
            sign = fill(rng.choice(SIGN_NAMED))
            name = fill("{first} {last}") if fill("{first} {last}") in sign else fill("{first}")
        else:
            sign = rng.choice(SIGN_PLAIN + [""])
        text = (greet + "\n\n" if greet else "") + body + ("\n\n" + sign if sign else "")
    elif channel == "chat":
        greet = rng.choice(GREET_CHAT)
        body = " ".join(parts)
        if greet:
            body = lower_first(body)
        text = chatify(rng, (greet + " " if greet else "") + body)
        if angry and rng.random() < 0.35:
            text = text.upper().rstrip(".") + rng.choice(["!!!", "!!", "", "?!"])
        if rng.random() < 0.08 and not angry:
            text += rng.choice([" thanks", " ty", " thx"])
    elif channel == "social":
        handle = pick_handle(rng, domain, " ".join(parts))
        body = " ".join(parts)
        feel = [e for e in emotions if e in EMOJI]
        emo = rng.choice(EMOJI[feel[0]]) if feel and rng.random() < 0.75 else ""
        tag = ""
        if feel and rng.random() < 0.35:
            tag = rng.choice(TAGS_POS if "happiness" in emotions else TAGS_NEG)
        if angry and rng.random() < 0.3:
            body = body.upper()
        if rng.random() < 0.5:
            text = f"{handle} {body}"
        else:
            text = f"{body} {handle}"
        text = " ".join(x for x in [text, emo, tag] if x)
        if rng.random() < 0.3:
            text = text.replace("'", "").replace("’", "")
    else:  # call transcript, customer turns only
        opener = rng.choice(CALL_OPEN)
        intro = ""
        if rng.random() < 0.35 and allow_name:
            intro = fill(rng.choice(["my name's {first} {last}. ", "it's {first} {last} here. ",
                                     "this is {first}, ", "my name is {first} {last}, "]))
            name = fill("{first} {last}") if fill("{first} {last}") in intro else fill("{first}")
            if opener.endswith(". "):
                intro = intro[:1].upper() + intro[1:]
        first = lower_first(parts[0]) if (opener + intro).endswith(", ") else parts[0]
        rest = parts[1:]
        turns = [opener + intro + first]
        if rest and rng.random() < 0.3:
            turns[0] += " " + " ".join(rest[:-1]) if len(rest) > 1 else ""
            turns.append(rest[-1])
        elif rest:
            fillers = ["Um, ", "And, you know, ", "So yeah, ", "Honestly, ", "Uh, "]
            turns[0] += " " + " ".join(
                (rng.choice(fillers) + lower_first(p)) if rng.random() < 0.25 else p for p in rest)
        sep = rng.choice(["\n", " "])
        text = sep.join("Customer: " + t.strip() for t in turns)
    return text.strip(), name


# ------------------------------------------------------------------------- composing
def compose(rng: random.Random, situation: str, emotion: str, domain: str, channel: str):
    fill = Filler(rng, domain)
    emotional = emotion != "neutral"
    sents = sentences_for(situation, domain, emotion)
    if emotional and situation != "praise":
        sents = [x for x in sents
                 if any(fits_sentence(f, x) for f in feelings_for(emotion, situation, domain))]
    sent = rng.choice(sents)
    feel = []
    if situation == "praise":
        if rng.random() < 0.8:
            feel.append(rng.choice(feelings_for("happiness", situation, domain)))
    elif emotional:
        feel.append(rng.choice([f for f in feelings_for(emotion, situation, domain)
                                if fits_sentence(f, sent)]))
        if rng.random() < 0.15 and emotion in MIX:
            second = rng.choice(MIX[emotion])
            cands = [f for f in feelings_for(second, situation, domain)
                     if f not in feel and fits_sentence(f, sent)]
            if cands:
                feel.append(rng.choice(cands))
    problem = situation in {"delay", "defect", "technical_issue", "billing_error", "refund",
                            "account_access"} or (situation == "other" and sent["p"])
    rep = None
    if problem and not any("repeat_contact" in f["add_sit"] for f in feel):
        if rng.random() < (0.18 if emotional else 0.1):
            cands = [r for r in REPEAT_POOL
                     if (emotional or not r["add_emo"]) and fits_sentence(r, sent)]
            rep = rng.choice(cands)
    req = None
    if not sent["q"] and rng.random() < (0.5 if situation in ("praise", "feedback") else 0.85):
        req = rng.choice([r for r in REQ_POOL[situation] if fits_sentence(r, sent)])
    esc = None
    if emotion in ESC_RATE and situation not in ("praise", "bereavement", "how_to"):
        if rng.random() < ESC_RATE[emotion]:
            esc = rng.choice([x for x in ESC_POOL if x["dom"] is None or domain in x["dom"]])
    abuse = None
    if emotion == "anger" and rng.random() < 0.22:
        abuse = rng.choice(ABUSE_POOL)

    # order: situation, repeat, feelings, request, escalation, insult; feelings sometimes lead
    seq = [sent] + ([rep] if rep else [])
    if feel and rng.random() < 0.25 and situation != "praise":
        seq = feel[:1] + seq + feel[1:]
    else:
        seq += feel
    seq += [x for x in (req, esc, abuse) if x]
    if channel == "social":  # posts are short: often no request and no history
        seq = [x for x in seq if not ((x is req and rng.random() < 0.6)
                                      or (x is rep and rng.random() < 0.5))]
    used = seq  # labels come only from what is actually in the text
    rep = rep if rep in seq else None
    esc = esc if esc in seq else None
    abuse = abuse if abuse in seq else None
    parts = [fill(x["text"]) for x in seq]
    if emotion == "anger" and channel == "email" and rng.random() < 0.2:
        parts = [p.upper() if x in feel else p for p, x in zip(parts, seq)]

    emotions = set()
    for f in used:
        emotions |= f["add_emo"] | ({f["emotion"]} if "emotion" in f else set())
    if situation == "praise":
        emotions.add("happiness")
    if not emotions:
        emotions = {"neutral"}
    sits = {situation}
    for f in used:
        sits |= f["add_sit"]
    if rep:
        sits.add("repeat_contact")
    text, name = shape(rng, channel, domain, parts, [e for e in EMOTIONS if e in emotions], fill,
                       allow_name=situation != "bereavement" or rng.random() < 0.7)
    return {
        "text": text,
        "labels": [e for e in EMOTIONS if e in emotions],
        "situations": [s for s in SITUATIONS if s in sits],
        "urgency": int(any(f["u"] for f in used)),
        "escalation": bool(esc) or any(f["e"] for f in used),
        "abuse": bool(abuse) or any(f["a"] for f in used),
        "channel": channel,
        "domain": domain,
        "name": name,
    }



def pick_channel(rng: random.Random, situation: str) -> str:
    ch = rng.choices(CHANNELS, weights=[36, 30, 14, 20])[0]
    if situation == "bereavement" and ch == "social":
        ch = "email"
    return ch


def build_composed(rng: random.Random, taken: set[str]) -> list[dict]:
    plans = [(s, e) for s, per in PLAN.items() for e, k in per.items() for _ in range(k)]
    rng.shuffle(plans)
    dom_count = Counter()
    out = []
    for situation, emotion in plans:
        emo_for_pool = "happiness" if situation == "praise" else emotion
        ok = []
        for d in DOMAINS:
            if not sentences_for(situation, d, emotion):
                continue
            if emo_for_pool != "neutral" and situation != "praise" and not any(
                    fits_sentence(f, x) for f in feelings_for(emo_for_pool, situation, d)
                    for x in sentences_for(situation, d, emotion)):
                continue
            ok.append(d)
        assert ok, (situation, emotion)
        low = min(dom_count[d] for d in ok)
        domain = rng.choice([d for d in ok if dom_count[d] == low])
        for _ in range(50):
            rec = compose(rng, situation, emotion, domain, pick_channel(rng, situation))
            if rec["text"] not in taken:
                break
        else:
            raise RuntimeError(f"could not compose a unique message for {situation}/{emotion}")
        taken.add(rec["text"])
        dom_count[domain] += 1
        out.append(rec)
    return out


# ------------------------------------------------------------------------ validation
def validate(rows: list[dict], where: str) -> list[str]:
    errs = []
    ids = set()
    for i, r in enumerate(rows, 1):
        loc = f"{where}:{i}"
        if list(r) != FIELDS:
            errs.append(f"{loc} -> fields: {list(r)} (want {FIELDS})")
            continue
        if r["id"] in ids:
            errs.append(f"{loc} -> id: duplicate {r['id']}")
        ids.add(r["id"])
        if not isinstance(r["text"], str) or not r["text"].strip():
            errs.append(f"{loc} -> text: empty")
        if not r["labels"] or any(x not in EMOTIONS for x in r["labels"]):
            errs.append(f"{loc} -> labels: {r['labels']}")
        if "neutral" in r["labels"] and len(r["labels"]) > 1:
            errs.append(f"{loc} -> labels: neutral with other emotions")
        if len(set(r["labels"])) != len(r["labels"]):
            errs.append(f"{loc} -> labels: duplicates")
        if not r["situations"] or any(x not in SITUATIONS for x in r["situations"]):
            errs.append(f"{loc} -> situations: {r['situations']}")
        if r["urgency"] not in (0, 1) or isinstance(r["urgency"], bool):
            errs.append(f"{loc} -> urgency: {r['urgency']!r}")
        for k in ("escalation", "abuse"):
            if not isinstance(r[k], bool):
                errs.append(f"{loc} -> {k}: {r[k]!r}")
        if r["channel"] not in CHANNELS:
            errs.append(f"{loc} -> channel: {r['channel']}")
        if r["domain"] not in DOMAINS:
            errs.append(f"{loc} -> domain: {r['domain']}")
        if r["name"] is not None and (not isinstance(r["name"], str) or r["name"] not in r["text"]):
            errs.append(f"{loc} -> name: {r['name']!r} not in text")
    return errs


def load_handwritten() -> list[dict]:
    rows = []
    with HANDWRITTEN.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{HANDWRITTEN.name}:{n} -> not JSON: {exc}") from exc
    errs = validate(rows, HANDWRITTEN.name)
    if errs:
        raise SystemExit("\n".join(errs))
    return rows


def main() -> int:
    rng = random.Random(SEED)
    hand = load_handwritten()
    taken = {r["text"] for r in hand}
    if len(taken) != len(hand):
        raise SystemExit("handwritten.jsonl has duplicate texts")
    composed = build_composed(rng, taken)
    rows = []
    for r in hand + composed:
        r = {k: r[k] for k in FIELDS if k != "id"}
        rows.append({"id": f"cxr-{len(rows) + 1:04d}", **r})
    errs = validate(rows, OUT.name)
    if len({r["text"] for r in rows}) != len(rows):
        errs.append("duplicate texts")
    if errs:
        raise SystemExit("\n".join(errs))
    with OUT.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")

    # re-read what was written and report
    back = [json.loads(x) for x in OUT.read_text(encoding="utf-8").splitlines()]
    assert back == rows
    print(f"wrote {OUT.name}: {len(rows)} lines ({len(hand)} hand-written whole messages "
          f"cxr-0001..cxr-{len(hand):04d}, {len(composed)} composed from fragments)")
    for title, key in (("emotions", "labels"), ("situations", "situations")):
        c = Counter(x for r in rows for x in r[key])
        names = EMOTIONS if key == "labels" else SITUATIONS
        print(f"{title}: " + ", ".join(f"{n} {c[n]}" for n in names))
    for title, key in (("domains", "domain"), ("channels", "channel")):
        c = Counter(r[key] for r in rows)
        print(f"{title}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    print(f"urgency=1 {sum(r['urgency'] for r in rows)}, escalation {sum(r['escalation'] for r in rows)}, "
          f"abuse {sum(r['abuse'] for r in rows)}, with name {sum(r['name'] is not None for r in rows)}, "
          f"multi-emotion {sum(len(r['labels']) > 1 for r in rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
