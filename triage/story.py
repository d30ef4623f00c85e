"""The facts so far: one story, told over several messages. Imports nothing from Rasa.

Each message is read alone (triage/reading/message.py); its reading is then told to the story, which
keeps what stays true: the signs present and those denied, when the spot was frozen, where it is, how
it goes, risk factors and medicines, who is ill and their age, the questions asked and skipped, and the
findings the patient has already been given. The turn (triage/turn.py) assesses the story, not the
message, so "the spot won't stop bleeding", "I'm on rivaroxaban" and "I feel faint" meet.

What takes a sign back is narrow, since a warning sign dropped is the worst error: a sign the reading
says is over ("the bleeding has stopped"), which still counts for the rules on signs together ("the
bleeding stopped but I feel faint"); a correction that names what it replaces ("actually it's clear, not
yellow"); "no, that was last year" of what the last message added. Emergency signs are never taken back.
Another spot starts a new story that keeps what is true of the person (their risk factors and their
signs of the whole body); another person starts afresh.
"""
from dataclasses import dataclass, field, replace
from typing import Any, Dict, FrozenSet, Iterable, Mapping, Optional, Tuple

from triage.engine import Observation
from triage.reading.message import MessageReading

# The engine's symptom for a worsening when no symptom is named ("it was better but now it's worse").
UNNAMED_SYMPTOM = "other"
# Told when the patient says all is well and names no sign (triage/turn.py); what they tell next replaces it.
HEALING_WELL = "healing_well"
# Facts that hold a list: what the patient names adds up, a correction included.
LIST_FACTS = ("body_sites", "severity", "risk_factors")
# What stays true of the person when they turn to another spot: their risk factors, who they are, and the
# signs of the whole body, not of a spot.
PERSON_FACTS = ("risk_factors", "person", "age_years")
BODY_SIGNS = frozenset({"fever", "fainting", "hives", "racing_heart", "not_drinking", "warning_sign_unnamed"})
# Signs that "it's stopped" may tell the end of: the story's bleeding, only when it is the only one of them.
STOPPABLE = frozenset({"bleeding", "oozing", "pain", "numbness_irritation", "fainting", "racing_heart", "fever",
                       "infected_discharge", "hives", "redness_swelling", "spreading_redness", "inflamed_skin"})
# A correction of these facts replaces them, and the findings that rested on them are given anew.
CORRECTABLE_FACTS = ("days_since_treatment", "trend", "fluid")

# Said with the first outcome of a new session when the session before it had a story: Rasa ends a session
# after an hour's silence (domain.yml) and forgets its slots (channels/rasa_patches.py notes the pause).
AFTER_A_PAUSE = ("It has been a while since your last message, so I'm starting afresh: please tell me again "
                 "anything from before that still matters.")


@dataclass(frozen=True)
class Story:
    symptoms: Tuple[str, ...] = ()
    denied: Tuple[str, ...] = ()
    facts: Mapping[str, Any] = field(default_factory=dict)
    # Questions asked in this story, and those the patient could not answer (triage/followup.py).
    asked: Tuple[str, ...] = ()
    skipped: FrozenSet[str] = frozenset()
    # The findings given so far, as (symptom, rule id): they stand until resolved or corrected.
    given: Tuple[Tuple[str, str], ...] = ()
    # What the latest message added: "no, that was last year" takes it back.
    latest: Tuple[str, ...] = ()
    # Emergency signs told: no correction or resolution takes one back (a sign that may be present counts).
    emergencies: Tuple[str, ...] = ()
    # What changed since the last outcome, to be said with the next one ("you say the bleeding is over").
    changed: str = ""
    # How many of the questions asked came before the last outcome: each outcome has its own budget.
    asked_before: int = 0
    # The patient was asked whether an emergency sign is happening now, and the answer is awaited.
    checking_emergency: bool = False
    # The patient was asked it once in this story: the learned screen does not ask again (triage/turn.py).
    emergency_checked: bool = False
    # Signs said to be over: no longer assessed, but still counted with the others ("bleeding, then faint").
    earlier: Tuple[str, ...] = ()
    # Answers to "what do you notice?" with nothing to read: the first is asked again (triage/turn.py).
    unread_answers: int = 0
    # The patient was given an outcome in this story: a later message's outcome comes before its questions.
    advised: bool = False
    # The signs a message said were over, kept through messages that name no sign: "actually it's not" brings them back.
    just_over: Tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.symptoms and not self.facts

    def observation(self) -> Optional[Observation]:
        """The engine's input, or None when nothing is told that could be assessed yet. A worsening with
        no symptom named is assessed as the unnamed symptom."""
        symptoms = self.symptoms or ((UNNAMED_SYMPTOM,) if self.facts.get("trend") == "worsening" else ())
        if not symptoms:
            return None
        return Observation(symptoms=symptoms, facts=dict(self.facts), skipped=self.skipped, earlier=self.earlier)

    def tell(self, reading: MessageReading) -> "Told":
        """The story with the message told, and what the message changed."""
        if reading.starts_new_story and not self.is_empty:
            return self.another(reading)
        retracted = self.emergencies_taken_back_by(reading)
        keep = set(self.emergencies) - set(retracted)
        resolved = tuple(s for s in self.symptoms if s in (set(reading.over_symptoms) | self.stopped_by(reading)) - keep)
        back = self.back_after(reading)
        corrected = tuple(s for s in self.symptoms if s in (self.taken_back_by(reading) | set(retracted)) - keep
                          and s not in resolved)
        gone = set(resolved) | set(corrected)
        if reading.symptoms or reading.facts.get("trend") or reading.facts.get("risk_factors") or back:  # told anew
            gone.add(HEALING_WELL)
        new = tuple(s for s in reading.symptoms + back if s not in self.symptoms)
        symptoms = tuple(s for s in self.symptoms if s not in gone) + new
        denied = tuple(dict.fromkeys(
            [s for s in self.denied if s not in reading.symptoms] + [s for s in reading.negated_symptoms
                                                                      if s not in symptoms]))
        facts = merged_facts(self.facts, reading.facts, reading.corrects)
        facts_corrected = reading.corrects and any(self.facts.get(name) not in (None, reading.facts[name])
                                                    for name in CORRECTABLE_FACTS if name in reading.facts)
        given = () if facts_corrected else tuple((s, rule) for s, rule in self.given if s not in gone)
        story = replace(self, symptoms=symptoms, denied=denied, facts=facts, given=given, latest=new,
                        emergencies=tuple(dict.fromkeys(sign for sign in self.emergencies + reading.emergency_signs
                                                        if sign not in retracted)),
                        earlier=tuple(s for s in dict.fromkeys(self.earlier + resolved) if s not in back),
                        just_over=resolved or (() if back or reading.symptoms else self.just_over),
                        unread_answers=0 if new else self.unread_answers)  # a symptom read: asked afresh later
        gives_facts = facts != dict(self.facts)
        adds = bool(new or gone or gives_facts or set(denied) - set(self.denied))
        return Told(story, adds=adds, gives_facts=gives_facts, resolved=resolved,
                    corrected=corrected or (("facts",) if facts_corrected else ()), retracted=retracted)

    def back_after(self, reading: MessageReading) -> Tuple[str, ...]:
        """"it's stopped", then "actually it's not": a correction that names no sign and denies, after a message that
        said signs were over (and any that named none), brings them back (round 15's safety review)."""
        denies = any(m.label == "ANSWER" and m.id == "no" for m in reading.mentions)
        if not (self.just_over and reading.corrects and denies and not reading.symptoms):
            return ()
        return self.just_over

    def stopped_by(self, reading: MessageReading) -> FrozenSet[str]:
        """The story's bleeding, when this message says "it's stopped" and names no other sign, nor the bleeding in its
        own word ("it stopped after i pressed on it for 10 min" names it only in its pressing), and the bleeding is the only
        sign of the story that stops: not on a blood thinner (the reference's bleeding row for them is told by a
        doctor), nor one told as heavy or an emergency."""
        if not reading.says_it_stopped or set(reading.symptoms) - {"bleeding"} or reading.emergency_signs \
                or reading.names_a_bleeding or reading.facts.get("trend") == "worsening":
            return frozenset()
        stoppable = set(self.symptoms) & STOPPABLE
        risks = set(self.facts.get("risk_factors") or ()) | set(reading.facts.get("risk_factors") or ())
        severity = set(self.facts.get("severity") or ()) | set(reading.facts.get("severity") or ())
        if stoppable != {"bleeding"} or "blood_thinner" in risks or severity & {"heavy", "not_stopping"}:
            return frozenset()
        return frozenset({"bleeding"})

    def emergencies_taken_back_by(self, reading: MessageReading) -> Tuple[str, ...]:
        """An emergency sign told in the last message, which this one plainly denies and names no other: "my chest
        is sore", then "I mean the skin on my chest, no pain inside my chest". Not a denial that tells of a change
        in time ("no chest pain now": a sign that went may come back, and still counts), nor one told earlier."""
        if reading.emergency_signs or reading.tells_a_change:
            return ()
        if reading.retyped_signs:  # "my son is really floppy", then "SLOPPY sorry autocorrect"
            return tuple(sign for sign in self.emergencies if sign in self.latest and sign in reading.retyped_signs)
        return tuple(sign for sign in self.emergencies if sign in self.latest and sign in reading.denied_emergency_signs)

    def taken_back_by(self, reading: MessageReading) -> set:
        """What a correction takes back: a sign the last message added whose word this one retypes, blaming the
        keyboard ("SLOPPY sorry autocorrect"), unless it names it again; pus when the fluid is said to be clear and
        pus or yellow is denied in the same breath ("actually it's clear, not yellow"); and what the last message
        added when this one puts it in the past and names nothing now ("no sorry, that was last year")."""
        taken_back = set(self.latest) & set(reading.retyped_signs) - set(reading.symptoms)
        if not reading.corrects:
            return taken_back
        if reading.fluid == "clear" and "infected_discharge" in reading.negated_symptoms:
            taken_back.add("infected_discharge")
        if reading.tells_the_past and not reading.symptoms:
            taken_back |= set(self.latest)
        return taken_back

    def another(self, reading: MessageReading) -> "Told":
        """Another spot or person: a new story. Another spot of the same person keeps what is true of the
        person: their risk factors, and their emergency signs and signs of the whole body."""
        fresh = Story().tell(replace(reading, starts_new_story=None))
        if reading.starts_new_story != "spot":
            return replace(fresh, new_story=reading.starts_new_story)
        body = tuple(s for s in self.symptoms if s in BODY_SIGNS or s in self.emergencies)
        story = replace(fresh.story, symptoms=tuple(dict.fromkeys(body + fresh.story.symptoms)),
                        facts=merged_facts({name: self.facts[name] for name in PERSON_FACTS if name in self.facts},
                                           fresh.story.facts),
                        emergencies=tuple(dict.fromkeys(self.emergencies + fresh.story.emergencies)),
                        given=tuple((s, rule) for s, rule in self.given if s in body))
        return replace(fresh, story=story, new_story="spot")

    def asking(self, question: str) -> "Story":
        return replace(self, asked=self.asked + (question,))

    def skipping(self, question: str) -> "Story":
        return replace(self, skipped=self.skipped | {question})

    def with_fact(self, name: str, value: Any) -> "Story":
        return replace(self, facts={**self.facts, name: value})

    def with_sign(self, symptom: str) -> "Story":
        return replace(self, symptoms=tuple(dict.fromkeys(self.symptoms + (symptom,))))

    def denying(self, symptoms: Iterable[str]) -> "Story":
        return replace(self, denied=tuple(dict.fromkeys(self.denied + tuple(s for s in symptoms
                                                                                 if s not in self.symptoms))))

    def giving(self, findings: Iterable[Tuple[str, str]]) -> "Story":
        """The story once the patient was given an outcome with these findings (and told what changed)."""
        return replace(self, given=tuple(dict.fromkeys(self.given + tuple(findings))), changed="",
                       asked_before=len(self.asked), advised=True)

    def checking(self, awaited: bool) -> "Story":
        return replace(self, checking_emergency=awaited, emergency_checked=self.emergency_checked or awaited)

    def with_emergency(self, symptom: str) -> "Story":
        """A sign of an emergency the patient confirmed: it stands, like every emergency sign."""
        return replace(self, symptoms=tuple(dict.fromkeys(self.symptoms + (symptom,))),
                       emergencies=tuple(dict.fromkeys(self.emergencies + (symptom,))), checking_emergency=False)

    def noting(self, change: Optional[str]) -> "Story":
        """The story with what changed kept for the next outcome, when questions come first."""
        return replace(self, changed=change or self.changed)

    def to_slot(self) -> Dict[str, Any]:
        return {"symptoms": list(self.symptoms), "denied": list(self.denied), "facts": dict(self.facts),
                "asked": list(self.asked), "skipped": sorted(self.skipped),
                "given": [list(finding) for finding in self.given], "latest": list(self.latest),
                "emergencies": list(self.emergencies), "changed": self.changed, "asked_before": self.asked_before,
                "checking_emergency": self.checking_emergency, "emergency_checked": self.emergency_checked,
                "earlier": list(self.earlier), "unread_answers": self.unread_answers, "advised": self.advised,
                "just_over": list(self.just_over)}

    @classmethod
    def after_a_pause(cls, previous_slot: Optional[Mapping[str, Any]]) -> Optional["Story"]:
        """The story a new session starts with, when the one before it had a story: empty, with the pause to say."""
        return None if cls.from_slot(previous_slot).is_empty else cls(changed=AFTER_A_PAUSE)

    @classmethod
    def from_slot(cls, value: Optional[Mapping[str, Any]]) -> "Story":
        value = value or {}
        return cls(symptoms=tuple(value.get("symptoms") or ()), denied=tuple(value.get("denied") or ()),
                   facts=dict(value.get("facts") or {}), asked=tuple(value.get("asked") or ()),
                   skipped=frozenset(value.get("skipped") or ()),
                   given=tuple(tuple(finding) for finding in value.get("given") or ()),
                   latest=tuple(value.get("latest") or ()), emergencies=tuple(value.get("emergencies") or ()),
                   changed=value.get("changed") or "", asked_before=int(value.get("asked_before") or 0),
                   checking_emergency=bool(value.get("checking_emergency")),
                   emergency_checked=bool(value.get("emergency_checked")),
                   earlier=tuple(value.get("earlier") or ()), unread_answers=int(value.get("unread_answers") or 0),
                   advised=bool(value.get("advised")), just_over=tuple(value.get("just_over") or ()))


@dataclass(frozen=True)
class Told:
    """A message told to the story: the story now, and what the message changed."""

    story: Story
    adds: bool = False  # the message added, took back or corrected something
    gives_facts: bool = False  # it told a fact: a date, a site, a risk factor, who is ill
    resolved: Tuple[str, ...] = ()  # signs it says are over
    corrected: Tuple[str, ...] = ()  # signs it corrects ("facts" for a corrected date or trend)
    retracted: Tuple[str, ...] = ()  # emergency signs it corrects: the reply says so, with the number to call
    new_story: Optional[str] = None  # "spot" or "person": the story started afresh


def merged_facts(earlier: Mapping[str, Any], new: Mapping[str, Any], corrects: bool = False) -> Dict[str, Any]:
    """The facts so far with a message's. Lists add up ("sorry, also I'm on warfarin" keeps the diabetes).
    A correction replaces the date, the trend and the fluid; otherwise the longest time since the treatment wins (it
    came before anything told since), and pus and a worsening once told stay (a warning sign that may be
    present errs upward). The latest person and age stand. A denial of every risk factor ([]) does not
    undo one named."""
    facts = {**earlier, **new}
    for name in LIST_FACTS:
        if earlier.get(name) and name in new:
            facts[name] = list(dict.fromkeys(list(new[name]) + list(earlier[name])))
    if corrects:
        return facts
    if "days_since_treatment" in earlier and "days_since_treatment" in new:
        facts["days_since_treatment"] = max(earlier["days_since_treatment"], new["days_since_treatment"])
    if earlier.get("fluid") == "infected":  # pus seen stays seen, unless corrected
        facts["fluid"] = "infected"
    if earlier.get("trend") == "worsening":  # "it was getting worse, now it's better": the worsening counts
        facts["trend"] = "worsening"
    return facts
