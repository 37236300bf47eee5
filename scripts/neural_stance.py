"""The neural stance head on a hand-written batch held out (docs/quality.md, "Neural tier"): the
head fine-tuned and the learned stance model fitted on every other training reply, both scored on
the batch, alone and blended at every weight. Reads no test part.

    python scripts/neural_stance.py --hold 5            # the shipped recipe: the reply alone
    python scripts/neural_stance.py --hold 5 --pairs    # the reply read with the customer's message
    python scripts/neural_stance.py --hold 5 --pairs --context-words 40    # its first 40 words

Needs the neural extra (``pip install 'attune[neural]'``); about six minutes a run on two cores
(eight with ``--pairs``). ``--hold`` takes 3, 4 or 5, as ``scripts/select_models.py stance hold=N``.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

from select_models import HELD_BATCHES

from attune.neural.finetune import EPOCHS
from attune.neural.train_stance import StanceData, validate

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hold", type=int, choices=(3, 4, 5), required=True)
    parser.add_argument("--pairs", action="store_true", help="read each reply with the customer's message")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument(
        "--context-words", type=int, default=0, help="with --pairs: keep only the customer message's first N words"
    )
    args = parser.parse_args()
    start = time.time()

    def log(message: str) -> None:
        print(f"{time.time() - start:7.1f}s {message}", flush=True)

    data = StanceData.load(ROOT / "corpus", pairs=args.pairs)
    if args.pairs and args.context_words:  # a shorter context: the pair pass costs less
        n = args.context_words
        data = replace(data, texts=[(reply, " ".join(context.split()[:n])) for reply, context in data.texts])
    lo, hi = HELD_BATCHES[args.hold]
    val = [i for i, r in enumerate(data.records) if lo <= r["id"] < hi]
    fit = [i for i, r in enumerate(data.records) if not lo <= r["id"] < hi]
    report, _alpha = validate(data, fit, val, log, epochs=args.epochs)
    print(json.dumps({"hold": args.hold, **report}))


if __name__ == "__main__":
    main()
