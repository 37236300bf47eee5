"""Measure the engine on labelled data: ``evaluate(task, records)`` and the dataset readers."""

from __future__ import annotations

from attune.evaluate.run import TASKS, evaluate, load_records

__all__ = ["TASKS", "evaluate", "load_records"]
