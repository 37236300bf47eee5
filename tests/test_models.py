"""The learned tier: training is deterministic, weights round-trip without pickle, and NumPy
inference gives what scikit-learn gives."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from attune.config import settings_context
from attune.models.features import text_features
from attune.models.linear import LinearModel, load_model, packaged
from attune.models.train import fit_linear
from attune.text import normalise_word

TEXTS = [
    "I am so angry about this",
    "furious, this is a scam",
    "thank you so much, lovely",
    "great service, thanks a lot",
    "where is my parcel",
    "my parcel is late again",
    "angry and annoyed",
    "thanks, it works now",
] * 3
GOLD = [{"anger"}, {"anger"}, {"happiness"}, {"happiness"}, {"neutral"}, {"neutral"}, {"anger"}, {"happiness"}] * 3
LABELS = ("anger", "happiness", "neutral")


def test_features_are_words_pairs_and_char_grams() -> None:
    feats = text_features("I'M SO ANGRY!!")
    assert "w:angri" in feats and "b:i_am" in feats and "x:bangs" in feats and "x:shout" in feats
    assert any(f.startswith("c:") for f in feats)


def test_fit_save_load_round_trip_and_numpy_matches_sklearn(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    model = fit_linear("model:test.v1", LABELS, TEXTS, GOLD, calib_texts=TEXTS, calib_gold=GOLD)
    again = fit_linear("model:test.v1", LABELS, TEXTS, GOLD, calib_texts=TEXTS, calib_gold=GOLD)
    assert np.array_equal(model.coef, again.coef)  # deterministic
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = load_model(path)
    probs = loaded.proba(text_features("so angry, a scam"))
    assert max(probs, key=lambda k: probs[k]) == "anger"
    assert loaded.calibrate(probs)["anger"] >= 0.5

    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True, vocabulary=loaded.vocab)
    vec.fit([text_features(t) for t in TEXTS])
    row = vec.transform([text_features("so angry, a scam")]).toarray()[0]
    expected = 1 / (1 + np.exp(-(row @ loaded.coef + loaded.intercept)))
    got = np.array([probs[k] for k in LABELS])
    assert np.allclose(got, expected, atol=1e-3)


def test_in_domain_rows_correct_what_the_general_rows_taught() -> None:
    """Feature augmentation: 'wicked' means anger in six general rows and praise in three
    in-domain rows; marked in-domain, the shipped weights follow the domain."""
    pytest.importorskip("sklearn")
    texts = TEXTS + ["this is wicked"] * 9
    gold = GOLD + [{"anger"}] * 6 + [{"happiness"}] * 3
    domain = [False] * (len(TEXTS) + 6) + [True] * 3
    plain = fit_linear("model:test.v1", LABELS, texts, gold).proba(text_features("this is wicked"))
    adapted = fit_linear("model:test.v1", LABELS, texts, gold, in_domain=domain).proba(text_features("this is wicked"))
    assert plain["anger"] > plain["happiness"]
    assert adapted["happiness"] > adapted["anger"]
    assert adapted["happiness"] > plain["happiness"]


def test_domain_bias_follows_the_in_domain_base_rate() -> None:
    """Anger is rare in the general rows and common in the in-domain ones; with the in-domain
    intercept correction, a text with no known feature gets the in-domain rate, not the general."""
    pytest.importorskip("sklearn")
    general = [f"general row number {i} about weather" for i in range(40)]
    domain_rows = [f"support ticket {i} about a parcel" for i in range(20)]
    texts = general + domain_rows
    gold = [{"anger"} if i % 10 == 0 else {"neutral"} for i in range(40)]
    gold += [{"anger"} if i % 5 else {"neutral"} for i in range(20)]
    domain = [False] * 40 + [True] * 20
    plain = fit_linear("model:test.v1", LABELS, texts, gold, in_domain=domain)
    biased = fit_linear("model:test.v1", LABELS, texts, gold, in_domain=domain, domain_bias=True)
    unseen = text_features("zzqx")
    assert biased.intercept[0] > plain.intercept[0]
    assert biased.proba(unseen)["anger"] > plain.proba(unseen)["anger"]


def test_rule_scale_holds_the_rule_features_more_loosely_and_predicts_on_raw_values() -> None:
    """Anger follows a rule score, not the words; under a strong penalty a rule scale of 8 lets
    its weight grow, and the saved weights apply to the raw (unscaled) rule score."""
    pytest.importorskip("sklearn")
    texts = [f"ticket {i} about order {i % 7}" for i in range(60)]
    gold = [{"anger"} if i % 3 == 0 else {"neutral"} for i in range(60)]
    rules = [{"r": 1.0 if i % 3 == 0 else 0.0} for i in range(60)]
    fits = {
        scale: fit_linear(
            "model:test.v1", LABELS, texts, gold, rules=rules, rule_inputs=["r"], c=0.05, rule_scale=scale
        )
        for scale in (1.0, 8.0)
    }
    assert fits[8.0].rule_coef[0, 0] > fits[1.0].rule_coef[0, 0] > 0
    row = text_features("ticket 99 about order 1")
    loose = fits[8.0].proba(row, {"r": 1.0})["anger"], fits[8.0].proba(row, {"r": 0.0})["anger"]
    tight = fits[1.0].proba(row, {"r": 1.0})["anger"], fits[1.0].proba(row, {"r": 0.0})["anger"]
    assert loose[0] - loose[1] > tight[0] - tight[1] > 0


def test_feature_kinds_choose_the_text_features_a_model_reads() -> None:
    pytest.importorskip("sklearn")
    full = fit_linear("model:test.v1", LABELS, TEXTS, GOLD)
    words = fit_linear("model:test.v1", LABELS, TEXTS, GOLD, kinds="wb")
    assert {f[:2] for f in full.vocab} >= {"w:", "b:", "c:"}
    assert {f[:2] for f in words.vocab} == {"w:", "b:"}
    assert words.proba(text_features("so angry, a scam"))["anger"] > 0.5


def test_a_broken_weights_file_is_a_clear_error(tmp_path: Path) -> None:
    from attune.errors import DataFileError

    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(DataFileError, match="attune train"):
        load_model(bad)


def test_learned_tier_keeps_rule_evidence_and_adds_model_evidence() -> None:
    if packaged("emotions") is None:
        pytest.skip("no packaged emotion model")
    from attune import analyze

    with settings_context(tier="learned", fine_emotions=True):
        a = analyze("I've been charged twice and I'm really worried about rent. Third time asking!")
    assert a.source == "learned"
    assert a.emotions["anxiety"] >= 0.5
    assert any(e.source.startswith("bank:") for e in a.evidence)
    assert any(e.source.startswith("model:") for e in a.evidence)
    assert a.fine_emotions


def test_token_vectorizer_equals_the_feature_list_vectorizer() -> None:
    model = packaged("emotions")
    if model is None:
        pytest.skip("no packaged emotion model")
    from attune.models.features import extra_features, features_from_tokens
    from attune.text import tokenize

    for text in ("I'M SO ANGRY!! Where is order #123?", "thanks, it works now", "Charged twice... again?"):
        tokens, _ = tokenize(text)
        a_idx, a_val = model.vectorize(features_from_tokens(tokens, text))
        b_idx, b_val = model.vectorize_tokens(tokens, extra_features(tokens, text))
        order = np.argsort(a_idx)
        assert np.array_equal(a_idx[order], b_idx)
        assert np.allclose(a_val[order], b_val, atol=1e-6)


def test_stance_rows_names_an_unreadable_reply_instead_of_dropping_it(tmp_path: Path) -> None:
    from attune.errors import DataFileError
    from attune.models.train_replies import stance_rows

    good = {"id": "r-1", "customer": "My parcel is late.", "reply": "I've resent it today.", "label": "neutral"}
    path = tmp_path / "replies.jsonl"
    path.write_text(json.dumps(good) + "\n", encoding="utf-8")
    feats, labels = stance_rows(path)
    assert labels == ["neutral"] and len(feats) == 1
    blank = {**good, "id": "r-2", "reply": "   "}
    path.write_text(json.dumps(good) + "\n" + json.dumps(blank) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"line 2 \(r-2\)"):
        stance_rows(path)


def test_learned_evidence_never_names_only_function_words() -> None:
    from attune import analyze
    from attune.lexicon import load

    function_words = load().classes["function_word"]
    texts = [
        "This is the THIRD time I've been charged for order #44821. You people are a joke - refund me today.",
        "The blender arrived with a cracked jug and it leaks everywhere.",
        "Is there a way to change the email on my account? I can't find it in the settings.",
        "My dad passed away last month and I need to close his account.",
    ]
    spans = [e for t in texts for e in analyze(t).evidence if e.source.startswith("model:") and e.text]
    assert spans, "the learned tier gave no word evidence at all"
    for e in spans:
        words = [w for part in e.text.lower().split() for w in normalise_word(part)]
        assert not all(w in function_words for w in words), (e.label, e.text)


def _mechanism_model(weak: float, strong: float) -> LinearModel:
    """A model with no words whose probabilities are the sigmoid of its intercepts."""
    from attune.models.fuse import MECHANISMS

    labels = tuple(f"{m}{s}" for m in MECHANISMS for s in (">=1", "=2"))
    logit = [float(np.log(p / (1 - p))) for m in MECHANISMS for p in (weak, strong)]
    return LinearModel(
        name="model:mechanisms.test",
        labels=labels,
        vocab={"w:x": 0},
        idf=np.ones(1, dtype=np.float32),
        coef=np.zeros((1, len(labels)), dtype=np.float32),
        rule_inputs=(),
        rule_coef=np.zeros((0, len(labels)), dtype=np.float32),
        intercept=np.array(logit, dtype=np.float32),
        thresholds=np.full(len(labels), 0.4, dtype=np.float32),
    )


@pytest.mark.parametrize(("weak", "strong", "level"), [(0.3, 0.9, 0), (0.45, 0.1, 1), (0.45, 0.41, 2), (0.9, 0.2, 1)])
def test_mechanism_levels_are_ordinal_and_use_the_calibrated_thresholds(weak: float, strong: float, level: int) -> None:
    from attune.models.fuse import mechanism_levels

    model = _mechanism_model(weak, strong)
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
    levels = mechanism_levels(model, empty, {})
    assert {lv for lv, _ in levels.values()} == {level}
    # the score is the calibrated probability of the label that decided the level
    assert all(score >= 0.5 if lv else score < 0.5 for lv, score in levels.values())


def test_mechanism_rows_name_a_bad_level_and_read_both_corpora(tmp_path: Path) -> None:
    from attune.errors import DataFileError
    from attune.models.train_replies import mechanism_labels, mechanism_rows

    (tmp_path / "replies").mkdir()
    (tmp_path / "mechanisms").mkdir()
    reply = {
        "id": "r-00001",
        "customer": "My parcel is late.",
        "reply": "I'm sorry, I've resent it.",
        "label": "sympathy",
        "emotional_reaction": 1,
        "interpretation": 0,
        "exploration": 0,
    }
    (tmp_path / "replies" / "train.jsonl").write_text(json.dumps(reply) + "\n", encoding="utf-8")
    peer = {
        "id": "m-1",
        "setting": "peer",
        "seeker": "i can't sleep before exams",
        "response": "that sounds exhausting, are you scared of failing?",
        "emotional_reaction": 0,
        "interpretation": 2,
        "exploration": 2,
    }
    path = tmp_path / "mechanisms" / "m.jsonl"
    path.write_text(json.dumps(peer) + "\n", encoding="utf-8")
    assert len(mechanism_rows(tmp_path)) == 1  # the shipped recipe reads the reply corpus only
    rows = mechanism_rows(tmp_path, peer=True)
    assert [r["composed"] for r in rows] == [True, False]  # "r-1..." marks a reply written whole
    assert mechanism_labels(rows[1]) == {"interpretation>=1", "interpretation=2", "exploration>=1", "exploration=2"}
    for bad in (3, 1.0, True, None):
        path.write_text(json.dumps(peer) + "\n" + json.dumps({**peer, "id": "m-2", "exploration": bad}) + "\n")
        with pytest.raises(DataFileError, match=r"m\.jsonl:2"):
            mechanism_rows(tmp_path, peer=True)


def test_learned_mechanisms_overrule_the_rules_only_with_the_models_evidence() -> None:
    if packaged("mechanisms") is None:
        pytest.skip("no packaged mechanism model")
    from attune import analyze, assess
    from attune.assess.assess import judge
    from attune.models.fuse import MECHANISMS

    cases = [
        (
            "i feel so alone since i moved to berlin, nobody talks to me at work",
            "aw man that sucks. have you tried meetup groups? they helped me a lot",
        ),
        (
            "My dad passed away last week and I need to close his account.",
            "I'm so sorry about your dad. I went through the same with my mum last year. "
            "I've closed it today. Is there anything else weighing on you right now?",
        ),
        ("I've been charged twice for order 5521!", "I hear you. The second payment is refunded."),
        (
            "I can't sleep since the layoff.",
            "Talk to me about what's keeping you up. Is there anything else I can help with today?",
        ),
    ]
    changed = 0
    for customer, reply in cases:
        analysis = analyze(customer)
        rules = judge(reply, analysis, mechanisms=None).dims  # the rules' reading of the same reply
        learned = assess(reply, customer=analysis).dimensions
        for name in MECHANISMS:
            r, d = rules[name], learned[name]
            if r.level == d.level:
                assert d == r  # where they agree the rule dimension stands, evidence and all
                continue
            changed += 1
            assert d.applicable and d.level in (0, 1, 2) and d.score == d.level / 2
            assert d.evidence and all(e.source == "model:mechanisms.v1" for e in d.evidence)
            assert all(reply[e.start : e.end] == e.text for e in d.evidence)  # spans index the reply
            assert all("help with today" not in e.text for e in d.evidence)  # a closing is no exploration
    assert changed, "the learned model agreed with the rules on every case"


def test_stance_weights_count_replies_written_whole_twice() -> None:
    from attune.models.train_replies import STANCE_WHOLE_WEIGHT, stance_weights, written_whole

    rows = [{"id": "r-00012"}, {"id": "r-10938"}, {"id": "r-20001"}, {}]
    assert [written_whole(r) for r in rows] == [False, True, False, False]
    assert stance_weights(rows) == [1.0, STANCE_WHOLE_WEIGHT, 1.0, 1.0]
    assert STANCE_WHOLE_WEIGHT > 1.0
