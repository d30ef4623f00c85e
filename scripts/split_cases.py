"""Splits a file of triage cases in two halves by a fixed seed, before anyone reads them: the
development half is read and worked on, the held-out half only scored.

usage: python scripts/split_cases.py CASES.yml OUT_DIR NAME [--seed N]
writes OUT_DIR/NAME_development.yml and OUT_DIR/NAME_heldout.yml, each {cases: [...]} in the input's order.
"""
import argparse
import random
from pathlib import Path

import yaml


def split(cases, seed):
    order = list(range(len(cases)))
    random.Random(seed).shuffle(order)
    held = set(order[: len(cases) // 2])
    return ([case for i, case in enumerate(cases) if i not in held],
            [case for i, case in enumerate(cases) if i in held])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("cases")
    parser.add_argument("out_dir")
    parser.add_argument("name")
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    cases = yaml.safe_load(Path(args.cases).read_text(encoding="utf-8"))["cases"]
    development, heldout = split(cases, args.seed)
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for part, chosen in (("development", development), ("heldout", heldout)):
        path = out / f"{args.name}_{part}.yml"
        path.write_text(yaml.safe_dump({"cases": chosen}, allow_unicode=True, sort_keys=False, width=120),
                        encoding="utf-8")
        print(f"{path}: {len(chosen)} cases")


if __name__ == "__main__":
    main()
