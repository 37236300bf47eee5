"""``attune eval``: record formats, readers, metrics and per-row errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from attune.errors import DataFileError, UsageError
from attune.evaluate import evaluate, load_records
from attune.evaluate.metrics import multilabel_report, single_label_report
from attune.evaluate.readers import GOEMOTIONS_TO_ATTUNE, read_bitext, read_epitome, read_goemotions


def test_metrics_match_hand_computed_values() -> None:
    rep = multilabel_report([{"a"}, {"a", "b"}, {"b"}], [{"a"}, {"a"}, {"a"}], ["a", "b"])
    assert rep["per_label"]["a"] == {"precision": 0.6667, "recall": 1.0, "f1": 0.8, "support": 2}
    assert rep["per_label"]["b"]["f1"] == 0.0
    assert rep["macro_f1"] == 0.4
    single = single_label_report(["x", "y", "y"], ["x", "y", "x"], ["x", "y"])
    assert single["accuracy"] == 0.6667
    assert single["confusion"] == {"x": {"x": 1, "y": 0}, "y": {"x": 1, "y": 1}}


def test_every_task_runs_and_bad_records_go_to_the_error_report() -> None:
    emo = evaluate(
        "emotions",
        [
            {"text": "I'm furious!!", "labels": ["anger"]},
            {"text": "", "labels": ["anger"]},
            {"text": "ok", "labels": ["bogus"]},
        ],
    )
    assert emo["n"] == 1 and emo["error_count"] == 2
    assert {e["reason"][:6] for e in emo["errors"]} >= {"[E101]"}
    stance = evaluate("stance", [{"customer": "Late!", "reply": "Nothing I can do.", "label": "apathy"}])
    assert stance["accuracy"] == 1.0
    mech = evaluate("mechanisms", [{"customer": "I lost my job.", "reply": "What happened?", "exploration": 1}])
    assert "exploration" in mech and "emotional_reaction" not in mech
    pairs = evaluate(
        "pairs",
        [
            {
                "customer": "My order is late!",
                "better": "I'm sorry it's late, I've rushed a replacement that arrives Friday.",
                "worse": "Not our problem.",
            }
        ],
    )
    assert pairs["share"] == 1.0
    with pytest.raises(UsageError):
        evaluate("vibes", [])


def test_load_records_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "a", "labels": ["anger"]}\n{oops\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"x.jsonl:2 -> json"):
        list(load_records(path))
    with pytest.raises(DataFileError, match="not found"):
        list(load_records(tmp_path / "missing.jsonl"))


def test_readers_turn_public_formats_into_records(tmp_path: Path) -> None:
    tsv = tmp_path / "dev.tsv"
    tsv.write_text("So annoying\t3\tid1\nThanks!\t15,17\tid2\n", encoding="utf-8")
    rows = list(read_goemotions(tsv))
    assert rows[0]["labels"] == ["frustration"] and rows[1]["labels"] == ["happiness"]
    assert rows[1]["fine"] == ["gratitude", "joy"]
    assert set(GOEMOTIONS_TO_ATTUNE.values()) == {
        "anger",
        "frustration",
        "disappointment",
        "confusion",
        "anxiety",
        "sadness",
        "happiness",
        "neutral",
    }
    bad = tmp_path / "bad.tsv"
    bad.write_text("text\t99\tid\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad\.tsv:1 -> labels"):
        list(read_goemotions(bad))
    for name in ("emotional-reactions-dev.csv", "interpretations-dev.csv", "explorations-dev.csv"):
        (tmp_path / name).write_text(
            'sp_id,rp_id,seeker_post,response_post,level,rationales\na,b,"I feel low","That sounds hard",1,\n',
            encoding="utf-8",
        )
    epi = list(read_epitome(tmp_path))
    assert len(epi) == 3 and epi[0]["emotional_reaction"] == 1
    csv_path = tmp_path / "bitext.csv"
    csv_path.write_text(
        "instruction,intent,category,response\nwhere is my order,track_order,ORDER,x\n", encoding="utf-8"
    )
    assert next(iter(read_bitext(csv_path)))["labels"] == ["delay"]


@pytest.mark.shared_data
def test_eval_on_the_shared_datasets_runs(shared_data: Path) -> None:
    go = evaluate("emotions", read_goemotions(shared_data / "goemotions" / "dev.tsv"), limit=200)
    assert go["n"] == 200 and 0.0 < go["macro_f1"] <= 1.0
    epi = evaluate("mechanisms", read_epitome(shared_data / "epitome"), limit=90)
    assert epi["n"] == 90
    bit = evaluate("situations", read_bitext(shared_data / "bitext" / "customer_support_train.csv"), limit=100)
    assert bit["n"] == 100


def test_eval_cli_prints_a_table_or_json(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from attune.cli import app

    path = tmp_path / "s.jsonl"
    path.write_text(
        json.dumps({"customer": "Late!", "reply": "Nothing I can do.", "label": "apathy"}) + "\n", encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["eval", "stance", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["accuracy"] == 1.0
    table = CliRunner().invoke(app, ["eval", "stance", str(path)])
    assert "confusion" in table.stdout
