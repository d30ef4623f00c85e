"""The purge (scripts/purge_conversations.py), run as `make run` and cron run it, on a real SQL tracker store
(SQLite, the project's domain): what it reports deleted is what the store no longer holds, and a store
whose conversations are not where it deletes from stops it loudly (issue 19). No server is started."""
import asyncio
import re
import sqlite3
import subprocess
import sys
import time

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from tests.integration.servers import REPO

DAY = 86400.0


def conversation(sender, domain, first, last):
    """A conversation whose first event is at `first` and whose last is at `last`."""
    tracker = DialogueStateTracker(sender, domain.slots)
    for event in (ActionExecuted("action_session_start", timestamp=first), SessionStarted(timestamp=first),
                  ActionExecuted("action_listen", timestamp=first),
                  UserUttered("there is a blister", {"name": "report_blistering", "confidence": 0.97},
                              timestamp=first + 1),
                  SlotSet("followup_trend", "worse", timestamp=first + 2),
                  ActionExecuted("action_triage", timestamp=first + 3), BotUttered("Thank you.", timestamp=first + 4),
                  UserUttered("it is worse today", {"name": "inform", "confidence": 0.95}, timestamp=last)):
        tracker.update(event)
    return tracker


def run_purge(endpoints, days):
    command = [sys.executable, str(REPO / "scripts" / "purge_conversations.py"), "--endpoints", str(endpoints),
               "--days", str(days)]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True)


def endpoints_for(tmp_path, database):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{database}"\n')
    return endpoints


def reported_events(result):
    assert result.returncode == 0, result.stderr
    found = re.match(r"purged (\d+) events of conversations idle for more than 30 days", result.stdout)
    assert found, result.stdout
    return int(found.group(1))


@pytest.fixture
def store(tmp_path):
    store = SQLTrackerStore(Domain.load(str(REPO / "domain.yml")), dialect="sqlite",
                            db=str(tmp_path / "conversations.db"))
    yield store
    store.engine.dispose()


def stored(store):
    async def read():
        return {sender: [event.as_dict() for event in (await store.retrieve_full_tracker(sender)).events]
                for sender in await store.keys()}
    return asyncio.run(read())


def test_the_purge_deletes_exactly_the_idle_conversations_whole(tmp_path, store):
    now = time.time()
    spans = {"idle-40-days": (now - 45 * DAY, now - 40 * DAY), "idle-31-days": (now - 31 * DAY, now - 31 * DAY),
             "written-today": (now - 60, now - 30),
             "begun-60-days-ago-written-yesterday": (now - 60 * DAY, now - 1 * DAY)}  # kept whole, old start too
    for sender, (first, last) in spans.items():
        asyncio.run(store.save(conversation(sender, store.domain, first, last)))
    before = stored(store)
    idle = {"idle-40-days", "idle-31-days"}
    assert set(before) == set(spans) and all(before.values())

    deleted = reported_events(run_purge(endpoints_for(tmp_path, tmp_path / "conversations.db"), 30))

    after = stored(store)
    assert set(after) == set(spans) - idle  # the idle conversations are gone
    assert after == {sender: before[sender] for sender in after}  # the others intact, every event
    assert deleted == sum(len(before[sender]) for sender in idle)  # what it reported is what went
    with sqlite3.connect(tmp_path / "conversations.db") as db:
        assert db.execute("select count(*) from events").fetchone()[0] == sum(len(events) for events in after.values())
    assert reported_events(run_purge(endpoints_for(tmp_path, tmp_path / "conversations.db"), 30)) == 0


def test_a_store_without_rasas_table_stops_the_purge_loudly_and_deletes_nothing(tmp_path):
    database = tmp_path / "renamed.db"
    with sqlite3.connect(database) as db:
        db.execute("create table conversation_events (sender_id text, timestamp real, data text)")
        db.execute("insert into conversation_events values ('patient', 0, '{}')")
    result = run_purge(endpoints_for(tmp_path, database), 30)
    assert result.returncode != 0 and not result.stdout
    assert "nothing purged" in result.stderr and "no table 'events'" in result.stderr, result.stderr
    with sqlite3.connect(database) as db:
        assert db.execute("select count(*) from conversation_events").fetchone()[0] == 1


def test_the_event_broker_s_records_go_with_the_same_rule(tmp_path, store):
    from channels.triage_events import TriageSQLEventBroker

    now = time.time()
    broker = TriageSQLEventBroker(db=str(tmp_path / "events.db"))
    for sender, times in {"idle": (now - 45 * DAY, now - 40 * DAY), "recent": (now - 40 * DAY, now - 60)}.items():
        for timestamp in times:
            broker.publish({"event": "bot", "sender_id": sender, "timestamp": timestamp, "text": "Thank you.",
                            "data": {"custom": {"triage": {"level": "self_care", "rules": ["r"], "symptoms": []}}}})
    broker.engine.dispose()
    endpoints = endpoints_for(tmp_path, tmp_path / "conversations.db")
    endpoints.write_text(endpoints.read_text() + "event_broker:\n  type: channels.triage_events.TriageSQLEventBroker\n"
                         f'  dialect: "sqlite"\n  db: "{tmp_path / "events.db"}"\n')
    result = run_purge(endpoints, 30)
    assert result.returncode == 0, result.stderr
    assert "purged 4 event-broker records" in result.stdout  # the idle one's bot event and outcome, twice
    with sqlite3.connect(tmp_path / "events.db") as db:
        assert {row[0] for row in db.execute("select sender_id from events")} == {"recent"}
        assert db.execute("select count(*) from events").fetchone()[0] == 4
