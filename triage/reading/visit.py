"""A sign told of the treatment visit and over since ("went grey during the freeze, fine after ten minutes"):
shared by the emergency screen and the historical screen. The phrases are data
(triage/reading/patterns/over_at_the_visit.yml)."""
from typing import List, Sequence, Tuple

from spacy.tokens import Span

from triage.reading.pattern_schema import OverAtTheVisitPhrases

Phrase = Tuple[str, ...]


def phrase_at(words: Sequence[str], i: int, phrases: Sequence[Phrase]) -> bool:
    return any(tuple(words[i:i + len(phrase)]) == phrase for phrase in phrases)


def contains(words: Sequence[str], phrases: Sequence[Phrase]) -> bool:
    return any(phrase_at(words, i, phrases) for i in range(len(words)))


# "straight after I stood up from the sofa": a marker that ends in "after" and goes on with a clause of its own tells
# of another moment, not the treatment (safety review, round 14).
CLAUSE_SUBJECTS = {"i", "we", "he", "she", "they", "you", "my", "his", "her", "our", "their"}


def told_of_the_visit(words: Sequence[str], markers: Sequence[Phrase]) -> bool:
    for i in range(len(words)):
        for phrase in markers:
            if tuple(words[i:i + len(phrase)]) != phrase:
                continue
            following = words[i + len(phrase)] if i + len(phrase) < len(words) else ""
            if not (phrase[-1] == "after" and following in CLAUSE_SUBJECTS):
                return True
    return False


# How far after an all-clear, within its sentence, a "but" or a "now" undoes it: "all was normal. Now is evening,
# I am fine" is not undone.
NOT_CLEAR_REACH = 4
SENTENCE_ENDS = {".", "!", "?"}


class OverAtTheVisit:
    def __init__(self, phrases: OverAtTheVisitPhrases):
        self.visit_markers: List[Phrase] = [tuple(marker) for marker in phrases.visit_markers]
        self.all_clear: List[Phrase] = [tuple(phrase) for phrase in phrases.all_clear]
        self.not_clear_after = set(phrases.not_clear_after)
        self.not_clear_before = set(phrases.not_clear_before)
        self.not_clear_reach = phrases.not_clear_reach
        self.present = set(phrases.visit_present_markers)
        self.past_days: List[Phrase] = [tuple(marker) for marker in phrases.past_day_markers]
        self.past_day_reach: int = phrases.past_day_reach
        self.faint_visit_markers: List[Phrase] = self.visit_markers + [tuple(m) for m in phrases.faint_visit_markers]
        self.faint_all_clear: List[Phrase] = self.all_clear + [tuple(phrase) for phrase in phrases.faint_all_clear]
        self.faint_returns = set(phrases.faint_returns)
        self.faint_returns_before = set(phrases.faint_returns_before)
        self.faint_present = self.present | set(phrases.faint_present_markers)
        self.possessive_owners = set(phrases.possessive_owners)
        self.well_words = set(phrases.well_words)

    def __call__(self, sign: Span, faint: bool = False) -> bool:
        """Told of the treatment visit in the sign's sentence, or of a past day beside it, not in the present
        around it ("he's wheezy since the cryo", "chest pain that hasn't gone"), and all well later in the message:
        an all-clear not negated or foreseen just before it ("I don't feel fine", "said I would be fine"), and none
        that its own sentence undoes ("fine after, but not now", "fine before the appointment")."""
        sentence = [token.lower_ for token in sign.sent]
        beside = [token.lower_ for token in sign.doc[max(sign.sent.start, sign.start - self.past_day_reach):
                                                     min(sign.sent.end, sign.end + self.past_day_reach)]]
        markers, all_clear = (self.faint_visit_markers, self.faint_all_clear) if faint else (self.visit_markers,
                                                                                               self.all_clear)
        if not (told_of_the_visit(sentence, markers) or contains(beside, self.past_days)):
            return False
        around = sign.doc[max(sign.sent.start, sign.start - 3):min(sign.sent.end, sign.end + 5)]
        # A faint: "I am fainted for few seconds" says the past in a learner's English (not the "am" right before a
        # past form); "I keep fainting" the present; "at the doctor's" has no present "'s".
        past_form = sign.start - 1 if faint and sign[0].lower_.endswith("ed") else -1
        present = self.faint_present if faint else self.present
        if present & {token.lower_ for token in around if token.i != past_form
                      and not (faint and token.i > 0 and token.doc[token.i - 1].lower_ in self.possessive_owners)}:
            return False  # "chest pain at the clinic that hasn't gone"
        after = [token.lower_ for token in sign.doc[sign.end:]]
        cleared = False
        for i in range(len(after)):
            phrase = next((p for p in all_clear if tuple(after[i:i + len(p)]) == p), None)
            if not phrase or self.negated_before(after, i):
                continue
            following = after[i + len(phrase):i + len(phrase) + NOT_CLEAR_REACH]
            following = following[:next((j for j, word in enumerate(following) if word in SENTENCE_ENDS), len(following))]
            if following[:1] == ["now"]:  # "back to himself now" says when all is well
                following = following[1:]
            if faint:  # "it passed, fine now": a "now" right after a word of being well is another all-clear
                following = [word for j, word in enumerate(following)
                             if not (word == "now" and j > 0 and following[j - 1] in self.well_words)]
            if self.not_clear_after & set(following):
                return False
            if faint and (self.faint_returns & set(after[i + len(phrase):]) or self.faint_returns_before & set(after[:i])):
                return False  # "I was ok for a bit then it happened again twice tonight", "... in the shower too, ok"
            cleared = True
        return cleared

    def negated_before(self, words: Sequence[str], i: int) -> bool:
        """A negation or a forecast within reach before words[i], in its sentence: "never really recovered fully"."""
        before = words[max(0, i - self.not_clear_reach):i]
        ends = [j for j, word in enumerate(before) if word in SENTENCE_ENDS]
        return bool(self.not_clear_before & set(before[ends[-1] + 1:] if ends else before))
