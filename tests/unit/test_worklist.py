"""The call-back worklist (clinic/worklist.py) over triage_outcome records."""
from clinic.worklist import as_table, worklist

NOW = 1_800_000_000.0


def outcome(sender, minutes_ago, level, assessed=True):
    return {"event": "triage_outcome", "sender_id": sender, "timestamp": NOW - minutes_ago * 60, "level": level,
            "assessed": assessed, "rules": [f"{level}.rule"], "symptoms": ["fever"], "language": "en",
            "channel": "rest", "clinic_id": None}


RECORDS = [outcome("a", 30, "emergency"), outcome("b", 10, "urgent"), outcome("c", 5, "self_care"),
           outcome("d", 60 * 30, "emergency"), outcome("e", 2, "urgent", assessed=False),
           outcome("f", 20, "see_doctor"), {"event": "user", "sender_id": "a", "timestamp": NOW}]


def test_emergency_urgent_and_unassessed_outcomes_of_the_window_newest_first():
    assert [entry.sender_id for entry in worklist(RECORDS, NOW, hours=24)] == ["e", "b", "a"]


def test_a_conversation_is_listed_once_by_its_newest_outcome_that_needs_a_call_back():
    records = [outcome("a", 50, "emergency"), outcome("a", 5, "urgent"), outcome("a", 1, "self_care")]
    [entry] = worklist(records, NOW, hours=24)
    assert entry.level == "urgent" and entry.time == NOW - 300


def test_the_table_says_when_nothing_needs_a_call_back_and_marks_the_unassessed():
    assert as_table([]) == "No conversation needs a call back."
    table = as_table(worklist(RECORDS, NOW, hours=24))
    assert table.splitlines()[0].split() == ["time", "level", "conversation", "channel", "clinic", "symptoms"]
    assert "urgent, not assessed" in table.splitlines()[1]
