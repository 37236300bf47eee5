"""``analyze``: customer emotions, signals, situations, names and details, with evidence."""

from __future__ import annotations

import pytest

from attune import analyze, assess
from attune.taxonomy import EMOTIONS, SITUATIONS


def present(scores: dict[str, float] | object) -> set[str]:
    assert isinstance(scores, dict)
    return {k for k, v in scores.items() if v >= 0.5}


@pytest.mark.parametrize(
    ("text", "emotion"),
    [
        (
            "Thanks for the reply, but this is the third time I'm writing about the same problem.",
            "frustration",
        ),
        ("great, another delay. just what I needed", "frustration"),
        ("WHERE IS MY REFUND?!?! THIS IS A SCAM", "anger"),
        ("I don't understand this charge on my bill, what is it for?", "confusion"),
        ("Rent is due Friday and the refund still isn't in my account.", "anxiety"),
        ("My mother passed away in March and I need to close her account.", "sadness"),
        ("Thank you so much, the new router works perfectly!", "happiness"),
        (
            "The jacket looked nothing like the photos. Not what I expected for the price.",
            "disappointment",
        ),
        ("How do I change my delivery address?", "neutral"),
    ],
)
def test_emotions_of_real_customer_voices(text: str, emotion: str) -> None:
    a = analyze(text)
    assert set(a.emotions) == set(EMOTIONS)
    assert emotion in present(dict(a.emotions)), dict(a.emotions)


def test_sarcasm_is_not_happiness() -> None:
    a = analyze("Oh great, another delay. Thanks for nothing.")
    assert a.emotions["happiness"] < 0.5 <= a.emotions["frustration"]
    assert any("sarcasm" in e.explanation for e in a.evidence)


def test_negated_happiness_reads_as_disappointment() -> None:
    a = analyze("I'm not happy with this blender at all.")
    assert a.emotions["happiness"] < 0.5 <= a.emotions["disappointment"]


def test_caps_and_exclamations_raise_intensity() -> None:
    calm = analyze("my order is late, please check")
    loud = analyze("MY ORDER IS LATE, PLEASE CHECK!!!")
    assert loud.intensity > calm.intensity
    assert any(e.source == "rule:loudness" for e in loud.evidence)


def test_signals_escalation_abuse_urgency() -> None:
    a = analyze("You useless idiots. I want to speak to a manager today or I'm posting this on Twitter.")
    assert a.escalation and a.abuse and a.urgency >= 0.5
    calm = analyze("Could you tell me how to update my card details?")
    assert not calm.escalation and not calm.abuse and calm.urgency < 0.5


@pytest.mark.parametrize(
    ("text", "situation"),
    [
        ("My parcel still hasn't arrived, it's two weeks late.", "delay"),
        ("The blender arrived with a cracked jug.", "defect"),
        ("The app crashes every time I open settings.", "technical_issue"),
        ("I was charged twice for my subscription.", "billing_error"),
        ("How do I add a second user to my plan?", "how_to"),
        ("It would be great if you added a dark mode.", "feedback"),
        ("I've already called three times about this.", "repeat_contact"),
        ("Please cancel my membership.", "cancellation"),
        ("I want a refund for the broken headphones.", "refund"),
        ("I'm locked out of my account and the reset email never arrives.", "account_access"),
        ("My husband passed away last month.", "bereavement"),
        ("Just wanted to say your support team was brilliant!", "praise"),
        ("Is your Leeds shop open on Sunday?", "other"),
    ],
)
def test_situations(text: str, situation: str) -> None:
    a = analyze(text)
    assert set(a.situations) == set(SITUATIONS)
    assert situation in present(dict(a.situations)), dict(a.situations)


def test_name_and_details_are_extracted_with_spans() -> None:
    text = (
        "Order #58213 was charged $89.99 twice and I've waited for two weeks. "
        "This is the third time I write about my router.\n\nThanks,\nPriya"
    )
    a = analyze(text)
    assert a.name == "Priya"
    kinds = {d.kind: d.text for d in a.details}
    assert "58213" in kinds["id"] and kinds["amount"] == "$89.99"
    assert "third time" in kinds["contacts"] and "two weeks" in kinds["wait"] and "router" in kinds["item"]
    for d in a.details:
        assert a.text[d.start : d.end] == d.text


@pytest.mark.parametrize("prefix", ["", "İstanbul trip. "])  # "İ".lower() is two characters long
def test_details_keep_the_original_case_and_spans(prefix: str) -> None:
    from attune.perceive.details import extract_details

    text = prefix + "ORDER NO AB-55120 arrived broken, my Router died on MONDAY, waited FOR 3 DAYS"
    found = {d.kind: d for d in extract_details(text)}
    assert found["id"].value == "AB-55120"
    assert found["item"].text == "my Router" and found["date"].text == "on MONDAY"
    assert found["wait"].text == "FOR 3 DAYS"
    for d in found.values():
        assert text[d.start : d.end] == d.text


def test_every_evidence_span_points_at_the_text() -> None:
    a = analyze("I'm SO frustrated, my card was charged twice!!! Fix it or I'm leaving.")
    assert a.evidence
    for e in a.evidence:
        assert a.text[e.start : e.end] == e.text
        assert e.source and e.explanation


def test_signature_thanks_is_not_happiness() -> None:
    a = analyze("My router keeps dropping the connection.\n\nThanks,\nTom")
    assert a.emotions["happiness"] < 0.5


LATE = "WHERE IS MY ORDER?? #48213 was due two weeks ago. I need it for my daughter's birthday!!\n\nMarco"
FOLLOW_UP = "Unbelievable. I want to speak to a manager."
ANSWER = (
    "I'm so sorry, Marco. I've asked the courier to trace order #48213 and I'm sending a "
    "replacement by express today at no cost."
)


def test_a_follow_up_is_read_with_what_the_customer_said_before() -> None:
    from attune.perceive.history import in_conversation

    latest = analyze(FOLLOW_UP)
    read = in_conversation(latest, [analyze(LATE)])
    assert "delay" not in latest.present_situations and "delay" in read.present_situations
    assert read.name == "Marco" and latest.name is None
    assert read.emotions == latest.emotions and read.escalation  # how they feel now is the latest turn's
    for d in read.details:  # spans index the joined text
        assert read.text[d.start : d.end] == d.text
    for e in read.evidence:
        assert read.text[e.start : e.end] == e.text
    assert "#48213" in {d.text for d in read.details}
    # judged against the follow-up alone, the reply owes no apology and no name
    alone, in_context = assess(ANSWER, customer=latest), assess(ANSWER, customer=read)
    assert not alone.dimensions["apology"].applicable
    assert in_context.dimensions["apology"].applicable and in_context.dimensions["apology"].present
    assert in_context.dimensions["personalization"].present


def test_thanks_do_not_carry_the_old_problem_forward() -> None:
    from attune.perceive.history import in_conversation

    read = in_conversation(analyze("Ok, thank you, that really helps."), [analyze(LATE)])
    assert "delay" not in read.present_situations
    assert not assess("Glad I could help!", customer=read).dimensions["apology"].applicable


def test_loyalty_is_not_a_wait_and_a_burial_is_a_bereavement() -> None:
    assert [d.kind for d in analyze("I've been a customer for 10 years and I'm thinking of leaving.").details] == []
    assert "wait" in [d.kind for d in analyze("I've been waiting for 10 days for my refund.").details]
    assert "bereavement" in analyze("We just buried our son. Please cancel his membership.").present_situations


@pytest.mark.parametrize(
    ("text", "escalation"),
    [
        ("please cancel my subscription. not using it anymore.", False),  # a request, not a threat
        ("I'd like to close my account.", False),
        ("I've asked 3 times for a manager. Escalate this NOW.", True),
        ("Put me through to someone senior please.", True),
        ("I'm thinking of leaving after 8 years.", True),
    ],
)
def test_escalation_is_a_demand_or_a_threat_not_a_request(text: str, escalation: bool) -> None:
    assert analyze(text).escalation is escalation


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi, my name is Jean-Luc and my order is late.", "Jean-Luc"),
        ("I'm Carlos and I need help with billing.", "Carlos"),
        ("This is Ana from Acme, our invoice is wrong.", "Ana"),
        ("It broke again.\n\nThanks\nUrgent", None),
        ("Pay the invoice.\n\nBest,\nAccounts Payable", None),
        ("Late again.\n\nRegards,\nDisappointed", None),
        # the sign-off in the quoted history is the agent's, not the customer's
        ("Still wrong.\n\nThanks,\nPriya\n\n-----Original Message-----\nWe are on it.\n\nBest,\nTom", "Priya"),
    ],
)
def test_the_name_is_the_writers_own(text: str, name: str | None) -> None:
    assert analyze(text).name == name


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("It's been 3 weeks!!", "wait", "been 3 weeks"),
        ("Still nothing after 10 days.", "wait", "after 10 days"),
        ("I waited 3 hours on the phone.", "wait", "waited 3 hours"),
        ("It was due on 2 May.", "date", "2 May"),
        ("My order #12345 still hasn't arrived.", "id", "order #12345"),
        ("My account number is 4471-220 and it's locked.", "id", "account number is 4471-220"),
    ],
)
def test_details_worth_paraphrasing(text: str, kind: str, found: str) -> None:
    assert (kind, found) in [(d.kind, d.text) for d in analyze(text).details]


def test_passed_without_away_is_a_bereavement_but_an_exam_is_not() -> None:
    assert "bereavement" in analyze("My grandmother passed and I want to cancel her subscription.").present_situations
    assert "bereavement" not in analyze("My son passed his exam and wants the premium plan.").present_situations


@pytest.mark.parametrize(
    ("text", "wait"),
    [
        ("My father passed away two weeks ago and I need to close his account.", None),
        ("My dad died 3 days ago.", None),
        ("My router died on Monday and I've waited for 3 days.", "for 3 days"),
        ("I ordered it two weeks ago and nothing came.", "two weeks ago"),
    ],
)
def test_the_time_since_a_loss_is_not_a_wait(text: str, wait: str | None) -> None:
    from attune.perceive.details import extract_details

    found = [d.text for d in extract_details(text) if d.kind == "wait"]
    assert found == ([wait] if wait else [])


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("Quick question about my invoice.", False),
        ("Thanks for the quick reply yesterday.", False),
        ("Please deliver before 14 March, I move house after that.", True),
        ("I need this fixed by Monday or I lose a client.", True),
        ("The parcel arrived today but the box was crushed.", False),
        ("Please fix it by tomorrow.", True),
        ("I want to speak to a manager today.", True),
    ],
)
def test_urgency_reads_deadlines_not_the_word_quick(text: str, urgent: bool) -> None:
    assert (analyze(text).urgency >= 0.5) is urgent


@pytest.mark.parametrize(
    "text",
    [
        "Great, thanks for nothing. Really helpful as always.",
        "Oh wonderful, the app logged me out AGAIN. Brilliant work, really.",
        "Love spending my whole Saturday waiting for a courier who never shows. Fantastic service as always.",
        "Wow, amazing. Third time the app has crashed today. Love it.",
    ],
)
def test_sarcastic_praise_is_not_praise(text: str) -> None:
    found = analyze(text)
    assert found.situations["praise"] < 0.5
    assert found.emotions["frustration"] >= 0.5


def test_a_motor_that_died_is_no_bereavement_but_a_father_who_died_is() -> None:
    assert analyze("I bought it in January and the motor just died.").situations["bereavement"] < 0.5
    assert analyze("My father died last month and I need to close his account.").situations["bereavement"] >= 0.5


def test_a_day_of_the_month_is_a_date_detail() -> None:
    from attune.perceive.details import extract_details

    found = [d.text for d in extract_details("I need it for my wedding on the 22nd!! It renews on the 1st.")]
    assert found == ["on the 22nd", "on the 1st"]


def test_learned_evidence_never_names_only_a_courtesy_word() -> None:
    found = analyze("Hi, please help, pls. My parcel is three weeks late and I am furious.")
    named = {e.text.lower() for e in found.evidence if e.source.startswith("model:")}
    assert not named & {"hi", "please", "help", "pls"}


@pytest.mark.parametrize(
    ("text", "contacts"),
    [
        ("I've tried three times and the button doesn't work.", None),
        ("I tried to call you three times yesterday.", "tried to call you three times"),
        ("I called twice already.", "called twice"),
    ],
)
def test_trying_something_is_not_contacting_us(text: str, contacts: str | None) -> None:
    from attune.perceive.details import extract_details

    found = [d.text for d in extract_details(text) if d.kind == "contacts"]
    assert found == ([contacts] if contacts else [])
