"""The clinic report (issue 21): one self-contained HTML file of PNG plots, each with its numbers in a table
beside it, from the records on the event broker (channels/triage_events.py): outcomes per level per day, the
most frequent symptoms and rules, the channels, the share not assessed and why, conversations per hour of
day, the questions asked and answered, and the median number of turns to a first outcome."""
import base64
import html
import io
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Dict, Iterable, List, Sequence, Tuple

LEVELS = ("self_care", "see_doctor", "urgent", "emergency")
LEVEL_COLOURS = {"self_care": "#4c9a2a", "see_doctor": "#e0a800", "urgent": "#e06c00", "emergency": "#c62828"}
TOP = 10

Rows = List[Tuple[str, ...]]


@dataclass(frozen=True)
class Figures:
    outcomes_per_day: Dict[str, Counter]
    symptoms: Counter
    rules: Counter
    channels: Counter
    unassessed_why: Counter
    outcomes: int
    conversations_per_hour: Counter
    questions_asked: int
    questions_answered: int
    turns_to_first_outcome: List[int]

    @property
    def median_turns(self) -> float:
        return statistics.median(self.turns_to_first_outcome) if self.turns_to_first_outcome else 0.0


def day(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%d")


def figures(records: Iterable[dict]) -> Figures:
    per_day: Dict[str, Counter] = defaultdict(Counter)
    symptoms, rules, channels, why, per_hour = Counter(), Counter(), Counter(), Counter(), Counter()
    outcomes = asked = answered = 0
    turns: Dict[str, int] = Counter()
    first_outcome_turns: Dict[str, int] = {}
    waiting_for_answer = set()
    started = set()
    for record in sorted(records, key=lambda r: float(r.get("timestamp") or 0)):
        sender, kind, timestamp = str(record.get("sender_id")), record.get("event"), float(record.get("timestamp") or 0)
        if kind == "user":
            turns[sender] += 1
            if sender not in started:
                started.add(sender)
                per_hour[datetime.fromtimestamp(timestamp, timezone.utc).hour] += 1
            if sender in waiting_for_answer:
                answered += 1
                waiting_for_answer.discard(sender)
        elif kind == "bot" and (record.get("data") or {}).get("buttons"):
            asked += 1
            waiting_for_answer.add(sender)
        elif kind == "triage_outcome":
            outcomes += 1
            per_day[day(timestamp)][record.get("level")] += 1
            symptoms.update(record.get("symptoms") or [])
            rules.update(record.get("rules") or [])
            channels[record.get("channel") or "unknown"] += 1
            if record.get("assessed") is False:
                why.update(record.get("rules") or ["unknown"])
            first_outcome_turns.setdefault(sender, turns[sender])
    return Figures(dict(per_day), symptoms, rules, channels, why, outcomes, per_hour, asked, answered,
                   list(first_outcome_turns.values()))


def png(draw) -> str:
    """A matplotlib figure drawn by ``draw(axes)``, as a data: URL."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(6, 3.2), dpi=100)
    draw(axes)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    pyplot.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def bars(counts: Sequence[Tuple[str, int]], colour: str = "#3b6ea5"):
    def draw(axes):
        labels = [label for label, _ in counts][::-1]
        axes.barh(labels, [value for _, value in counts][::-1], color=colour)
        axes.tick_params(axis="y", labelsize=8)
    return draw


def stacked_levels(per_day: Dict[str, Counter]):
    def draw(axes):
        days = sorted(per_day)
        bottom = [0] * len(days)
        for level in LEVELS:
            values = [per_day[d][level] for d in days]
            axes.bar(days, values, bottom=bottom, label=level, color=LEVEL_COLOURS[level])
            bottom = [b + v for b, v in zip(bottom, values)]
        axes.legend(fontsize=7)
        axes.tick_params(axis="x", labelrotation=45, labelsize=7)
    return draw


def section(title: str, image: str, header: Tuple[str, ...], rows: Rows) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    heads = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    return (f'<section><h2>{html.escape(title)}</h2><div class="pair"><img alt="{html.escape(title)}" src="{image}">'
            f"<table><thead><tr>{heads}</tr></thead><tbody>{cells}</tbody></table></div></section>")


def report_html(records: Iterable[dict], title: str = "Triage assistant: clinic report") -> str:
    f = figures(records)
    days = sorted(f.outcomes_per_day)
    level_rows = [(d, *(str(f.outcomes_per_day[d][level]) for level in LEVELS)) for d in days]
    unassessed = sum(f.unassessed_why.values())
    share = f"{unassessed / f.outcomes:.0%}" if f.outcomes else "0%"
    hours = [(f"{h:02d}", f.conversations_per_hour[h]) for h in range(24)]
    asked_rows = [("questions asked", str(f.questions_asked)), ("answered", str(f.questions_answered)),
                  ("median turns to a first outcome", f"{f.median_turns:g}")]
    sections = [
        section("Outcomes per level per day", png(stacked_levels(f.outcomes_per_day)), ("day", *LEVELS), level_rows),
        section("Most frequent symptoms", png(bars(f.symptoms.most_common(TOP))), ("symptom", "outcomes"),
                [(s, str(n)) for s, n in f.symptoms.most_common(TOP)]),
        section("Most frequent rules", png(bars(f.rules.most_common(TOP))), ("rule", "outcomes"),
                [(r, str(n)) for r, n in f.rules.most_common(TOP)]),
        section("Channels", png(bars(f.channels.most_common())), ("channel", "outcomes"),
                [(c, str(n)) for c, n in f.channels.most_common()]),
        section(f"Not assessed: {unassessed} of {f.outcomes} outcomes ({share}), and why",
                png(bars(f.unassessed_why.most_common(), "#8e24aa")), ("reason", "outcomes"),
                [(r, str(n)) for r, n in f.unassessed_why.most_common()]),
        section("Conversations per hour of day (UTC)", png(bars(hours[::-1])), ("hour", "conversations"),
                [(h, str(n)) for h, n in hours if n]),
        section("Questions asked and answered; turns to an outcome",
                png(bars([("asked", f.questions_asked), ("answered", f.questions_answered)])), ("", ""), asked_rows),
    ]
    style = ("body{font-family:sans-serif;margin:2em;max-width:70em}.pair{display:flex;gap:2em;align-items:flex-start;"
             "flex-wrap:wrap}img{max-width:100%}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
             "padding:2px 8px;text-align:left}")
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{html.escape(title)}</title>"
            f"<style>{style}</style></head><body><h1>{html.escape(title)}</h1>"
            f"<p>{f.outcomes} outcomes in {len(f.turns_to_first_outcome)} conversations.</p>"
            + "".join(sections) + "</body></html>")
