"""Shows how the assistant reads a message and what the engine makes of it: every mention the
spaCy pipeline found, the facts, the level and the rules that fired. For looking into a case.

usage: python scripts/explain_triage.py [--story] "the message" ["another message" ...]
  --story  tell the messages to one story, in order, as a conversation would (triage/story.py)
"""
import sys

from triage.reading.message import read_message
from triage.story import Story
from triage.turn import Assistant
from triage import TriageEngine, load_rulebook


def explain(text: str, story: Story, assistant: Assistant) -> Story:
    reading = read_message(text)
    print(f"> {text}")
    for m in reading.mentions:
        print(f"    {m.label:10} {m.id:22} {m.text!r}" + ("  (denied)" if m.negated else ""))
    told = story.tell(reading)
    changes = {"resolved": told.resolved, "corrected": told.corrected, "new story": told.new_story}
    print("    " + ", ".join(f"{name}: {value}" for name, value in changes.items() if value) if any(changes.values())
          else "", end="" if not any(changes.values()) else "\n")
    result = assistant.assess(told.story)
    if result is None:
        print("    nothing to assess: the patient is asked, or the intent answers")
        return told.story
    print(f"    story {list(told.story.symptoms)} facts {dict(told.story.facts)}")
    print(f"    level {result.level.label}: {', '.join(result.rule_ids)}")
    if result.open_questions:
        print(f"    worth asking: {dict((fact, level.label) for fact, level in result.open_questions.items())}")
    return told.story


def main() -> None:
    rulebook = load_rulebook()
    assistant = Assistant(TriageEngine(rulebook), rulebook)
    as_story = "--story" in sys.argv[1:]
    messages = [arg for arg in sys.argv[1:] if arg != "--story"] or [line.rstrip("\n") for line in sys.stdin]
    story = Story()
    for text in messages:
        told = explain(text, story, assistant)
        story = told if as_story else Story()


if __name__ == "__main__":
    main()
