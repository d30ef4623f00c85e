"""The reviewed triage rules, loaded from ``rulebook.yml`` beside this file and checked on load."""
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import yaml

from triage.conditions import FACTS, parse_conditions
from triage.levels import Level

DEFAULT_RULES_PATH = Path(__file__).with_name("rulebook.yml")
# The keys of the file, of a rule, of its source and watch lines, and of a safety net's groups and signs: any other
# key, or a missing one, fails the load with the key named.
TOP_LEVEL_KEYS = ("documents", "symptoms", "headlines", "safety_net_openers", "watch_openers", "safety_nets",
                  "fallback_symptom", "sign_facts", "wound_signs", "rules")
REQUIRED_FIELDS = ("id", "symptom", "level", "advice", "source")
OPTIONAL_FIELDS = ("when", "watch")
SOURCE_KEYS = ("document", "quote")
WATCH_KEYS = ("level", "if", "rules")
SAFETY_NET_KEYS = ("level", "signs")
SIGN_KEYS = ("sign", "rules")


@dataclass(frozen=True)
class Source:
    document: str
    quote: str


@dataclass(frozen=True)
class Watch:
    """A sign to watch for, said as "Contact ... today if <text>" or "Call ... now if <text>" at ``level``:
    the level of the rules that describe it. Said only while none of them has fired: a sign the patient
    has described is a finding, not an "if"."""
    level: Level
    text: str
    rules: Tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    id: str
    symptom: str
    level: Level
    advice: str
    source: Source
    conditions: tuple = ()
    watch: Tuple[Watch, ...] = ()


class RuleBook:
    """All rules, indexed by symptom. ``fallback_symptom`` covers symptoms no rule names."""

    def __init__(self, rules: Iterable[Rule], symptoms: Dict[str, str], fallback_symptom: str,
                 headlines: Optional[Dict[Level, str]] = None, sign_facts: Iterable[str] = (),
                 safety_nets: Optional[Dict[Level, Tuple[Watch, ...]]] = None, wound_signs: Iterable[str] = (),
                 safety_net_openers: Optional[Dict[Level, str]] = None, watch_openers: Optional[Dict[Level, str]] = None):
        self.rules: Tuple[Rule, ...] = tuple(rules)
        self.symptoms = dict(symptoms)
        self.fallback_symptom = fallback_symptom
        # Facts that describe a sign: only a met one lets a skipped answer err upward (engine.py).
        self.sign_facts = frozenset(sign_facts)
        # Symptoms whose worsening the unnamed symptom's trend rules assess (engine.py)
        self.wound_signs = frozenset(wound_signs)
        # level -> what the reply says first at that level ("call your emergency number now")
        self.headlines = dict(headlines or {})
        # level -> what the reply says last: the signs that should make the patient call, and when
        self.safety_nets = dict(safety_nets or {})
        # level -> how a sign to watch for opens: "Contact {clinic} today if you get"
        self.safety_net_openers = dict(safety_net_openers or {})
        self.watch_openers = dict(watch_openers or {})
        self._by_id = {rule.id: rule for rule in self.rules}
        # The rules' own watch lines, said as clauses apart from the safety net's signs (replies.py).
        self.rule_watches = frozenset(watch for rule in self.rules for watch in rule.watch)
        self._check()
        self._check_watches()

    def _check(self) -> None:
        ids = [rule.id for rule in self.rules]
        duplicates = {rule_id for rule_id in ids if ids.count(rule_id) > 1}
        if duplicates:
            raise ValueError(f"duplicate rule ids: {sorted(duplicates)}")
        for rule in self.rules:
            if rule.symptom not in self.symptoms:
                raise ValueError(f"rule {rule.id} names symptom {rule.symptom!r}, which is not declared under 'symptoms'")
        unruled = [symptom for symptom in self.symptoms if not self.rules_for(symptom)]
        if unruled:
            raise ValueError(f"declared symptoms with no rule: {unruled}")
        undeclared = sorted(self.wound_signs - set(self.symptoms))
        if undeclared:
            raise ValueError(f"wound_signs not declared under 'symptoms': {undeclared}")
        unknown_facts = sorted(self.sign_facts - FACTS)
        if unknown_facts:
            raise ValueError(f"sign_facts names unknown facts {unknown_facts}; known: {sorted(FACTS)}")
        if not any(not rule.conditions for rule in self.rules_for(self.fallback_symptom)):
            raise ValueError(f"fallback symptom {self.fallback_symptom!r} needs a rule with no conditions")

    def _check_watches(self) -> None:
        """Each sign to watch for names rules that exist, of the level its opener says."""
        watches = [(f"safety net of {level.label}", watch) for level, net in self.safety_nets.items() for watch in net]
        watches += [(f"rule {rule.id}", watch) for rule in self.rules for watch in rule.watch]
        for where, watch in watches:
            openers = self.safety_net_openers if where.startswith("safety") else self.watch_openers
            if watch.level not in openers:
                raise ValueError(f"{where}: no opener for level {watch.level.label}")
            for rule_id in watch.rules:
                rule = self._by_id.get(rule_id)
                if rule is None:
                    raise ValueError(f"{where}: {watch.text!r} names unknown rule {rule_id!r}")
                if rule.level != watch.level:
                    raise ValueError(f"{where}: {watch.text!r} is said at {watch.level.label}, "
                                     f"but rule {rule_id} is {rule.level.label}")

    def rules_for(self, symptom: str) -> List[Rule]:
        return [rule for rule in self.rules if rule.symptom == symptom]

    def get(self, rule_id: str) -> Optional[Rule]:
        return self._by_id.get(rule_id)


def _check_keys(where: str, raw: Any, required: Sequence[str], optional: Sequence[str] = ()) -> None:
    """``raw`` is a mapping with every required key and no key but these: else an error naming the keys."""
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: expected a mapping of keys, got {raw!r}")
    problems = [f"unknown key {key!r}" for key in raw if key not in required and key not in optional]
    problems += [f"missing key {key!r}" for key in required if key not in raw]
    if problems:
        expected = ", ".join(required) + (f" (optional: {', '.join(optional)})" if optional else "")
        raise ValueError(f"{where}: {'; '.join(problems)}; expected {expected}")


def _parse_rule(raw: dict, number: int, documents: Dict[str, str]) -> Rule:
    name = raw.get("id") if isinstance(raw, dict) else None
    where = f"rule {name or f'number {number}'}"
    _check_keys(where, raw, REQUIRED_FIELDS, OPTIONAL_FIELDS)
    missing = [name for name in REQUIRED_FIELDS if not raw[name]]
    if missing:
        raise ValueError(f"{where} lacks {missing}")
    source = raw["source"]
    _check_keys(f"{where}, source", source, SOURCE_KEYS)
    if not (source["document"] and source["quote"]):
        raise ValueError(f"{where}: source needs a document and a quote")
    if source["document"] not in documents:
        raise ValueError(f"{where}: source names document {source['document']!r}, which is not declared under "
                         f"'documents'")
    for watch in raw.get("watch") or ():
        _check_keys(f"{where}, watch", watch, WATCH_KEYS)
    try:
        conditions = parse_conditions(raw.get("when"))
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None
    return Rule(
        id=raw["id"],
        symptom=raw["symptom"],
        level=Level.from_label(raw["level"]),
        advice=" ".join(raw["advice"].split()),
        source=Source(document=source["document"], quote=" ".join(source["quote"].split())),
        conditions=conditions,
        watch=tuple(_parse_watch(watch, "if") for watch in raw.get("watch") or ()),
    )


def _parse_watch(raw: dict, text_key: str) -> Watch:
    return Watch(level=Level.from_label(raw["level"]), text=" ".join(str(raw[text_key]).split()),
                 rules=tuple(raw["rules"]))


def _parse_safety_nets(nets: dict) -> Dict[Level, Tuple[Watch, ...]]:
    """level -> its signs to watch for: each group's signs at the group's level."""
    for label, groups in nets.items():
        for group in groups:
            _check_keys(f"safety net of {label}", group, SAFETY_NET_KEYS)
            for sign in group["signs"]:
                _check_keys(f"safety net of {label}, sign", sign, SIGN_KEYS)
    return {Level.from_label(label): tuple(_parse_watch({**sign, "level": group["level"]}, "sign")
                                           for group in groups for sign in group["signs"])
            for label, groups in nets.items()}


def _texts_by_level(texts: Optional[Dict[str, str]]) -> Dict[Level, str]:
    return {Level.from_label(label): " ".join(text.split()) for label, text in (texts or {}).items()}


def load_rulebook(path: Path = DEFAULT_RULES_PATH) -> RuleBook:
    """The rules file, checked: an unknown or missing key, a condition on a fact no observation has or with an
    operator that does not exist, fails with the file and what is wrong named."""
    path = Path(path)
    return parse_rulebook(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)


def parse_rulebook(data: Any, file: str = DEFAULT_RULES_PATH.name) -> RuleBook:
    """The rules file's data, checked; an error names ``file``."""
    try:
        return _rulebook(data)
    except ValueError as error:
        raise ValueError(f"{file}: {error}") from None


def _rulebook(data: Any) -> RuleBook:
    _check_keys("top level", data, TOP_LEVEL_KEYS)
    return RuleBook(
        rules=[_parse_rule(raw, number, data["documents"]) for number, raw in enumerate(data["rules"], start=1)],
        symptoms=data["symptoms"],
        fallback_symptom=data["fallback_symptom"],
        headlines=_texts_by_level(data["headlines"]),
        safety_nets=_parse_safety_nets(data["safety_nets"] or {}),
        safety_net_openers=_texts_by_level(data["safety_net_openers"]),
        watch_openers=_texts_by_level(data["watch_openers"]),
        sign_facts=data["sign_facts"] or (),
        wound_signs=data["wound_signs"] or (),
    )
