"""The spaCy component that sets aside a symptom that is not there now, relabelling it HISTORICAL (told of the
distant past) or OVER (said to be over now, which the story reads as a resolution), neither of which the reading
triages:
- one told of the distant past: "last year I had pus after a freeze, but this one is just a blister". A clause
  that says the symptom goes on ("since", "still", "for years") keeps it, and so does a time that only says
  when the spot was frozen ("the wart they froze last year came back");
- a bleeding or a tight ring its sentence, or the next one, says is over: "the bleeding stopped after I pressed on
  it", "it bled. I held a flannel on it and it's stopped". Not "it hasn't stopped", nor "it stopped but started
  again". Signs of infection are never set aside this way;
- a faint at the treatment visit that the message says is over: "nearly fainted during the freeze, fine after a sit
  down" (triage/reading/visit.py). A faint told otherwise counts.
Emergency signs have their own screen (emergency_screen.py). Rules: triage/reading/patterns/historical_context.yml
(and over_at_the_visit.yml), checked against their schemas (pattern_schema.py)."""
import re
from datetime import date
from typing import Dict, Optional, Sequence, Tuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from triage.reading.emergency_screen import LABEL as EMERGENCY
from triage.reading.pattern_schema import HistoricalContext, OverAtTheVisitPhrases, parse_built_patterns
from triage.reading.treatment_words import next_to_treatment
from triage.reading.visit import OverAtTheVisit

SYMPTOM, DURATION, HISTORICAL, OVER = "SYMPTOM", "DURATION", "HISTORICAL", "OVER"
YEAR = re.compile(r"^(19|20)\d\d$")
END = "."  # in a phrase: a punctuation mark or the end of the sentence


class HistoricalScreen:
    def __init__(self, context: HistoricalContext, over_at_the_visit: OverAtTheVisitPhrases):
        self.markers = [tuple(marker.split()) for marker in context.markers]
        self.age_openers = [tuple(opener.split()) for opener in context.age_openers]
        self.ages = [tuple(age.split()) for age in context.ages]
        self.age_followers = set(context.age_followers)
        self.ongoing = set(context.ongoing)
        self.scope_ends = set(context.scope_ends)
        self.resolvable = set(context.resolvable)
        # longest first: "stopped now" is over, where "stopped" then "now" would be a return
        self.resolutions = sorted((tuple(phrase.split()) for phrase in context.resolutions), key=len, reverse=True)
        self.stopped_before = set(context.stopped_before)
        self.returns = set(context.returns)
        self.all_clear = set(context.all_clear_before_return)
        self.returns_in_its_sentence_only = set(context.returns_in_its_sentence_only)
        self.denied_returns = set(context.denied_returns)
        self.resolvable_later = set(context.resolvable_later)
        self.after_stopped = set(context.after_stopped)
        self.goes_on_before = set(context.goes_on_before)
        self.auxiliaries = set(context.resolution_auxiliaries)
        self.pointers = set(context.pointers)
        self.prepositions = set(context.prepositions)
        self.ongoing_words = set(context.still_going)
        self.expectations = set(context.expectations)
        self.comparisons = set(context.comparisons)
        self.over_at_the_visit = OverAtTheVisit(over_at_the_visit)
        self.over_at_the_visit_signs = set(context.over_at_the_visit_signs)
        self.not_over_beside = set(context.not_over_beside)
        self.not_over_by_itself_beside = set(context.not_over_by_itself_beside)
        self.subjectless_stops = [tuple(phrase) for phrase in context.subjectless_stops]

    def __call__(self, doc: Doc) -> Doc:
        clauses = [(ent, self.clause(ent)) for ent in doc.ents]
        past = {clause for ent, clause in clauses if ent.label_ == SYMPTOM and self.told_of_the_past(doc, clause)}
        # The time in such a clause ("last year I had pus") is not when this spot was frozen either.
        doc.ents = [Span(doc, ent.start, ent.end, label=HISTORICAL, span_id=ent.ent_id_)  # type: ignore[assignment]  # spaCy's stub: Tuple[Span]
                    if ent.label_ in (SYMPTOM, DURATION) and clause in past
                    else Span(doc, ent.start, ent.end, label=OVER, span_id=ent.ent_id_) if self.is_over(ent) else ent
                    for ent, clause in clauses]
        return doc

    def clause(self, ent: Span) -> Tuple[int, int]:
        """Where the entity's clause starts and ends, in tokens."""
        doc, sentence = ent.doc, ent.sent
        start, end = ent.start, ent.end
        while start > sentence.start and doc[start - 1].lower_ not in self.scope_ends:
            start -= 1
        while end < sentence.end and doc[end].lower_ not in self.scope_ends:
            end += 1
        return start, end

    def told_of_the_past(self, doc: Doc, clause: Tuple[int, int]) -> bool:
        words = [token.lower_ for token in doc[clause[0]:clause[1]]]
        if self.ongoing & set(words):
            return False
        for i in range(len(words)):
            length = self.marker_at(words, i)
            if length and not next_to_treatment(doc, clause[0] + i, clause[0] + i + length):
                return True
        return False

    def marker_at(self, words: Sequence[str], i: int) -> int:
        """The length of a marker of the past starting at words[i], else 0."""
        year = words[i + 1] if words[i] == "in" and i + 1 < len(words) else ""
        if YEAR.match(year) and int(year) < date.today().year:
            return 2  # "in 2019", not this year's "in 2026": only the distant past is set aside
        if i > 0 and words[i - 1] in self.comparisons:  # "red lines going up the leg like last time": now
            return 0
        return next((len(marker) for marker in self.markers if tuple(words[i:i + len(marker)]) == marker), 0) \
            or self.age_at(words, i)

    def age_at(self, words: Sequence[str], i: int) -> int:
        """The length of "when she was 2" or "when he was a baby" starting at words[i], else 0."""
        opener = next((len(opener) for opener in self.age_openers if tuple(words[i:i + len(opener)]) == opener), 0)
        if not opener:
            return 0
        rest = words[i + opener:]
        if rest[:1] and rest[0].isdigit() and int(rest[0]) < 100 and (len(rest) == 1 or rest[1] in self.age_followers):
            return opener + 1
        return next((opener + len(age) for age in self.ages if tuple(rest[:len(age)]) == age), 0)

    def is_over(self, sign: Span) -> bool:
        """A warning sign that "stopped" just before it ("it stopped bleeding"), or that a phrase later in its
        sentence says is over, told of the sign itself ("the bleeding from the scab stopped") or of a word
        that points back to it ("it bled, but that has stopped now"); or, when its sentence names no other
        symptom after it, a phrase in the next sentence told of a pointing word ("it bled. I pressed on it and
        it's stopped"). Not when the clause says it goes on ("still"), when the end was only expected ("I
        thought it had healed"), or when it comes back."""
        if sign.label_ == SYMPTOM and sign.ent_id_ in self.over_at_the_visit_signs \
                and not self.warning_sign_beside(sign) and self.over_at_the_visit(sign, faint=True):
            return True
        if sign.label_ != SYMPTOM or sign.ent_id_ not in self.resolvable:
            return False
        doc = sign.doc
        if sign.start > sign.sent.start and doc[sign.start - 1].lower_ in self.stopped_before:
            return not self.comes_back(doc, sign.end, sign.sent.end)
        end = self.next_clause_sign(sign)
        over = self.resolved_between(sign, sign.end, end, sign.sent.end, self.told_of_the_sign)
        if over is not None or end < sign.sent.end or sign.sent.end >= len(doc) \
                or sign.ent_id_ not in self.resolvable_later \
                or self.goes_on_before & {token.lower_ for token in doc[sign.start:sign.sent.end]}:
            return bool(over)
        following = doc[sign.sent.end].sent
        return bool(self.resolved_between(sign, following.start, self.other_sign_in(following, sign), len(doc),
                                          self.told_of_it_later))

    def warning_sign_beside(self, sign: Span) -> bool:
        """An emergency sign, or a warning sign a faint makes an emergency, anywhere in the message: "fainted at the
        doctor's, fine today apart from the bleeding which won't stop" keeps the faint."""
        return any((ent.label_ == EMERGENCY or (ent.label_ == SYMPTOM and ent.ent_id_ in self.not_over_beside))
                   and not ent._.negex for ent in sign.doc.ents)

    def resolved_between(self, sign: Span, start: int, end: int, sentence_end: int, told_of) -> Optional[bool]:
        """Whether the first resolution phrase from start to end that is told of the sign leaves it over (not when it
        comes back); None when there is none."""
        doc = sign.doc
        words = [token.lower_ if not token.is_punct else END for token in doc[start:end]]
        words.append(END)
        for offset in range(len(words) - 1):
            length = self.resolution_at(words, offset)
            if length and told_of(sign, start + offset, length):
                return not self.comes_back(doc, start + offset + length, sentence_end)
        return None

    def resolution_at(self, words: Sequence[str], offset: int) -> int:
        """The length of a resolution phrase starting at words[offset], else 0."""
        return next((len(phrase) for phrase in self.resolutions
                     if tuple(words[offset:offset + len(phrase)]) == phrase), 0)

    def told_of_the_sign(self, sign: Span, resolution: int, length: int = 1) -> bool:
        """The words before the resolution lead back, over auxiliaries ("has", "'s", "now"), to the sign itself
        (past a short "from the scab") or to a pointing word ("it", "that"), with no expectation before it."""
        doc, i = sign.doc, resolution - 1
        while i >= sign.end and doc[i].lower_ in self.auxiliaries:
            i -= 1
        if i < sign.end:
            subject = sign.start
        elif doc[i].lower_ in self.pointers:
            subject = i
        elif sign.end < i <= sign.end + 3 and doc[sign.end].lower_ in self.prepositions:
            subject = sign.start
        elif doc[i].lower_ == "," and self.stopped_without_a_subject(doc, resolution + length):
            subject = sign.start  # "a bit of blood came out, a couple of dots, stopped on its own."
        else:
            return False
        clause = {token.lower_ for token in doc[self.clause(sign)[0]:resolution]}
        before = {token.lower_ for token in doc[max(sign.sent.start, subject - 4):subject]}
        return not (self.ongoing_words & clause or self.expectations & before)

    def stopped_without_a_subject(self, doc: Doc, i: int) -> bool:
        """", stopped on its own", ", stopped with a bit of tissue" (one of subjectless_stops after it), with nothing
        after that says it started again, in a message with none of not_over_by_itself_beside: not ", stopped. then
        started. then stopped" (safety review, round 10)."""
        words = tuple(token.lower_ for token in doc[i:i + 3])
        if not any(words[:len(phrase)] == phrase for phrase in self.subjectless_stops):
            return False
        if any(ent.ent_id_ in self.not_over_by_itself_beside for ent in doc.ents):
            return False
        return not (self.returns - self.returns_in_its_sentence_only) & {token.lower_ for token in doc[i:]}

    def told_of_it_later(self, sign: Span, resolution: int, length: int = 1) -> bool:
        """In the next sentence, the words before the resolution lead back, over auxiliaries, to a pointing word
        ("I held a flannel on it and it's stopped") or to the same sign named again ("the bleeding has stopped")."""
        doc, i = sign.doc, resolution - 1
        phrase_end = resolution + length
        if phrase_end < len(doc) and not doc[phrase_end].is_punct and doc[phrase_end].lower_ not in self.after_stopped:
            return False  # "it's stopped me sleeping", "it's stopped hurting", "they stopped it"
        while i > sign.end and doc[i].lower_ in self.auxiliaries:
            i -= 1
        named_again = any(ent.label_ == SYMPTOM and ent.ent_id_ == sign.ent_id_ and ent.end == i + 1 for ent in doc.ents)
        if not (doc[i].lower_ in self.pointers or named_again):
            return False
        between = {token.lower_ for token in doc[sign.start:resolution]}
        before = {token.lower_ for token in doc[max(sign.end, i - 4):i]}
        return not (self.ongoing_words & between or self.expectations & before)

    def other_sign_in(self, sentence: Span, sign: Span) -> int:
        """Where the first symptom other than the sign starts in the sentence, else its end."""
        return min((ent.start for ent in sentence.ents if ent.label_ == SYMPTOM and ent.ent_id_ != sign.ent_id_),
                   default=sentence.end)

    def comes_back(self, doc: Doc, start: int, end: int) -> bool:
        """A return word from ``start`` to the end of the next symptom named: "it stopped but started again",
        not "it stopped, just a small scab again", "it stopped, it's fine now" nor "it stopped, hasn't started
        again" (a denial before it in its clause)."""
        following = [ent.end for ent in doc.ents if ent.label_ == SYMPTOM and start <= ent.start < end]
        sentence_end = doc[start].sent.end if start < len(doc) else start
        denied_return = -1
        for token in doc[start:min(following, default=end)]:
            if token.lower_ not in self.returns or doc[token.i - 1].lower_ in self.all_clear:
                continue
            if token.i >= sentence_end and token.lower_ in self.returns_in_its_sentence_only:
                continue  # "... it stopped. It's now covered with a dressing."
            before = {word.lower_ for word in doc[max(start, token.i - 2):token.i]}
            if self.denied_returns & before or denied_return == token.i - 1:
                denied_return = token.i  # "hasn't started again": "again" goes with the denied "started"
                continue
            return True
        return False

    def next_clause_sign(self, sign: Span) -> int:
        """Where the next other symptom in another clause of the sentence starts ("it bled, the scab has gone"),
        else the sentence's end. One in the same clause does not count ("the bleeding from the scab stopped"), nor
        the same sign told again ("it bled but I pressed on it for 10 minutes and it stopped")."""
        doc, boundary = sign.doc, False
        for i in range(sign.end, sign.sent.end):
            boundary = boundary or doc[i].lower_ in self.scope_ends
            if boundary and any(ent.start == i and ent.label_ == SYMPTOM and ent.ent_id_ != sign.ent_id_
                                for ent in doc.ents):
                return i
        return sign.sent.end


@Language.factory("historical_screen", default_config={"context": {}, "over_at_the_visit": {}})
def make_historical_screen(nlp: Language, name: str, context: Dict, over_at_the_visit: Dict) -> HistoricalScreen:
    return HistoricalScreen(parse_built_patterns(HistoricalContext, context),
                            parse_built_patterns(OverAtTheVisitPhrases, over_at_the_visit))
