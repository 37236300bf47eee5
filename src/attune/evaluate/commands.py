"""Bodies of ``attune eval`` and ``attune train`` (the CLI only parses and renders)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from attune.errors import UsageError
from attune.evaluate.readers import read_bitext, read_epitome, read_goemotions
from attune.evaluate.run import evaluate, load_records

FORMATS = ("jsonl", "goemotions", "epitome", "bitext")


def records(path: Path, fmt: str, task: str, label_key: str) -> Iterator[dict[str, Any]]:
    """Records of ``path`` in ``fmt``; ``label_key`` renames a JSONL field to ``labels``."""
    if fmt == "goemotions":
        return read_goemotions(path)
    if fmt == "epitome":
        return read_epitome(path)
    if fmt == "bitext":
        return read_bitext(path)
    if fmt != "jsonl":
        raise UsageError(f"unknown format '{fmt}'; one of {', '.join(FORMATS)}")
    if label_key == "labels":
        return load_records(path)
    return ({**r, "labels": r.get(label_key)} for r in load_records(path))


def guess_format(path: Path) -> str:
    if path.is_dir() and (path / "emotional-reactions-dev.csv").exists():
        return "epitome"
    if path.suffix == ".tsv":
        return "goemotions"
    if path.suffix == ".csv":
        return "bitext"
    return "jsonl"


def run_eval(task: str, path: Path, fmt: str | None, label_key: str, limit: int | None) -> dict[str, Any]:
    report = evaluate(task, records(path, fmt or guess_format(path), task, label_key), limit=limit)
    report["source"] = str(path)
    return report


def render_report(report: dict[str, Any]) -> RenderableType:
    parts: list[RenderableType] = [
        Text(f"{report['task']} on {report.get('source', '?')}: n={report.get('n')}", style="bold")
    ]
    if "per_label" in report:
        parts.append(_label_table(report))
    for mech in ("emotional_reaction", "interpretation", "exploration"):
        if mech in report:
            sub = report[mech]
            parts.append(
                Text(
                    f"{mech}: accuracy {sub['accuracy']:.3f}, macro-F1 {sub['macro_f1']:.3f} "
                    f"(levels 0/1/2), any-vs-none macro-F1 {sub['binary_macro_f1']:.3f}"
                )
            )
    if "confusion" in report and report["task"] == "stance":
        table = Table(title="confusion (rows: gold, columns: predicted)")
        table.add_column("gold")
        labels = list(report["confusion"])
        for label in labels:
            table.add_column(label, justify="right")
        for g in labels:
            table.add_row(g, *(str(report["confusion"][g][p]) for p in labels))
        parts.append(table)
    if "share" in report:
        parts.append(Text(f"pairs ranked right: {report['ranked_right']}/{report['n']} = {report['share']:.3f}"))
    if report.get("error_count"):
        parts.append(
            Text(f"{report['error_count']} record(s) not judged; first: {report['errors'][:3]}", style="yellow")
        )
    return Group(*parts)


def _label_table(report: dict[str, Any]) -> Table:
    table = Table(
        title=f"macro-F1 {report['macro_f1']:.3f}"
        + (f" · accuracy {report['accuracy']:.3f}" if "accuracy" in report else "")
    )
    for col in ("label", "precision", "recall", "F1", "support"):
        table.add_column(col, justify="left" if col == "label" else "right")
    for label, m in report["per_label"].items():
        table.add_row(label, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["support"]))
    return table


def run_train(model: str, data: Path, corpus: Path, out: Path) -> dict[str, Any]:
    from attune.models import train, train_replies

    if model == "emotions":
        return train.train_emotions(data, corpus, out)
    if model == "situations":
        return train.train_situations(data, corpus, out)
    if model == "stance":
        return train_replies.train_stance(corpus, out)
    if model == "mechanisms":
        return train_replies.train_mechanisms(corpus, out)
    if model == "neural":  # the optional tier's heads: needs attune[neural] as well
        from attune.neural.train import train_neural

        return train_neural(data, corpus, out)
    raise UsageError(f"unknown model '{model}'; one of emotions, situations, stance, mechanisms, neural")
