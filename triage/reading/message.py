"""Reads a patient's raw message with the project's spaCy pipeline: the symptoms and body
sites it names, and which of them are negated ("no pus"). Imports nothing from Rasa."""
import html
import os
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Optional, Tuple

import spacy

from triage.reading.emergency_screen import DenialList
from triage.reading.measures import measured_signs
from triage.reading.pattern_schema import EmergencyContext, load_patterns
from triage.reading.questions import asks_in_general, looks_like_question
from triage.reading.spelling import SpellingCorrector, edit_distance, english_words
from triage.reading.sizes import LARGE_CM, sizes_in
from triage.reading.story_cues import story_cues
from triage.reading.temperatures import FEVER_CELSIUS, temperatures_in
from triage.reading.times import days_in
from triage.reading.characters import readable
from triage.reading.treatment_timing import treatment_timing
from triage.reading.treatment_words import next_to_treatment

DEFAULT_PIPELINE = Path(__file__).resolve().parents[2] / "build" / "spacy_pipeline"
PIPELINE_ENV = "TRIAGE_SPACY_PIPELINE"
# A long message is read in overlapping pieces of this size (a sign cut by a boundary is read in
# the next piece), and only its first and last MAX_CHARS_READ / 2 characters: a new sign at the
# end of a long story still counts, and the bound keeps one message's cost in hand.
CHUNK_CHARS = 5000
CHUNK_OVERLAP = 200
MAX_CHARS_READ = 50_000
# Markup, control characters and URL escapes would glue words together ("<b>oozing</b>" is one token).
# Only HTML tags go, with attributes only as name=value: "<1cm ... >38" is a measure, and "<I have a
# fever and pus>" or "<not sure if that's pus>" a patient's aside, whose words stay.
NOISE = re.compile(
    r"</?(a|b|i|u|p|br|hr|em|strong|small|big|font|span|div|img|script|style|iframe|svg|html|body|head|title|"
    r"h[1-6]|ul|ol|li|table|tr|td|th|input|form|button|textarea|object|embed|link|meta|marquee)"
    r"(\s+[a-z-]+=(\"[^\"<>]{0,200}\"|'[^'<>]{0,200}'|[^\s<>]{1,200}))*\s*/?>"
    r"|[\x00-\x08\x0b-\x1f\x7f]|%[0-9a-f]{2}(?=\w|$)", re.IGNORECASE)
# "I didn't have a fever yesterday but today I do": a time word, then a bare "I do", takes back the
# denial before it; "no fever but it is a bit sore" takes back nothing.
UNDONE_DENIAL = re.compile(
    r"\bbut\s+(now|today|tonight|this\s+(morning|afternoon|evening|week))\s*,?\s*(i|it|she|he|they|we)\s+"
    r"(do|does|have|has|am|is|are)\s*([.!?,;]|$)", re.IGNORECASE)
# "a few drops soaking a gauze", "low volume": a bleeding told as small is not heavy, whatever soaks.
# "slowly seeping blood through 2 plasters", "a slow trickle": told as slow, however long.
SMALL_AMOUNT = re.compile(r"\b(a few drops|few drops|a drop or two|low volume|small amount|tiny amount|tiny bit|"
                          r"slowly (seeping|oozing|leaking|trickling)|slow (leak|trickle|ooze|seep)|"
                          r"spots of blood|speck|specks)\b", re.IGNORECASE)
# "it's not bleeding much", "not swollen that much": a denial of how much, not of the sign.
DENIED_DEGREE = re.compile(r"^\s*(much|that much|so much|too much|a lot|that bad|too bad|heavily)\b", re.IGNORECASE)
# "none of these", "nothing like that": an answer that names none of the signs asked about.
SAYS_NONE = re.compile(r"^\W*(no\W+)?(none|nothing|neither|nope)( of (these|those|them|that|the above|the above ones|it))?"
                       r"( (at all|like that|thankfully|thank god|tbh|really))?\W*$", re.IGNORECASE)
# A denial with one of these tells that a sign went ("no chest pain now", "it's gone", "no longer wheezy"): a
# resolution, which never takes an emergency sign back; without them it corrects what was just said.
CHANGE_IN_TIME = re.compile(r"\b(now|anymore|any more|longer|gone|went|stopped|better|settled|passed|since|eased|easing|"
                            r"improved|improving|calmed|subsided)\b", re.IGNORECASE)
# The OTHER_MEANING id of figures of speech made of sign words (entities.yml).
FIGURE_OF_SPEECH = "figure_of_speech"
# Times said with these are about the symptom, not the treatment: "worse since Monday".
SYMPTOM_TIME_OPENERS = ("since",)
# How long a sign lasted ("for 2 days") bounds the date from below; below this many days it would place
# the spot in the first days, whose rules ("warm skin in the first days is expected") a later date fails.
FIRST_DAYS = 3
# "no its getting better": a leading "no" that answers, not one that negates ("no pus"). A comma
# after it keeps negex from reading "better" as denied.
ANSWERING_NO = re.compile(
    r"^\s*(no|nope|nah)\s+(?=(it|its|it's|i|i'm|im|that|thats|that's|this|the|not|just|but|and|really)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    # SYMPTOM, HYPOTHETICAL (a symptom only asked about), EMERGENCY, BODY_SITE, TREND, SEVERITY, RISK,
    # TREATMENTS, DURATION, FLUID, ANSWER, REPORT, SPOT, or OTHER_MEANING (sign words that mean something else)
    label: str
    id: str  # the id in triage/reading/patterns/entities.yml, e.g. "oozing"
    text: str
    negated: bool
    starts_message: bool = False
    near_treatment: bool = False  # a time said next to "froze", "treated", "cryo"
    # "for the first couple of days it hurt": a period early in the healing, told after it ended
    early_period: bool = False
    # "for 10 minutes", "for a few days": how long something lasted, not when the spot was frozen
    lasting: bool = False


# A phone's curly apostrophes and quotes, and spaces of every kind, as the patterns spell them.
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The text as the patterns expect it: lone surrogates replaced (they would crash the tokenizer),
    HTML entities decoded, straight apostrophes, no invisible characters, words joined by "+" or "_" apart
    (triage/reading/characters.py), single spaces."""
    text = html.unescape(text.encode("utf-16", "surrogatepass").decode("utf-16", "replace"))  # "&lt;b&gt;" is "<b>"
    return SPACES.sub(" ", readable(text.translate(APOSTROPHES))).strip()


# A phrase that tells how a bleeding goes ("keeps bleeding", "bled for 40 minutes") also reports it.
BLEEDING_WORDS = re.compile(r"\b(bleed\w*|bled|blood\w*)\b", re.IGNORECASE)
POURING = re.compile(r"(pour|gush|spurt)(ing|in|in')")
# "it's very painful", "agony": a severity that names the pain reports it too.
PAIN_WORDS = re.compile(r"\b(pain\w*|agon\w*|excruciating)\b", re.IGNORECASE)


# "held a tissue on it and it's stopped", "ok update, it stopped after i pressed on it": an end told of "it", which the
# story reads as the end of its bleeding (triage/story.py). Not "it's stopped me sleeping", "it stopped hurting"; not
# after a doubt, a denial, a question or a wish ("I don't think it's stopped", "no idea if it's stopped", "I thought it
# had stopped", "how do I know when it's stopped", "wish it had"); not with a return after it ("it stopped. nvm its
# bleeding", "reopened in the shower", "spoke too soon"): safety review, round 15.
IT_STOPPED = re.compile(r"\b(it|its|it's|that|thats|that's)\s+(has\s+|had\s+|'s\s+|is\s+)?(now\s+|finally\s+|completely\s+|"
                        r"just\s+|all\s+)?stopped\b(?!\s+(me|us|him|her|them|my|\w+ing)\b)", re.IGNORECASE)
DOUBT_BEFORE_A_STOP = re.compile(r"\b(not|no|never|n't|dont|doesnt|didnt|cant|idea|thought|think|thinking|hope|hoped|hoping|"
                                 r"wish|wished|how|when|if|whether|sure|unless|until|till|should|would|might|may|meant|"
                                 r"supposed|seems?|seemed|looks?|looked|maybe|prob\w*|actually|nope|nah|re-?opened|opened|"
                                 r"again|started|spoke too soon|nvm)\b|n't", re.IGNORECASE)
RETURN_AFTER_A_STOP = re.compile(r"\b(again|re-?opened|opened|restarted|started|starts|keeps|kept|still|pouring|more|nvm|"
                                 r"never ?mind|spoke too soon|actually|not|no|but|though|bleed\w*|blood\w*|oozing|"
                                 r"weeping|seeping|except|apart)\b|n't", re.IGNORECASE)


# "stopped after I pressed on it for like 40 mins": a bleeding that long under pressure is the doctor's to judge.
LONG_PRESSING = re.compile(r"\b(1[5-9]|[2-9]\d|\d{3,}|fifteen|twenty|thirty|forty|fifty|sixty)[ -]*(min|mins|minutes|minute)\b|"
                           r"\b(half an hour|an hour|\d+ ?(hr|hrs|hour|hours)|hours|ages|forever)\b", re.IGNORECASE)


def says_it_stopped(text: str) -> bool:
    """"ok update, it stopped after i pressed on it for 10 min with a tissue": a stop told plainly, with no question
    mark anywhere ("it is stopped? I press 10 minute") and no long pressing."""
    match = IT_STOPPED.search(text)
    if match is None or "?" in text or looks_like_question(text) or LONG_PRESSING.search(text):
        return False
    return not DOUBT_BEFORE_A_STOP.search(text[:match.start()]) and not RETURN_AFTER_A_STOP.search(text[match.end():])


# A sign's word that tells its trend too: "getting redder every day" reads the redness, and that it is getting worse
# (round 13's safety review: self_care on day 7, as the worsening's word went to the sign).
WORSE_SIGN_WORDS = frozenset({"redder", "sorer", "more red", "more swollen", "more sore", "more painful"})


@dataclass(frozen=True)
class MessageReading:
    mentions: Tuple[Mention, ...]
    is_question: bool = False
    # A question about no one in particular ("can freezing cause an allergic reaction?").
    asks_in_general: bool = False
    # The day the message was written: "on Friday" counts back from it.
    today: Optional[date] = None
    # "I'm going to have it frozen, will it scar?": the treatment has not happened yet.
    before_treatment: bool = False
    # How it relates to the story so far (triage/reading/story_cues.py): "actually it's clear" corrects,
    # "another wart" or "now my daughter" starts a new story ("spot" or "person"), "last year" tells the past.
    corrects: bool = False
    # "SLOPPY sorry autocorrect": the signs whose words this message retypes as other words, blaming the keyboard.
    retyped_signs: Tuple[str, ...] = ()
    starts_new_story: Optional[str] = None
    tells_the_past: bool = False
    # Who is ill: {"person": "child", "age_years": 4} where the message says so.
    person: Tuple[Tuple[str, Any], ...] = ()
    # "none of these": names none of the signs a question offered.
    says_none: bool = False
    # The emergency screen set aside sign words here (denied, feared, over): the message has been judged.
    signs_set_aside: bool = False
    # The emergency signs it denied ("no pain inside my chest"), and whether the message tells of a change in time
    # ("no chest pain now", "it has gone"), which makes a denial a resolution, not a correction.
    denied_emergency_signs: Tuple[str, ...] = ()
    tells_a_change: bool = False
    # "fine since", "totally himself": the message says all is well.
    all_clear: bool = False
    # "I can swallow fine", "breathing is ok": the patient says they are fine (not "not fine").
    says_fine: bool = False
    # "I don't feel ok", "not really fine": the patient says they are not fine.
    says_not_fine: bool = False
    # "she's gone really quiet", "won't open her eyes": words that say something is wrong (story_cues.yml).
    says_something_wrong: bool = False
    # The "Something else" button of "what do you notice?", or its words alone: names nothing.
    picks_something_else: bool = False
    # "the frozen spot is fine": a few words and no second clause (story_cues.yml).
    short_and_one_clause: bool = False
    # No "but", "though" or "except" that may add something: "it bled a bit, stopped with pressure".
    adds_no_clause: bool = False
    # "held a tissue on it and it's stopped": an end told of "it" plainly (says_it_stopped); the story decides of what.
    says_it_stopped: bool = False

    def _ids(self, label: str, negated: bool = False) -> Tuple[str, ...]:
        seen = {m.id: None for m in self.mentions if m.label == label and m.negated == negated}
        return tuple(seen)

    @property
    def symptoms(self) -> Tuple[str, ...]:
        """Symptoms the patient says they have, emergency signs first, then in the order named."""
        named = self._ids("SYMPTOM")
        severities = [m.text for m in self.mentions if m.label == "SEVERITY" and not m.negated]
        named += tuple(symptom for symptom, words in (("bleeding", BLEEDING_WORDS), ("pain", PAIN_WORDS))
                       if symptom not in named and any(words.search(text) for text in severities))
        if "bleeding" not in named and self.pours_unnamed(severities):
            named += ("bleeding",)
        failed = "failed" in self._ids("TREATMENTS") and "lesion_persists" not in named  # "it didn't work"
        return self.emergency_signs + named + (("lesion_persists",) if failed else ())

    def pours_unnamed(self, severities) -> bool:
        """"the scab came off and it's been pouring": a wound that pours names no fluid but blood."""
        other_fluid = "infected_discharge" in self._ids("SYMPTOM") or any(m.label == "FLUID" for m in self.mentions)
        return not other_fluid and any(POURING.fullmatch(text.lower()) for text in severities)

    @property
    def names_a_bleeding(self) -> bool:
        """A bleeding named in its own word ("bleeding", "blood"), not only in how it is pressed."""
        return any(m.label == "SYMPTOM" and m.id == "bleeding" and not m.negated and BLEEDING_WORDS.search(m.text)
                   for m in self.mentions)

    @property
    def emergency_signs(self) -> Tuple[str, ...]:
        """Life-threatening signs (triage/reading/emergency_screen.py has already set aside denied ones)."""
        return self._ids("EMERGENCY")

    @property
    def asked_about(self) -> Tuple[str, ...]:
        """Symptoms the message only asks about: "if it starts oozing, do I need a doctor?"."""
        return self._ids("HYPOTHETICAL")

    @property
    def negated_symptoms(self) -> Tuple[str, ...]:
        return self._ids("SYMPTOM", negated=True)

    @property
    def over_symptoms(self) -> Tuple[str, ...]:
        """Symptoms said to be over now ("the bleeding has stopped"): the story reads them as resolved."""
        return self._ids("OVER")

    @property
    def body_sites(self) -> Tuple[str, ...]:
        return self._ids("BODY_SITE")  # negex does not scope body sites, so none is negated

    @property
    def names_the_spot(self) -> bool:
        """"the wart", "where they froze it": the message is about the treated spot."""
        return any(m.label == "SPOT" for m in self.mentions)

    @property
    def figure_of_speech(self) -> Optional[str]:
        """The words of a figure of speech the reading knows ("nearly had a heart attack when I saw it", "my shoe
        doesn't fit"), or None: sign words that mean something else here."""
        return next((m.text for m in self.mentions if m.label == "OTHER_MEANING" and m.id == FIGURE_OF_SPEECH), None)

    @property
    def reports_own_symptom(self) -> bool:
        """"my blister ...", "I've got ...": a report, not a general question."""
        return any(m.label == "REPORT" for m in self.mentions)

    @property
    def days_since_treatment(self) -> Optional[float]:
        """The time said next to the treatment ("froze it yesterday", not "had the wart for 2 years"),
        else the longest time named: the treatment came before everything else the patient tells.
        A time opened by "since" is when a symptom started, not when the spot was frozen. Beside what the
        patient reports, a time under a day tells the date only next to the treatment ("frozen this morning"):
        elsewhere it tells of the symptom or of now ("hot all day today", "worse tonight"). One opened by "for"
        tells how long something lasted, so the spot was frozen at least that long ago: it stands for the date
        only from 3 days up, past the first days whose rules it would otherwise wrongly meet ("hot and red for
        2 days"). "Day 0" counts the days itself, and a time said alone ("this morning") answers "when was it
        frozen?"."""
        times = [m for m in self.mentions if m.label == "DURATION" and not m.early_period
                 and not m.text.lower().startswith(SYMPTOM_TIME_OPENERS)]
        reported = bool(self.symptoms) or any(m.label in ("TREND", "SEVERITY") for m in self.mentions)
        for candidates in ([m for m in times if m.near_treatment], times):
            known = [d for m in candidates for d in [days_in(m.text, self.today)]
                     if d is not None and (m.near_treatment or m.text.lower().startswith("day") or not reported
                                           or d >= (FIRST_DAYS if m.lasting else 1))]
            if known:
                return max(known)
        return None

    @property
    def trend(self) -> Optional[str]:
        """worsening, stable or improving, in that order of precedence: a denied improvement
        counts as worsening, a denied worsening ("not getting worse") as stable."""
        if "worsening" in self._ids("TREND") or "improving" in self._ids("TREND", negated=True) \
                or any(m.label == "SYMPTOM" and not m.negated and m.text.lower() in WORSE_SIGN_WORDS for m in self.mentions):
            return "worsening"
        if "stable" in self._ids("TREND") or "worsening" in self._ids("TREND", negated=True):
            return "stable"
        return "improving" if "improving" in self._ids("TREND") else None

    @property
    def fluid(self) -> Optional[str]:
        """"infected" when the patient names pus or cloudy, yellow or smelly fluid; "clear" when they
        say it is clear or deny pus; otherwise unknown."""
        if "infected_discharge" in self.symptoms:
            return "infected"
        if "clear" in self._ids("FLUID") or "infected_discharge" in self.negated_symptoms:
            return "clear"
        return None

    @property
    def answer(self) -> Optional[str]:
        """A short answer to a question: "not_sure" anywhere, or "yes"/"no" as the first words."""
        answers = [m for m in self.mentions if m.label == "ANSWER"]
        if any(m.id == "not_sure" for m in answers):
            return "not_sure"
        return answers[0].id if answers and answers[0].starts_message else None

    @property
    def facts(self) -> Dict[str, Any]:
        """Facts for the triage engine; a fact the message does not give is left out (unknown)."""
        facts = {
            "body_sites": list(self.body_sites) or None,
            "severity": list(self._ids("SEVERITY")) or None,
            "risk_factors": self.risk_factors,
            "days_since_treatment": self.days_since_treatment,
            "trend": self.trend,
            "fluid": self.fluid,
            "treatments": self.treatments,
            **dict(self.person),
        }
        return {name: value for name, value in facts.items() if value is not None}

    @property
    def treatments(self) -> Optional[str]:
        """"failed" ("it didn't work") before "repeated" ("the third time"); else unknown."""
        named = self._ids("TREATMENTS")
        return next((outcome for outcome in ("failed", "repeated") if outcome in named), None)

    @property
    def risk_factors(self) -> Optional[list]:
        """Named ones; [] when the patient only denies them ("I'm not diabetic"); else unknown:
        not naming a risk factor is not saying there is none."""
        named = list(self._ids("RISK"))
        return named or ([] if self._ids("RISK", negated=True) else None)


@lru_cache(maxsize=1)
def load_pipeline(path: str = ""):
    path = path or os.environ.get(PIPELINE_ENV) or str(DEFAULT_PIPELINE)
    if not Path(path).is_dir():
        raise FileNotFoundError(f"spaCy pipeline not found at {path}; build it with `make pipeline`")
    return spacy.load(path)


# Words that name a fever only through its measure: a thermometer that reads below 38 °C overrides them.
MEASURED_FEVER_WORDS = {"temperature", "temp", "a temp", "temperatures"}
# Chills and shivers are a warning sign of their own ("fever or chills"): no reading sets them aside.
CHILLS = re.compile(r"chill|shiver|rigor|cold|shak", re.IGNORECASE)
# A reading that may not be the patient's own now, or may read low: a medicine, another time, another person, a
# forehead or ear thermometer (safety review, round 9). Then the felt fever stands.
READING_IN_DOUBT = re.compile(
    r"\b(paracet\w*|acetaminophen|ibu\w*|calpol|nurofen|neurofen|tylenol|advil|panadol|calprofen|lemsip|dafalgan|"
    r"aspirin|motrin|meds?|medicines?|tablets?|pills?|antipyretics?|gave|given|took (something|a|an|some)|"
    r"came down|went down|dropped|higher|earlier|this morning|last night|then|now|was|were|"
    r"he|she|his|her|him|hes|shes|they|son|daughter|baby|child|kid|toddler|boy|girl|husband|wife|partner|mum|mom|"
    r"dad|forehead|ear|armpit|under (the|my) arm|underarm|tympanic|strip)\b", re.IGNORECASE)
# With a warning sign beside it, a felt fever stands too: fever with spreading redness is the reference's emergency.
WARNING_SIGNS_BESIDE_A_FEVER = {"spreading_redness", "infected_discharge", "inflamed_skin", "bleeding", "oozing",
                                "racing_heart", "fainting"}


# The word a patient retypes: in capitals ("SLOPPY"), after an asterisk ("*sloppy"), or after "meant".
RETYPED_WORD = re.compile(r"\b([A-Z]{4,})\b|\*\s?([A-Za-z]{4,})|\bmeant (?:to say )?([A-Za-z]{4,})")
RETYPED_DISTANCE = 2


def retyped_signs(text: str, nlp) -> Tuple[str, ...]:
    """"my son is really floppy", then "SLOPPY sorry autocorrect": when the message blames the keyboard and names no
    sign word (story_cues.yml), the sign ids whose pattern words are within two letters of a word it retypes that
    names nothing itself ("floppy" for "SLOPPY"); not "*thursday" nor "*lines" (safety review, round 9)."""
    cues = story_cues()
    if not cues.blames_the_keyboard(text):
        return ()
    meanings = pattern_words(nlp)
    retyped = {word.lower() for match in RETYPED_WORD.finditer(text) for word in match.groups() if word}
    ids = {meaning.split("/", 1)[1] for word in retyped if word not in meanings
           for pattern_word, names in meanings.items() if len(pattern_word) >= 4
           and edit_distance(word, pattern_word, RETYPED_DISTANCE) <= RETYPED_DISTANCE
           for meaning in names if meaning.split("/", 1)[0] in ("SYMPTOM", "EMERGENCY")}
    return tuple(sorted(ids))


def fever_from_temperatures(text: str, mentions: Tuple[Mention, ...]) -> Tuple[Mention, ...]:
    """A temperature of 38 °C (100.4 °F) or more is a fever. Below it, with none above, the thermometer
    overrides "temperature"; and a felt fever too ("felt kinda feverish so took my temp, 37.2 so nah", "is 37.5 a
    fever?"), by the reference's 38 °C, only when nothing puts the reading in doubt (READING_IN_DOUBT), the
    message names no warning sign beside it, and the fever words are no chills."""
    temperatures = temperatures_in(text)
    if not temperatures:
        return mentions
    highest = max(temperatures)
    if highest >= FEVER_CELSIUS:
        return mentions + (Mention("SYMPTOM", "fever", f"{highest:g} °C", negated=False),)
    beside = {m.id for m in mentions if m.label in ("SYMPTOM", "EMERGENCY") and not m.negated}
    felt_overridden = not READING_IN_DOUBT.search(text) and not beside & WARNING_SIGNS_BESIDE_A_FEVER \
        and not any(m.label == "EMERGENCY" for m in mentions)
    return tuple(m for m in mentions if not (
        m.label == "SYMPTOM" and m.id == "fever"
        and (m.text.lower() in MEASURED_FEVER_WORDS or (felt_overridden and not CHILLS.search(m.text)))))


def signs_from_measures(text: str, mentions: Tuple[Mention, ...]) -> Tuple[Mention, ...]:
    """"the finger oxygen thing says 88", "heart rate 128": a measure past its threshold is the sign."""
    return mentions + tuple(Mention(label, sign, said, negated=False) for label, sign, said in measured_signs(text))


def large_from_sizes(text: str, mentions: Tuple[Mention, ...]) -> Tuple[Mention, ...]:
    """"the blister is 4cm": a size of about 3 cm or more is the severity "large"."""
    largest = max(sizes_in(text), default=0.0)
    if largest < LARGE_CM:
        return mentions
    return mentions + (Mention("SEVERITY", "large", f"{largest:g} cm", negated=False),)


@lru_cache(maxsize=2)
def pattern_words(nlp) -> Dict[str, FrozenSet[str]]:
    """Each word of the pipeline's patterns, with the entities it can name."""
    meanings: Dict[str, set] = {}
    for ruler in ("emergency_ruler", "entity_ruler"):
        for pattern in nlp.get_pipe(ruler).patterns:
            for token in pattern["pattern"]:
                lower = token.get("LOWER")
                for word in [lower] if isinstance(lower, str) else (lower or {}).get("IN", []):
                    meanings.setdefault(word, set()).add(f'{pattern["label"]}/{pattern.get("id")}')
    return {word: frozenset(ids) for word, ids in meanings.items()}


def is_english_stop_word(word: str, nlp=None) -> bool:
    return word.lower() in (nlp or load_pipeline()).Defaults.stop_words


def knows_word(word: str, nlp=None) -> bool:
    """Whether the reading knows the word: one its patterns are made of ("the frozen spot is fine"), and not
    a stop word ("had" and "me" are Dutch and Spanish too)."""
    nlp = nlp or load_pipeline()
    return word.lower() in pattern_words(nlp) and not is_english_stop_word(word, nlp)


@lru_cache(maxsize=2)
def spelling_corrector(nlp) -> SpellingCorrector:
    """Built once per pipeline from its own patterns: each pattern word with the entities it can name."""
    meanings = pattern_words(nlp)
    inflections = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    lemmas = english_words()
    return SpellingCorrector(meanings,
                             lambda word: word in lemmas or word in inflections)


def chunks(text: str) -> List[str]:
    """Pieces of at most CHUNK_CHARS, each starting CHUNK_OVERLAP before the last one ended, cut at a
    space where there is one."""
    pieces, start = [], 0
    while start < len(text):
        end = len(text) if len(text) - start <= CHUNK_CHARS else (text.rfind(" ", start, start + CHUNK_CHARS) + 1
                                                                  or start + CHUNK_CHARS)
        pieces.append(text[start:end])
        start = end if end >= len(text) else max(end - CHUNK_OVERLAP, start + 1)
    return pieces


def within_bound(text: str) -> str:
    half = MAX_CHARS_READ // 2
    return text if len(text) <= MAX_CHARS_READ else text[:half] + " ... " + text[-half:]


def mentions_in(doc, first_piece: bool) -> Tuple[Mention, ...]:
    first_word = next((token.i for token in doc if token.is_alpha), 0) if first_piece else -1
    mentions = []
    for ent in doc.ents:
        if ent.label_ == "DURATION" and (tells_an_age(ent) or tells_a_pregnancy(ent)):
            continue  # "my son 5 years", "28 weeks pregnant": who is ill, not when (story_cues.yml)
        if ent.label_ == "BODY_SITE" and (site_only_denied(ent) or list_of_denials()(ent)):
            continue  # "no fever, lips and tongue aren't swollen", "Denies ..., lip or tongue swelling": not the spot
        is_time = ent.label_ == "DURATION"
        lasting = is_time and tells_how_long(ent)
        told_small = ent.ent_id_ == "heavy" and bool(SMALL_AMOUNT.search(ent.sent.text))
        denied = (bool(ent._.negex) and not undone(ent)) or (ent.label_ == "SYMPTOM" and list_of_denials()(ent))
        mentions.append(Mention(ent.label_, ent.ent_id_, ent.text, denied or told_small,
                                ent.start <= first_word,
                                is_time and not lasting and next_to_treatment(doc, ent.start, ent.end),
                                is_time and tells_an_early_period(ent), lasting))
    return tuple(mentions)


@lru_cache(maxsize=1)
def list_of_denials() -> DenialList:
    """"Denies fever, rigors, dyspnoea.": the emergency screen's clinical list of denials, for the other symptoms."""
    return DenialList.of(load_patterns(EmergencyContext))


def site_only_denied(site) -> bool:
    """A body site in a clause that denies a sign, and names none it does not deny, where the message names another
    site of the spot: "a blister on my hand ... no swelling of my lips or face", "lips and tongue aren't swollen".
    Not "my lip isn't swollen but there's a blister", whose only site is the spot's (story_cues.yml)."""
    cues, doc = story_cues(), site.doc
    start, end = clause_around(site, cues.clause_ends)
    named = [ent for ent in doc.ents if ent.label_ in ("SYMPTOM", "EMERGENCY") and start <= ent.start < end]
    denies_a_sign = any(ent._.negex for ent in named) or bool(doc._.emergency_signs_denied)
    if not (denies_a_sign and cues.only_denies(doc[start:end].text)
            and all(ent._.negex and not undone(ent) for ent in named)):
        return False
    return any(ent.label_ == "BODY_SITE" and not (start <= ent.start < end) and not site_in_a_denial(ent, cues)
               for ent in doc.ents)


def site_in_a_denial(site, cues) -> bool:
    start, end = clause_around(site, cues.clause_ends)
    return cues.only_denies(site.doc[start:end].text)


def clause_around(span, clause_ends) -> Tuple[int, int]:
    doc, start, end = span.doc, span.start, span.end
    while start > span.sent.start and doc[start - 1].lower_ not in clause_ends:
        start -= 1
    while end < span.sent.end and doc[end].lower_ not in clause_ends:
        end += 1
    return start, end


# "for about 5 minutes", "for the last few days"
HOW_LONG_QUALIFIERS = {"about", "around", "roughly", "nearly", "almost", "over", "like", "maybe", "at", "least",
                       "the", "last", "past", "a", "good", "only", "just"}
SPAN_OPENERS = {("the", "last"), ("the", "past"), ("these", "last")}


def tells_how_long(duration) -> bool:
    """"froze it for 15 seconds", "hot for a few hours", "red the last two days": a time opened by "for", or by
    "the last" or "the past", is how long something lasted."""
    doc, i = duration.doc, duration.start - 1
    while i >= 0 and doc[i].lower_ in HOW_LONG_QUALIFIERS:
        i -= 1
    words = [token.lower_ for token in doc[i + 1:duration.start]] + [token.lower_ for token in duration[:2]]
    opened_by_for = duration[0].lower_ == "for" or (i >= 0 and doc[i].lower_ == "for")
    return opened_by_for or any(pair in SPAN_OPENERS for pair in zip(words, words[1:]))


# "my son 5 years", "the girl, 7 years": an age, when a person stands just before the time or "old" after it.
AGE_OWNERS = {"son", "daughter", "child", "kid", "boy", "girl", "baby", "toddler", "grandson", "granddaughter",
              "aged", "age"}


def tells_an_age(duration) -> bool:
    doc = duration.doc
    before = {token.lower_ for token in doc[max(duration.start - 2, 0):duration.start]}
    after = doc[duration.end].lower_ if duration.end < len(doc) else ""
    return bool(before & AGE_OWNERS) or after == "old"


PREGNANCY_UNITS = ("week", "wk", "month", "mth")
# "im pregnant forgot to say, 30 wks" (round 14): the word a few words before, with no treatment or date word between.
PREGNANCY_LOOKBACK = 5
# ...and only with nothing after the weeks but the end of the message or a sentence, "along" or "now".
PREGNANCY_LENGTH_ENDS = frozenset({"", "along", "now", "gone", "today"})
NOT_OF_A_PREGNANCY = frozenset({"frozen", "froze", "freeze", "freezing", "treated", "done", "cryo", "had", "it", "spot",
                                "wart", "verruca", "tag", "ago", "back", "since", "before", "after", ".", "!", "?"})


def tells_a_pregnancy(duration) -> bool:
    """"28 weeks pregnant", "she's pregnant, 24 weeks", "pregnant forgot to say, 30 wks": weeks or months joined to
    the word (story_cues.yml)."""
    doc, words = duration.doc, story_cues().pregnancy_words
    text = duration.text.lower()
    if not any(unit in text for unit in PREGNANCY_UNITS) or "since" in text or "ago" in text:
        return False
    after = doc[duration.end].lower_ if duration.end < len(doc) else ""
    before = [token.lower_ for token in doc[max(duration.start - 2, 0):duration.start] if token.lower_ != ","]
    if after in words or before[-1:] and before[-1] in words:
        return True  # "28 weeks pregnant", "she's pregnant, 24 weeks"
    if after not in PREGNANCY_LENGTH_ENDS and not doc[duration.end].is_punct:
        return False  # "pregnant - 5 weeks on, lump still there": the freezing's weeks (safety review, round 14)
    for token in reversed(doc[max(duration.start - PREGNANCY_LOOKBACK, 0):duration.start]):
        if token.lower_ in words:
            return True
        if token.lower_ in NOT_OF_A_PREGNANCY:
            return False
    return False


def tells_an_early_period(duration) -> bool:
    """"the first couple of days", "for the first week": how long something lasted early on, not how long ago
    the spot was frozen."""
    doc = duration.doc
    return duration[0].lower_ == "first" or (duration.start > 0 and doc[duration.start - 1].lower_ == "first")


def undone(ent) -> bool:
    """A denial that the rest of its sentence takes back ("didn't have a fever but today I do"), or that
    denies only how much ("not bleeding much")."""
    rest = ent.sent.text[ent.end_char - ent.sent.start_char:]
    return bool(UNDONE_DENIAL.search(rest) or DENIED_DEGREE.match(rest))


def read_message(text: str, nlp=None, today: Optional[date] = None) -> MessageReading:
    nlp = nlp or load_pipeline()
    plain = ANSWERING_NO.sub(r"\1, ", NOISE.sub(" ", normalise(within_bound(text or ""))))
    plain = spelling_corrector(nlp).correct(plain).lower()
    docs = list(nlp.pipe(chunks(plain)))
    mentions = tuple(mention for i, doc in enumerate(docs) for mention in mentions_in(doc, first_piece=i == 0))
    set_aside = any(doc._.emergency_signs_set_aside for doc in docs)
    denied_signs = tuple(dict.fromkeys(sign for doc in docs for sign in doc._.emergency_signs_denied))
    timing = treatment_timing()
    before_treatment = timing.before_treatment(plain)
    if before_treatment:  # nothing has happened yet: what it names is asked about, except a warning sign
        mentions = tuple(Mention("HYPOTHETICAL", m.id, m.text, m.negated, m.starts_message)
                         if m.label == "SYMPTOM" and m.id not in timing.always_read else m for m in mentions)
    mentions = signs_from_measures(plain, large_from_sizes(plain, fever_from_temperatures(plain, mentions)))
    cues = story_cues()
    return MessageReading(mentions, is_question=looks_like_question(plain),
                          asks_in_general=asks_in_general(plain), today=today, before_treatment=before_treatment,
                          corrects=cues.corrects(plain), retyped_signs=retyped_signs(normalise(text or ""), nlp),
                          starts_new_story=cues.new_story(plain),
                          tells_the_past=cues.tells_the_past(plain), person=tuple(cues.person(plain).items()),
                          says_none=bool(SAYS_NONE.match(plain)), signs_set_aside=set_aside,
                          denied_emergency_signs=denied_signs, tells_a_change=bool(CHANGE_IN_TIME.search(plain)),
                          picks_something_else=cues.picks_something_else(plain),
                          short_and_one_clause=cues.short_and_one_clause(plain),
                          adds_no_clause=cues.adds_no_clause(plain), says_it_stopped=says_it_stopped(plain),
                          all_clear=cues.says_all_is_well(plain), says_fine=cues.says_fine(plain),
                          says_not_fine=cues.says_not_fine(plain), says_something_wrong=cues.says_something_wrong(plain))
