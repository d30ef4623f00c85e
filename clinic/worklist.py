"""The call-back worklist for clinic staff (issue 21): the conversations whose latest outcome of the last
hours was an emergency, urgent, or could not be assessed, newest first, read from the triage_outcome
records on the event broker (channels/triage_events.py), each with its transcript from the tracker store.
Pure Python over the records; scripts/worklist.py reads the databases endpoints.yml names."""
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, List, Optional, Sequence, Tuple

import sqlalchemy

CALL_BACK_LEVELS = ("emergency", "urgent")
LEVEL_ORDER = ("self_care", "see_doctor", "urgent", "emergency")


@dataclass(frozen=True)
class Entry:
    sender_id: str
    time: float
    level: str
    assessed: bool
    rules: Tuple[str, ...]
    symptoms: Tuple[str, ...]
    channel: Optional[str]
    clinic_id: Optional[str]
    language: str

    @property
    def reason(self) -> str:
        return self.level if self.assessed else f"{self.level}, not assessed"


def needs_a_call_back(record: dict) -> bool:
    return record.get("level") in CALL_BACK_LEVELS or record.get("assessed") is False


def worklist(records: Iterable[dict], now: float, hours: float) -> List[Entry]:
    """One entry per conversation: its newest outcome of the last ``hours`` that needs a call back."""
    since = now - hours * 3600
    newest = {}
    for record in records:
        if record.get("event") != "triage_outcome" or not needs_a_call_back(record):
            continue
        if float(record.get("timestamp") or 0) < since:
            continue
        sender = str(record.get("sender_id"))
        if sender not in newest or record["timestamp"] >= newest[sender]["timestamp"]:
            newest[sender] = record
    entries = [Entry(sender, float(r["timestamp"]), str(r.get("level")), r.get("assessed") is not False,
                     tuple(r.get("rules") or ()), tuple(r.get("symptoms") or ()), r.get("channel"), r.get("clinic_id"),
                     str(r.get("language") or "en")) for sender, r in newest.items()]
    return sorted(entries, key=lambda entry: entry.time, reverse=True)


def broker_records(url: str) -> List[dict]:
    """The triage_outcome records on the event broker's SQL database, oldest first."""
    return all_broker_records(url, only_outcomes=True)


def all_broker_records(url: str, only_outcomes: bool = False) -> List[dict]:
    engine = sqlalchemy.create_engine(url)
    try:
        if "events" not in sqlalchemy.inspect(engine).get_table_names():
            return []
        where = " WHERE data LIKE '%triage_outcome%'" if only_outcomes else ""
        with engine.connect() as connection:
            return [json.loads(data) for (data,) in connection.execute(
                sqlalchemy.text(f"SELECT data FROM events{where} ORDER BY id"))]
    finally:
        engine.dispose()


def transcript(tracker_store_url: str, sender_id: str) -> List[Tuple[str, str]]:
    """("patient" or "assistant", text) of a conversation, oldest first, from Rasa's SQL tracker store."""
    engine = sqlalchemy.create_engine(tracker_store_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sqlalchemy.text(
                "SELECT type_name, data FROM events WHERE sender_id = :sender AND type_name IN ('user', 'bot') "
                "ORDER BY id"), {"sender": sender_id})
            lines = [("patient" if kind == "user" else "assistant", json.loads(data).get("text")) for kind, data in rows]
        return [(who, text) for who, text in lines if text]
    finally:
        engine.dispose()


def when(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def as_table(entries: Sequence[Entry]) -> str:
    """The worklist as a plain-text table for the terminal."""
    if not entries:
        return "No conversation needs a call back."
    header = ("time", "level", "conversation", "channel", "clinic", "symptoms")
    rows = [header] + [(when(e.time), e.reason, e.sender_id, e.channel or "", e.clinic_id or "",
                        ", ".join(e.symptoms)) for e in entries]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows)
