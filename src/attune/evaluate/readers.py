"""Readers that turn public datasets into evaluation records (see docs/quality.md for mappings).

- GoEmotions TSV (text, comma-separated label ids, id) -> ``emotions`` records; the 28 fine labels
  are kept as ``fine`` and mapped to attune's eight emotions with :data:`GOEMOTIONS_TO_ATTUNE`.
- EPITOME CSV (seeker_post, response_post, level) -> ``mechanisms`` records, one mechanism a file.
- Bitext CSV (instruction, intent, category) -> ``situations`` records via :data:`BITEXT_TO_SITUATION`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from attune.errors import DataFileError

GOEMOTIONS_LABELS = [
    "admiration",
    "amusement",
    "anger",
    "annoyance",
    "approval",
    "caring",
    "confusion",
    "curiosity",
    "desire",
    "disappointment",
    "disapproval",
    "disgust",
    "embarrassment",
    "excitement",
    "fear",
    "gratitude",
    "grief",
    "joy",
    "love",
    "nervousness",
    "optimism",
    "pride",
    "realization",
    "relief",
    "remorse",
    "sadness",
    "surprise",
    "neutral",
]

#: GoEmotions' 28 labels onto attune's eight. Curiosity, surprise and realization carry no
#: support-relevant feeling and map to neutral; annoyance and disapproval are frustration.
GOEMOTIONS_TO_ATTUNE: dict[str, str] = {
    "anger": "anger",
    "disgust": "anger",
    "annoyance": "frustration",
    "disapproval": "frustration",
    "disappointment": "disappointment",
    "confusion": "confusion",
    "fear": "anxiety",
    "nervousness": "anxiety",
    "sadness": "sadness",
    "grief": "sadness",
    "remorse": "sadness",
    "embarrassment": "sadness",
    "admiration": "happiness",
    "amusement": "happiness",
    "approval": "happiness",
    "caring": "happiness",
    "desire": "happiness",
    "excitement": "happiness",
    "gratitude": "happiness",
    "joy": "happiness",
    "love": "happiness",
    "optimism": "happiness",
    "pride": "happiness",
    "relief": "happiness",
    "curiosity": "neutral",
    "realization": "neutral",
    "surprise": "neutral",
    "neutral": "neutral",
}

#: Bitext intents onto attune situations (several intents are plain requests: how_to).
BITEXT_TO_SITUATION: dict[str, list[str]] = {
    "cancel_order": ["cancellation"],
    "change_order": ["how_to"],
    "change_shipping_address": ["how_to"],
    "check_cancellation_fee": ["cancellation"],
    "check_invoice": ["billing_error"],
    "check_payment_methods": ["how_to"],
    "check_refund_policy": ["refund"],
    "complaint": ["feedback"],
    "contact_customer_service": ["other"],
    "contact_human_agent": ["other"],
    "create_account": ["how_to"],
    "delete_account": ["cancellation"],
    "delivery_options": ["how_to"],
    "delivery_period": ["delay"],
    "edit_account": ["how_to"],
    "get_invoice": ["how_to"],
    "get_refund": ["refund"],
    "newsletter_subscription": ["how_to"],
    "payment_issue": ["billing_error"],
    "place_order": ["how_to"],
    "recover_password": ["account_access"],
    "registration_problems": ["technical_issue"],
    "review": ["feedback"],
    "set_up_shipping_address": ["how_to"],
    "switch_account": ["how_to"],
    "track_order": ["delay"],
    "track_refund": ["refund"],
}

MECHANISM_FILES = {
    "emotional_reaction": "emotional-reactions-dev.csv",
    "interpretation": "interpretations-dev.csv",
    "exploration": "explorations-dev.csv",
}


def _open(path: Path) -> Any:
    if not path.is_file():
        raise DataFileError(f"{path} -> file: not found")
    return path.open(encoding="utf-8", newline="")


def read_goemotions(path: str | Path) -> Iterator[dict[str, Any]]:
    """GoEmotions TSV rows as ``{"text", "labels", "fine"}`` records."""
    p = Path(path)
    with _open(p) as f:
        for lineno, row in enumerate(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if len(row) < 2:
                raise DataFileError(f"{p}:{lineno} -> row: expected text<TAB>label ids")
            try:
                fine = [GOEMOTIONS_LABELS[int(i)] for i in row[1].split(",")]
            except (ValueError, IndexError) as exc:
                raise DataFileError(f"{p}:{lineno} -> labels: '{row[1]}' are not label ids 0-27") from exc
            yield {"text": row[0], "labels": sorted({GOEMOTIONS_TO_ATTUNE[x] for x in fine}), "fine": fine}


def read_epitome(folder: str | Path) -> Iterator[dict[str, Any]]:
    """EPITOME dev CSVs as ``mechanisms`` records (one per response and mechanism file)."""
    base = Path(folder)
    for mechanism, name in MECHANISM_FILES.items():
        with _open(base / name) as f:
            for lineno, row in enumerate(csv.DictReader(f), start=2):
                try:
                    level = int(row["level"])
                except (KeyError, ValueError) as exc:
                    raise DataFileError(f"{base / name}:{lineno} -> level: not 0, 1 or 2") from exc
                yield {
                    "customer": row["seeker_post"],
                    "reply": row["response_post"],
                    mechanism: level,
                    "rationales": row.get("rationales", ""),
                }


def read_bitext(path: str | Path) -> Iterator[dict[str, Any]]:
    """Bitext rows as ``situations`` records, with the intent kept for grouping."""
    p = Path(path)
    with _open(p) as f:
        for lineno, row in enumerate(csv.DictReader(f), start=2):
            intent = row.get("intent", "")
            if intent not in BITEXT_TO_SITUATION:
                raise DataFileError(f"{p}:{lineno} -> intent: '{intent}' has no situation mapping")
            yield {
                "text": row["instruction"],
                "labels": BITEXT_TO_SITUATION[intent],
                "intent": intent,
                "response": row.get("response", ""),
            }
