"""Writes docs/rules.md, the clinicians' rule book: one row per rule of triage/rulebook.yml.

usage: python scripts/write_rule_book.py [--check]
  --check  fail (exit 1) if docs/rules.md is not what the rules file gives, instead of writing it
"""
import sys
from pathlib import Path

from triage import Rule, load_rulebook

ROOT = Path(__file__).resolve().parent.parent
RULE_BOOK = ROOT / "docs" / "rules.md"


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def condition_text(rule: Rule) -> str:
    if not rule.conditions:
        return "always"
    return "; ".join(f"{c.fact} {c.operator.replace('_', ' ')} {c.operand}" for c in rule.conditions)


def render() -> str:
    rulebook = load_rulebook()
    lines = [
        "# Triage rule book",
        "",
        "Generated from `triage/rulebook.yml` by `make rule-book`; do not edit by hand.",
        "Levels: `self_care` < `see_doctor` < `urgent` < `emergency`; with several findings the most urgent wins.",
        "",
        "| id | symptom | condition | level | advice | watch for | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for rule in rulebook.rules:
        source = f"{rule.source.document}: \"{rule.source.quote}\""
        watch = "; ".join(f"{w.level.label} if {w.text} ({', '.join(w.rules)})" for w in rule.watch)
        lines.append("| " + " | ".join(cell(x) for x in (
            rule.id, rule.symptom, condition_text(rule), rule.level.label, rule.advice, watch, source)) + " |")
    lines += ["", "## Safety nets", "",
              "Said after the advice below `emergency`; a sign whose rules have fired is not said.", "",
              "| reply level | said at | sign | rules |", "|---|---|---|---|"]
    for level, net in rulebook.safety_nets.items():
        lines += [f"| {level.label} | {w.level.label} | {cell(w.text)} | {', '.join(w.rules)} |" for w in net]
    return "\n".join(lines) + "\n"


def main() -> None:
    expected = render()
    if "--check" in sys.argv[1:]:
        if not RULE_BOOK.exists() or RULE_BOOK.read_text(encoding="utf-8") != expected:
            sys.exit("docs/rules.md is out of date with triage/rulebook.yml: run `make rule-book`")
        print("docs/rules.md is up to date")
        return
    RULE_BOOK.write_text(expected, encoding="utf-8")
    print(f"wrote {RULE_BOOK.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
