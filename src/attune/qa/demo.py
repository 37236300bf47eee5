"""The packaged demo export: about 200 conversations in the Zendesk JSON and the CSV shapes.

Both files hold the same conversations, written by :mod:`attune.qa.synth` from text written for
attune; ``attune qa --demo`` reads the Zendesk file. Rebuild them with
``python -m attune.qa.demo`` (the output is the same on every machine).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from attune.qa import exports, synth

DEMO_CONVERSATIONS = 200
DEMO_SEED = 42
DEMO_DAYS = 14
ZENDESK = "zendesk_tickets.json"
CSV = "messages.csv"


def demo_folder() -> Path:
    """The folder of the packaged demo files."""
    return Path(str(resources.files("attune.data") / "demo"))


def demo_paths() -> list[Path]:
    """The demo's Zendesk export, then the same conversations as CSV.

    >>> [p.name for p in demo_paths()]
    ['zendesk_tickets.json', 'messages.csv']
    """
    folder = demo_folder()
    return [folder / ZENDESK, folder / CSV]


def build(folder: Path | None = None) -> list[Path]:
    """Write the demo files; one comment in the Zendesk file is attachment-only, as in real exports."""
    folder = folder or demo_folder()
    folder.mkdir(parents=True, exist_ok=True)
    zendesk, csv_path = folder / ZENDESK, folder / CSV
    with zendesk.open("w", encoding="utf-8", newline="\n") as out:
        exports.write_zendesk(synth.conversations(DEMO_CONVERSATIONS, seed=DEMO_SEED, days=DEMO_DAYS), out)
    page = json.loads(zendesk.read_text(encoding="utf-8"))
    ticket = page["tickets"][7]
    ticket["comments"].insert(
        1, {**ticket["comments"][0], "id": 999001, "body": "", "attachments": [{"file_name": "photo.jpg"}]}
    )
    with zendesk.open("w", encoding="utf-8", newline="\n") as out:
        out.write("{\n")
        for key in ("users", "groups"):
            out.write(f' "{key}": {json.dumps(page[key], ensure_ascii=False)},\n')
        out.write(' "tickets": [\n')
        out.write(",\n".join("  " + json.dumps(t, ensure_ascii=False) for t in page["tickets"]))
        out.write(f'\n ],\n "count": {len(page["tickets"])},\n "end_of_stream": true,\n "next_page": null\n}}\n')
    with csv_path.open("w", encoding="utf-8", newline="") as out:
        exports.write_csv(synth.conversations(DEMO_CONVERSATIONS, seed=DEMO_SEED, days=DEMO_DAYS), out)
    return [zendesk, csv_path]


if __name__ == "__main__":  # pragma: no cover
    for path in build():
        print(path)
