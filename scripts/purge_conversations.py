"""Deletes the conversations nobody has written in for CONVERSATION_RETENTION_DAYS (default 30) from
the SQL tracker store that endpoints.yml names (SQLite by default, PostgreSQL in production). A
conversation goes whole, never in part, so no patient's ongoing questions lose their start.

`make run` runs it at every start; run it daily as well, e.g. from cron:
  15 3 * * *  cd /srv/triage && .venv/bin/python scripts/purge_conversations.py

The deletion is plain SQL on Rasa's `events` table, so it first checks that Rasa still keeps its
conversations there (rasa.core.tracker_store.SQLTrackerStore.SQLEvent) and that the database has that
table and its sender_id and timestamp columns; if not it stops with an error naming what is missing and
exits non-zero, never "purged 0" while patients' conversations stay for ever. A database with no tables
at all (Rasa has not written to it yet) has nothing to purge.

The clinic's copy on the event broker (endpoints.yml's SQL event_broker, channels/triage_events.py) goes by
the same rule: the records of a conversation idle for longer are deleted whole.

usage: python scripts/purge_conversations.py [--endpoints endpoints.yml] [--days N]
"""
import argparse
import json
import os
import time

import sqlalchemy
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.utils.endpoints import read_endpoint_config

RETENTION_ENV = "CONVERSATION_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 30.0
TABLE = "events"
COLUMNS = ("sender_id", "timestamp")  # the ones STALE reads
STALE = sqlalchemy.text(
    "DELETE FROM events WHERE sender_id IN "
    "(SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff)")


class StoreMoved(RuntimeError):
    """The conversations are not where the purge deletes them from."""


def check_rasa_stores_conversations_in_the_table() -> None:
    """Rasa's SQL tracker store writes its events to TABLE, with COLUMNS."""
    table = getattr(getattr(SQLTrackerStore, "SQLEvent", None), "__table__", None)
    if table is None or table.name != TABLE or not set(COLUMNS) <= set(table.columns.keys()):
        raise StoreMoved(f"rasa.core.tracker_store.SQLTrackerStore.SQLEvent no longer stores conversations in table "
                         f"{TABLE!r} with columns {', '.join(COLUMNS)}: the purge would delete none of them "
                         "(scripts/purge_conversations.py)")


def check_the_database_has_the_table(engine: sqlalchemy.engine.Engine) -> bool:
    """True when the database holds TABLE with COLUMNS, False when it holds no table at all (Rasa has not
    written to it yet); raises StoreMoved, naming what is missing, otherwise."""
    inspector = sqlalchemy.inspect(engine)
    tables = inspector.get_table_names()
    if not tables:
        return False
    database = engine.url.render_as_string(hide_password=True)
    if TABLE not in tables:
        raise StoreMoved(f"the tracker store {database} has no table {TABLE!r} (it has {', '.join(sorted(tables))}): "
                         "the conversations are not where the purge deletes them from")
    columns = {column["name"] for column in inspector.get_columns(TABLE)}
    missing = [column for column in COLUMNS if column not in columns]
    if missing:
        raise StoreMoved(f"table {TABLE!r} of the tracker store {database} has no column {', '.join(missing)}: "
                         "the purge cannot tell which conversations are idle")
    return True


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
    check_rasa_stores_conversations_in_the_table()
    engine = sqlalchemy.create_engine(url, **create_engine_kwargs(url))  # as Rasa connects: its POSTGRESQL_SCHEMA
    try:
        if not check_the_database_has_the_table(engine):
            return 0
        with engine.begin() as connection:
            return connection.execute(STALE, {"cutoff": cutoff}).rowcount
    finally:
        engine.dispose()


def broker_database_url(endpoints: str):
    """The SQL event broker's database, or None when endpoints.yml names none."""
    config = read_endpoint_config(endpoints, "event_broker")
    if config is None or not (str(config.type).lower() == "sql" or str(config.type).endswith("SQLEventBroker")):
        return None
    kwargs = config.kwargs
    return SQLTrackerStore.get_db_url(kwargs.get("dialect", "sqlite"), config.url, kwargs.get("port"),
                                      kwargs.get("db", "events.db"), kwargs.get("username"), kwargs.get("password"))


def purge_broker_records(url: str, days: float, now: float = None) -> int:
    """Deletes the broker's records of every conversation whose newest record is older than ``days`` (Rasa's
    SQL broker keeps each event's time inside its JSON); returns the records deleted."""
    cutoff = (now if now is not None else time.time()) - days * 86400
    engine = sqlalchemy.create_engine(url)
    try:
        if TABLE not in sqlalchemy.inspect(engine).get_table_names():
            return 0
        with engine.begin() as connection:
            newest: dict = {}
            for sender, data in connection.execute(sqlalchemy.text(f"SELECT sender_id, data FROM {TABLE}")):
                timestamp = (json.loads(data) or {}).get("timestamp") or 0
                newest[sender] = max(newest.get(sender, 0), float(timestamp))
            idle = [sender for sender, timestamp in newest.items() if timestamp < cutoff]
            delete = sqlalchemy.text(f"DELETE FROM {TABLE} WHERE sender_id IN :senders").bindparams(
                sqlalchemy.bindparam("senders", expanding=True))
            return sum(connection.execute(delete, {"senders": idle[i:i + 500]}).rowcount
                       for i in range(0, len(idle), 500))
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--days", type=float, default=float(os.environ.get(RETENTION_ENV) or DEFAULT_RETENTION_DAYS))
    args = parser.parse_args()
    try:
        deleted = purge(database_url(args.endpoints), args.days)
    except StoreMoved as error:
        raise SystemExit(f"purge_conversations.py: nothing purged: {error}")
    print(f"purged {deleted} events of conversations idle for more than {args.days:g} days")
    broker = broker_database_url(args.endpoints)
    if broker is not None:
        records = purge_broker_records(broker, args.days)
        print(f"purged {records} event-broker records of conversations idle for more than {args.days:g} days")


if __name__ == "__main__":
    main()
