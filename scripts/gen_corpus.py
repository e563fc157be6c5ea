"""Write a generated corpus of wire-style conflict stories as JSON Lines (gzipped if OUT ends in .gz).

    python scripts/gen_corpus.py 3000 corpus.jsonl.gz [--seed 7]

The stories come from `eventwire.batch.synthetic` (templates written for this project); use the
file with `eventwire batch corpus.jsonl.gz --out out/` to try a batch run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

from eventwire.batch.synthetic import generate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write generated wire stories as JSON Lines.")
    ap.add_argument("n", type=int, help="how many stories")
    ap.add_argument("out", type=Path, help="output file (.jsonl or .jsonl.gz)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in generate(args.n, seed=args.seed)).encode()
    args.out.write_bytes(gzip.compress(data) if args.out.suffix == ".gz" else data)
    print(f"wrote {args.n} stories to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
