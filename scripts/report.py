"""Writes the clinic report (clinic/report.py): one self-contained HTML file with PNG plots and their
numbers, from the event broker that endpoints.yml names.

usage: python scripts/report.py [--endpoints endpoints.yml] [--out build/clinic-report.html]
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clinic.report import report_html  # noqa: E402
from clinic.worklist import all_broker_records  # noqa: E402
from scripts.purge_conversations import broker_database_url  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--out", default="build/clinic-report.html")
    args = parser.parse_args()
    broker = broker_database_url(args.endpoints)
    if broker is None:
        raise SystemExit(f"{args.endpoints} names no SQL event broker: nothing to report")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report_html(all_broker_records(broker)), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
