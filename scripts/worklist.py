"""Prints the call-back worklist for clinic staff: conversations whose latest outcome of the last hours was
an emergency, urgent or unassessed, newest first (clinic/worklist.py), from the event broker and the
tracker store that endpoints.yml names.

usage: python scripts/worklist.py [--endpoints endpoints.yml] [--hours 24] [--transcripts]
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clinic.worklist import as_table, broker_records, transcript, worklist  # noqa: E402
from scripts.purge_conversations import broker_database_url, database_url  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--hours", type=float, default=24.0)
    parser.add_argument("--transcripts", action="store_true", help="each conversation's messages under its row")
    args = parser.parse_args()
    broker = broker_database_url(args.endpoints)
    if broker is None:
        raise SystemExit(f"{args.endpoints} names no SQL event broker: no outcomes to list")
    entries = worklist(broker_records(broker), time.time(), args.hours)
    print(as_table(entries))
    if args.transcripts:
        store = database_url(args.endpoints)
        for entry in entries:
            print(f"\n--- {entry.sender_id} ({entry.reason})")
            for who, text in transcript(store, entry.sender_id):
                print(f"{who:>9}: {text}")


if __name__ == "__main__":
    main()
