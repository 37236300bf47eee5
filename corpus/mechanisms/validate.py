"""Check corpus/mechanisms/*.jsonl and print the label counts: ``python corpus/mechanisms/validate.py``.

Exits 1 naming ``file:line`` for a line that is not a valid record, a duplicate id, or a response
written twice.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

KEYS = ("id", "setting", "seeker", "response", "emotional_reaction", "interpretation", "exploration")
MECHANISMS = KEYS[4:]


def main() -> int:
    here = Path(__file__).resolve().parent
    problems: list[str] = []
    ids: set[str] = set()
    responses: set[str] = set()
    counts = {m: Counter() for m in MECHANISMS}
    settings: Counter[str] = Counter()
    total = 0
    for path in sorted(here.glob("*.jsonl")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            where = f"{path.name}:{lineno}"
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not JSON ({exc.msg})")
                continue
            if tuple(rec) != KEYS:
                problems.append(f"{where}: keys must be {', '.join(KEYS)} in that order")
                continue
            if rec["setting"] not in ("peer", "support"):
                problems.append(f"{where}: setting must be peer or support")
            if not all(isinstance(rec[k], str) and rec[k].strip() for k in ("seeker", "response")):
                problems.append(f"{where}: seeker and response must be non-empty text")
            if any(type(rec[m]) is not int or rec[m] not in (0, 1, 2) for m in MECHANISMS):
                problems.append(f"{where}: each mechanism must be 0, 1 or 2")
            if rec["id"] in ids:
                problems.append(f"{where}: id {rec['id']} is used twice")
            key = " ".join(str(rec["response"]).lower().split())
            if key in responses:
                problems.append(f"{where}: the same response is written twice")
            ids.add(rec["id"])
            responses.add(key)
            settings[rec["setting"]] += 1
            for m in MECHANISMS:
                counts[m][rec[m]] += 1
            total += 1
    print(f"{total} records; settings: {dict(settings)}")
    for m in MECHANISMS:
        print(f"{m}: " + ", ".join(f"{lv}: {counts[m][lv]}" for lv in (0, 1, 2)))
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
