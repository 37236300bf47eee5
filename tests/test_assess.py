"""``assess``: the judgment depends on the customer, and every number carries evidence."""

from __future__ import annotations

import pytest

from attune import analyze, assess

BILLING = "Hi, I was charged twice for my subscription this month ($12.99 each). Thanks, Priya"


def test_apology_expected_when_company_erred_not_when_customer_is_happy() -> None:
    erred = assess("I've refunded the duplicate charge.", customer=BILLING)
    assert erred.dimensions["apology"].applicable
    assert erred.dimensions["apology"].suggestion
    happy = assess("Thank you, that's lovely to hear!", customer="Your support team was amazing, thank you!")
    assert not happy.dimensions["apology"].applicable
    assert "happy" in happy.dimensions["apology"].reason


def test_over_apology_to_a_happy_customer_costs_tone() -> None:
    customer = "Just wanted to say thanks, the replacement arrived a day early!"
    plain = assess("Thanks so much for letting us know, glad it arrived early!", customer=customer)
    sorry = assess("We are so sorry for any inconvenience caused.", customer=customer)
    assert sorry.dimensions["tone"].score < plain.dimensions["tone"].score  # type: ignore[operator]
    assert sorry.score < plain.score


def test_greeting_by_name_only_expected_when_known() -> None:
    with_name = assess("Hi Priya, I've refunded the second charge.", customer=BILLING)
    assert with_name.dimensions["personalization"].present
    without = assess("I've refunded the second charge.", customer="I was charged twice.")
    assert not without.dimensions["personalization"].applicable


def test_paraphrase_counts_generic_line_does_not() -> None:
    customer = "My flight to Lisbon was cancelled and I missed my sister's wedding."
    paraphrase = assess(
        "It sounds like the cancelled Lisbon flight made you miss your sister's wedding. I'll refund the ticket today.",
        customer=customer,
    )
    generic = assess("I understand. I'll refund the ticket today.", customer=customer)
    assert paraphrase.dimensions["interpretation"].level == 2
    assert generic.dimensions["interpretation"].level == 1


def test_feeling_named_for_the_customers_specifics_is_strong_interpretation() -> None:
    from attune.assess.assess import judge

    customer = analyze("You charged me twice for my subscription, right before rent is due.")
    felt = judge("I can see how stressful a double charge right before rent is.", customer, mechanisms=None)
    interpretation = felt.dims["interpretation"]
    assert interpretation.level == 2
    assert interpretation.evidence[0].source == "rule:felt-paraphrase"
    assert interpretation.evidence[0].text.startswith("I can see how stressful")
    # the same feeling without their specifics, or their specifics without a feeling, is not
    assert judge("I can see how stressful this is.", customer, mechanisms=None).dims["interpretation"].level < 2
    action_only = judge("I refunded the second charge on your subscription.", customer, mechanisms=None)
    assert action_only.dims["interpretation"].level < 2


def test_sorry_but_policy_is_apathy() -> None:
    a = assess("I'm sorry, but that's our policy.", customer="My refund is three weeks late!")
    assert a.stance == "apathy"
    tone = a.dimensions["tone"]
    assert any("but" in e.explanation for e in tone.evidence)


def test_empathy_words_without_action_are_sympathy() -> None:
    a = assess(
        "Oh no, that must be so frustrating. We're really sorry to hear that.",
        customer="My package is two weeks late.",
    )
    assert a.stance == "sympathy"
    assert a.dimensions["action"].score == 0.0


def test_action_without_feeling_is_neutral() -> None:
    a = assess("Your refund of $12.99 was issued today and arrives in 3-5 business days.", customer=BILLING)
    assert a.stance == "neutral"


def test_customer_may_be_text_or_analysis_with_same_result() -> None:
    reply = "I can see why a double charge is frustrating. I've refunded it; you'll see it by Friday."
    assert assess(reply, customer=BILLING).to_dict() == assess(reply, customer=analyze(BILLING)).to_dict()


def test_scores_are_bounded_and_probabilities_sum_to_one() -> None:
    a = assess("Hi! Thanks for reaching out.", customer="hello??")
    assert 0 <= a.score <= 100
    assert abs(sum(a.stance_scores.values()) - 1) < 1e-3
    assert a.stance == max(a.stance_scores, key=lambda k: a.stance_scores[k])


def test_evidence_spans_index_into_the_reply() -> None:
    a = assess(
        "Kindly note that as per our policy you should have read the terms. Sorry for any inconvenience.",
        customer=BILLING,
    )
    spans = [e for e in a.evidence if e.end > e.start]
    assert spans
    for e in spans:
        assert a.text[e.start : e.end] == e.text
    assert any(e.source.startswith("bank:tone") for e in spans)


def test_stance_explanation_reads_as_words_not_internal_feature_names() -> None:
    import re

    reply = "Sorry for the inconvenience. Refunds take 5-10 business days."
    why = assess(reply, customer=BILLING).evidence[0].explanation
    assert why.startswith("stance ")
    assert not re.search(r"\b(er|ip|ex|feel_act|cancel_but|generic_val|expect|own)\b", why), why
    quoted = re.findall(r"'([^']+)'", why)  # words the model read, as the reply writes them
    assert all(q in reply for q in quoted), why


def test_nothing_to_act_on_only_for_praise_from_a_customer_who_is_happy() -> None:
    """Action, ownership and time frame are 'not applicable' only for praise or thanks: not for a
    message whose happiness is the 0.5 floor given to its likeliest emotion, nor for feedback."""
    from dataclasses import replace

    from attune.assess.context import build_context
    from attune.taxonomy import EMOTIONS, SITUATIONS

    base = analyze("hi just moved into a new flat and there is no signal inside at all")
    flat = {e: 0.1 for e in EMOTIONS}
    none = {s: 0.0 for s in SITUATIONS}

    def needs(happiness: float, situations: dict[str, float]) -> bool:
        a = replace(base, emotions={**flat, "happiness": happiness}, situations={**none, **situations}, abuse=False)
        return build_context(a, None).needs_action

    assert needs(0.5, {"other": 1.0})  # the floor, not a happy customer
    assert not needs(0.9, {"other": 1.0})  # a happy message about nothing else: thanks
    assert not needs(0.9, {"praise": 0.9})
    assert needs(0.9, {"feedback": 0.9})  # a suggestion is something to answer
    assert needs(0.9, {"praise": 0.9, "delay": 0.8})


@pytest.mark.parametrize(
    "reply",
    [
        "Refunds take 5-7 business days to reach your card.",
        "Please allow 3 business days for the refund.",
        "It usually takes up to 10 days.",
        "Your refund will arrive within 10 business days.",
    ],
)
def test_a_stated_duration_is_a_time_frame(reply: str) -> None:
    d = assess(reply, customer="Where is my refund?").dimensions["expectation"]
    assert d.score == 1.0, d.reason


def test_a_duration_without_a_number_is_not_a_time_frame() -> None:
    d = assess("Refunds take a while, sorry.", customer="Where is my refund?").dimensions["expectation"]
    assert d.score == 0.0, d.reason


@pytest.mark.parametrize(
    "reply",
    [
        "You entered an incomplete address at checkout.",
        "The delay is because you chose the cheapest shipping option.",
        "You must have overloaded the blender.",
        "You should have cancelled before the renewal date.",
    ],
)
def test_blaming_the_customer_costs_tone(reply: str) -> None:
    tone = assess(reply, customer="My order went wrong!").dimensions["tone"]
    assert tone.score is not None and tone.score < 1.0
    assert any(e.explanation == "blames the customer" for e in tone.evidence), tone.evidence


def test_a_promised_follow_up_without_a_time_is_a_loose_time_frame() -> None:
    loose = assess("We will get back to you at your earliest convenience.", customer="Where is my refund?")
    firm = assess("I'll email you tomorrow with the tracking number.", customer="Where is my refund?")
    assert loose.dimensions["expectation"].score == 0.6 and "not when" in loose.dimensions["expectation"].reason
    assert firm.dimensions["expectation"].score == 1.0


def test_a_past_date_is_not_a_time_frame() -> None:
    d = assess("You upgraded on 14/02/2024, so the new price applies.", customer="Why was I charged more?")
    assert d.dimensions["expectation"].score == 0.0, d.dimensions["expectation"].reason


def test_sorry_followed_by_what_went_wrong_is_a_sincere_apology() -> None:
    customer = "The left earcup stopped working after a week. Order 88213."
    named = assess("I'm sorry the left earcup isn't working. I've sent a replacement today.", customer=customer)
    plain = assess("I'm sorry, the policy is clear.", customer=customer)
    assert named.dimensions["apology"].score == 1.0
    assert plain.dimensions["apology"].score == 0.7  # 'sorry' then a new clause names nothing


@pytest.mark.parametrize(
    "reply",
    [
        "I've reshipped your order by express.",
        "I reinstated your account just now.",
        "A new one will arrive tomorrow.",
        "I've downgraded you and refunded the premium charge.",
        "I'm looking into your account as we speak.",
    ],
)
def test_first_person_actions_count(reply: str) -> None:
    assert assess(reply, customer="My order is three weeks late!").dimensions["action"].present


def test_a_warm_sign_off_is_not_an_invitation_and_a_short_one_is() -> None:
    customer = "Can I get a refund?"
    wish = assess("There's nothing I can do about that. Have a nice day!", customer=customer).dimensions["closing"]
    ask = assess("I've checked. Is there anything else?", customer=customer).dimensions["closing"]
    assert not wish.present and wish.score == 0.4
    assert ask.present


def test_per_our_sla_is_jargon_and_blame_is_named_as_such() -> None:
    customer = "My headphones broke."
    sla = assess("Per our SLA, an RMA will be generated upon receipt of photos.", customer=customer)
    assert sum(e.explanation.startswith("corporate jargon") for e in sla.dimensions["tone"].evidence) == 2
    blame = assess("You must have clicked upgrade by accident. Be more careful.", customer="Why was I charged?")
    assert blame.dimensions["tone"].reason == "blames the customer"


def test_the_customers_own_deadline_repeated_is_not_a_time_frame() -> None:
    customer = "Order #1234 never arrived and I need it by Friday for a birthday."
    echoed = assess("I understand you need it by Friday. I have reshipped it.", customer=customer)
    promised = assess("I have reshipped it by express and it will arrive by Thursday.", customer=customer)
    assert echoed.dimensions["expectation"].score == 0.0
    assert promised.dimensions["expectation"].score == 1.0


def test_asking_for_specifics_without_a_question_mark_is_exploration() -> None:
    customer = "My router keeps dropping the connection every evening."
    asked = assess("Could you tell me which router model you have and when the drops started.", customer=customer)
    told = assess("Could you check your router's lights and restart it.", customer=customer)
    assert asked.dimensions["exploration"].score == 1.0
    assert told.dimensions["exploration"].score == 0.0


def test_telling_the_customer_to_contact_us_is_deflection_not_blame() -> None:
    customer = "I can't log in to my account."
    told = assess("You need to call us to reset it.", customer=customer)
    blamed = assess("You should have read the instructions.", customer=customer)
    assert told.dimensions["tone"].reason != "blames the customer"
    assert told.dimensions["ownership"].reason == "passive or deflecting"
    assert blamed.dimensions["tone"].reason == "blames the customer"


@pytest.mark.parametrize(
    "reply",
    [
        "I'm sending a replacement today by express post.",
        "I'm calling you myself at 2pm today.",
        "We've dispatched a replacement, arriving Thursday.",
        "An engineer will visit Saturday between 8am and 12pm.",
    ],
)
def test_actions_under_way_or_arranged_are_concrete(reply: str) -> None:
    found = assess(reply, customer="My kettle arrived cracked.").dimensions
    assert found["action"].score == 1.0
    assert found["expectation"].score == 1.0


@pytest.mark.parametrize(
    ("reply", "score"),
    [
        ("We will look into it.", 0.5),
        ("How can I help you today?", 0.0),
        ("You're welcome! Glad I could help.", 0.0),
        ("Please try again later.", 0.0),
        ("Please check with your bank.", 0.0),
        ("Your order will arrive soon.", 0.0),
    ],
)
def test_hollow_replies_get_no_credit_for_action(reply: str, score: float) -> None:
    customer = "I was cut off after 45 minutes on hold and my refund is missing."
    assert assess(reply, customer=customer).dimensions["action"].score == score


@pytest.mark.parametrize(
    ("reply", "score"),
    [
        ("We'll get back to you shortly.", 0.6),
        ("That code expired on 31 March, so I've issued a new one.", 0.0),
        ("You were promised a call on Tuesday and it didn't happen.", 0.0),
        ("It was dispatched yesterday and will arrive Thursday.", 1.0),
    ],
)
def test_soon_is_loose_and_the_past_is_no_time_frame(reply: str, score: float) -> None:
    assert assess(reply, customer="Where is my order?").dimensions["expectation"].score == score


def test_a_title_and_surname_in_the_reply_address_the_customer() -> None:
    customer = "The invoice is wrong again.\n\nKind regards,\nDr. Amelia Hart"
    found = assess("Dear Dr Hart, I've corrected the invoice.", customer=customer).dimensions["personalization"]
    assert found.score == 1.0


def test_praise_with_a_question_still_needs_an_answer() -> None:
    customer = "Hi, love the new update! Quick question: where did the dark mode toggle go?"
    found = assess("Glad you like it! Dark mode is now under Settings > Appearance.", customer=customer)
    assert found.dimensions["action"].applicable and found.dimensions["action"].score == 0.8


@pytest.mark.parametrize(
    ("reply", "score"),
    [
        ("I'm sorry about this.", 0.7),
        ("I'm sorry about that.", 0.7),
        ("I'm sorry.", 0.7),
        ("I'm sorry for any inconvenience caused.", 0.4),
        ("Sorry for any inconvenience.", 0.4),
        ("I'm very sorry - three weeks and seven attempts is not okay.", 1.0),
        ("I'm sorry for this delay on your parcel.", 1.0),
    ],
)
def test_apologies_are_graded_by_what_they_name_not_by_how_they_open(reply: str, score: float) -> None:
    customer = "My parcel is three weeks late and this is my seventh attempt to get help."
    assert assess(reply, customer=customer).dimensions["apology"].score == score


def test_an_offer_of_help_is_not_exploration() -> None:
    customer = "My router keeps dropping the connection."
    assert assess("How can I help you today?", customer=customer).dimensions["exploration"].score == 0.0


def test_an_instruction_does_not_count_as_understanding() -> None:
    customer = "I moved house and need to change the delivery address on my order."
    found = assess("You can change the delivery address under My Orders > Edit address.", customer=customer)
    assert found.dimensions["interpretation"].score == 0.0


def test_a_condolence_naming_the_person_is_a_specific_emotional_reaction() -> None:
    customer = "My father passed away last month. I need to close his account. Sarah"
    reply = "Dear Sarah, I'm so sorry for the loss of your father. I'll close his account myself within 2 working days."
    assert assess(reply, customer=customer).dimensions["emotional_reaction"].level == 2


@pytest.mark.parametrize(
    ("reply", "score"),
    [
        ("How can I help you today?", 0.0),
        ("Your bill is due by Friday.", 0.0),
        ("Your contract ends on 30 June.", 0.0),
        ("The courier attempted delivery yesterday at 2pm.", 0.0),
        ("We'll ship it in the next few days.", 1.0),
        ("It will be delivered on Friday.", 1.0),
    ],
)
def test_time_frames_are_the_companys_next_step_not_the_customers_dues(reply: str, score: float) -> None:
    assert assess(reply, customer="Where is my order?").dimensions["expectation"].score == score


@pytest.mark.parametrize(
    ("reply", "score"),
    [
        ("We are currently processing your refund.", 1.0),
        ("We're currently investigating the outage.", 0.5),
        ("I'm checking your account now.", 0.5),
        ("I checked with the warehouse and your blender is on the van today.", 1.0),
        ("Feel free to reach out.", 0.0),
    ],
)
def test_work_under_way_and_a_look_are_told_apart(reply: str, score: float) -> None:
    assert assess(reply, customer="My blender broke and I want a refund.").dimensions["action"].score == score
