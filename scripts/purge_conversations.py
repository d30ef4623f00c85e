"""Deletes the conversations nobody has written in for CONVERSATION_RETENTION_DAYS (default 30) from
the SQL tracker store that endpoints.yml names (SQLite by default, PostgreSQL in production). A
conversation goes whole, never in part, so no patient's ongoing questions lose their start.

`make run` runs it at every start; run it daily as well, e.g. from cron:
  15 3 * * *  cd /srv/triage && .venv/bin/python scripts/purge_conversations.py

usage: python scripts/purge_conversations.py [--endpoints endpoints.yml] [--days N]
"""
import argparse
import os
import time

import sqlalchemy
from rasa.core.tracker_store import SQLTrackerStore
from rasa.utils.endpoints import read_endpoint_config

RETENTION_ENV = "CONVERSATION_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 30.0
STALE = sqlalchemy.text(
    "DELETE FROM events WHERE sender_id IN "
    "(SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff)")


def database_url(endpoints: str) -> str:
    config = read_endpoint_config(endpoints, "tracker_store")
    if config is None or str(config.type).lower() != "sql":
        raise SystemExit(f"{endpoints} names no SQL tracker store: nothing to purge")
    kwargs = config.kwargs
    return SQLTrackerStore.get_db_url(kwargs.get("dialect", "sqlite"), config.url, kwargs.get("port"),
                                      kwargs.get("db", "rasa.db"), kwargs.get("username"), kwargs.get("password"),
                                      kwargs.get("login_db"), kwargs.get("query"))


def purge(url: str, days: float, now: float = None) -> int:
    """Deletes every conversation whose newest event is older than ``days``; returns the events deleted."""
    cutoff = (now if now is not None else time.time()) - days * 86400
    engine = sqlalchemy.create_engine(url)
    if not sqlalchemy.inspect(engine).has_table("events"):
        return 0
    with engine.begin() as connection:
        return connection.execute(STALE, {"cutoff": cutoff}).rowcount


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--days", type=float, default=float(os.environ.get(RETENTION_ENV) or DEFAULT_RETENTION_DAYS))
    args = parser.parse_args()
    deleted = purge(database_url(args.endpoints), args.days)
    print(f"purged {deleted} events of conversations idle for more than {args.days:g} days")


if __name__ == "__main__":
    main()
