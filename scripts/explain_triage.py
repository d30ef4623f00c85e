"""Shows how the assistant reads a message and what the engine makes of it: every mention the
spaCy pipeline found, the facts, the level and the rules that fired. For looking into a case.

usage: python scripts/explain_triage.py "the message" ["another message" ...]
"""
import sys

from triage.reading.message import read_message
from triage.observation import build_observation
from triage import TriageEngine, load_rulebook


def explain(text: str, engine: TriageEngine) -> str:
    reading = read_message(text)
    lines = [f"> {text}"]
    lines += [f"    {m.label:10} {m.id:22} {m.text!r}" + ("  (denied)" if m.negated else "") for m in reading.mentions]
    observation = build_observation(reading)
    if observation is None:
        return "\n".join(lines + ["    no symptom read: the patient is asked, or the intent answers"])
    result = engine.assess(observation)
    lines.append(f"    facts {dict(observation.facts)}")
    lines.append(f"    level {result.level.label}: {', '.join(result.rule_ids)}")
    if result.open_questions:
        lines.append(f"    worth asking: {dict((fact, level.label) for fact, level in result.open_questions.items())}")
    return "\n".join(lines)


def main() -> None:
    engine = TriageEngine(load_rulebook())
    for text in sys.argv[1:] or [line.rstrip("\n") for line in sys.stdin]:
        print(explain(text, engine))


if __name__ == "__main__":
    main()
