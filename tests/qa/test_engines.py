"""The local and Dask engines give identical per-turn scores on the same sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from attune.qa import exports
from attune.qa.model import Conversation
from attune.qa.pipeline import QAOptions, run_qa

pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("distributed")


def tables(out: Path) -> dict[str, object]:
    return {name: pq.read_table(out / f"{name}.parquet") for name in ("turns", "conversations", "promises")}


@pytest.fixture(scope="module")
def partitions(tmp_path_factory: pytest.TempPathFactory, sample: list[Conversation]) -> list[Path]:
    """The sample as three JSONL partitions, conversations kept whole."""
    folder = tmp_path_factory.mktemp("parts")
    paths = []
    for i in range(3):
        path = folder / f"part-{i}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            exports.write_jsonl(iter(sample[i::3]), out)
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def zendesk(tmp_path_factory: pytest.TempPathFactory, sample: list[Conversation]) -> Path:
    path = tmp_path_factory.mktemp("zd") / "tickets.json"
    with path.open("w", encoding="utf-8") as out:
        exports.write_zendesk(iter(sample), out)
    return path


@pytest.mark.slow
def test_local_pool_and_dask_match_scoring_in_process(tmp_path: Path, zendesk: Path, partitions: list[Path]) -> None:
    runs = {
        "inline": QAOptions(workers=1, report=False),
        "local": QAOptions(workers=2, chunk_size=5, report=False),
        "dask": QAOptions(engine="dask", workers=2, chunk_size=7, report=False),
    }
    results = {name: tables(run_qa([zendesk], tmp_path / name, options).out) for name, options in runs.items()}
    assert results["inline"]["turns"].num_rows > 60
    for name in ("local", "dask"):
        for table, expected in results["inline"].items():
            assert results[name][table].equals(expected), (name, table)


@pytest.mark.slow
def test_dask_workers_reading_partitions_match_the_local_engine(tmp_path: Path, partitions: list[Path]) -> None:
    local = run_qa(partitions, tmp_path / "local", QAOptions(workers=2, report=False))
    dask = run_qa(partitions, tmp_path / "dask", QAOptions(engine="dask", workers=2, report=False))
    assert tables(dask.out)["turns"].equals(tables(local.out)["turns"])
    assert dask.summary["import"]["files"] == local.summary["import"]["files"]
    assert {k: v for k, v in dask.summary.items() if k != "run"} == {
        k: v for k, v in local.summary.items() if k != "run"
    }
