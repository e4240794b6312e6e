"""Benchmark of the privacy-preserving linkage (issue 13, "Speed and memory").

Two generated lists of N persons each (default 100,000), half of list B being corrupted
copies of persons of list A (typing errors, other transliterations or the Cyrillic script,
swapped and added name parts, date slips, missing nationality). Both are encoded into
Bloom-filter linkage keys, then linked (blocking, Dice similarity, one-to-one matching at
the calibrated threshold). Prints the encoding and linkage times and the precision and
recall against the generated truth. Target: the linkage of the two encoded lists < 60 s.
No database is needed.

    .venv/bin/python bench/exchange_linkage.py [--persons N] [--check]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LINK_TARGET_S = 60.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    default = int(os.environ.get("NRM_BENCH_LINKAGE_PERSONS", 100_000))
    parser.add_argument("--persons", type=int, default=default)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    from nrm.exchange import linkage, synthetic

    n = args.persons
    started = time.perf_counter()
    list_a, list_b, truth = synthetic.linkage_lists(n, n, n // 2, seed=2024)
    print(f"  generated 2 x {n:,} identities, {len(truth):,} true pairs in "
          f"{time.perf_counter() - started:.1f} s", flush=True)
    encoder = linkage.Encoder(b"benchmark secret, not an installation's")
    started = time.perf_counter()
    clks_a = [encoder.clk(x) for x in list_a]
    clks_b = [encoder.clk(x) for x in list_b]
    keys_a = [encoder.block_keys(x) for x in list_a]
    keys_b = [encoder.block_keys(x) for x in list_b]
    print(f"  encoded both lists in {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    matches = linkage.link_two_lists(clks_a, keys_a, clks_b, keys_b)
    seconds = time.perf_counter() - started
    quality = linkage.quality([(i, j) for i, j, _s in matches], truth)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  linkage of 2 x {n:,} encoded persons: {seconds:.1f} s "
          f"(target < {LINK_TARGET_S:.0f} s), threshold {linkage.THRESHOLD}")
    print(f"  precision {quality.precision:.4f}, recall {quality.recall:.4f} "
          f"({quality.correct:,} of {quality.found:,} links correct, "
          f"{quality.true_matches:,} true pairs); peak memory {peak_mb:.0f} MB")
    return 1 if args.check and seconds >= LINK_TARGET_S else 0


if __name__ == "__main__":
    sys.exit(main())
