"""The spaCy component that sets aside emergency signs a message denies ("no trouble breathing"),
says of the spot ("the blister has gone floppy"), places in the past ("chest pain last year"), uses about
something else ("the wart on my chest hurts"), only fears ("scared my throat will close up"), or tells of
the visit as over ("went grey during the freeze, fine after ten minutes"). Every other EMERGENCY entity stays, so
both the action server's reading and the Rasa server's safety net see it. It runs after the ruler
of emergency signs and before the one for everything else, which then reads the words set aside.

The rules are data (triage/reading/patterns/emergency_context.yml and over_at_the_visit.yml), copied into the
pipeline's config when it is built, and checked against their schemas (pattern_schema.py) then and when it is
loaded. pyproject.toml declares the factory to spaCy, so `spacy.load()` finds it inside Rasa.
"""
import re
from dataclasses import dataclass
from datetime import date
from typing import Dict, FrozenSet, List, Set

from spacy.language import Language
from spacy.tokens import Doc, Span

from triage.reading.pattern_schema import EmergencyContext, OverAtTheVisitPhrases, parse_built_patterns
from triage.reading.visit import OverAtTheVisit, contains, phrase_at

LABEL = "EMERGENCY"
# How many signs the screen set aside in a message: the turn asks no emergency check of a message whose sign words
# the screen has judged (triage/turn.py).
if not Doc.has_extension("emergency_signs_set_aside"):
    Doc.set_extension("emergency_signs_set_aside", default=0)
# The signs it set aside as denied ("no pain inside my chest"): a story may take back a sign told just before
# (triage/story.py).
if not Doc.has_extension("emergency_signs_denied"):
    Doc.set_extension("emergency_signs_denied", default=[])


class EmergencyScreen:
    def __init__(self, context: EmergencyContext, over_at_the_visit: OverAtTheVisitPhrases):
        self.context = context
        self.denials = set(context.denials)
        self.body_first = set(context.body_first)
        self.denial_fillers = set(context.denial_fillers)
        self.own_negations = set(context.own_negations)
        self.subject_colours = set(context.subject_colours)
        self.subject_spots = set(context.subject_spots)
        self.subject_between = set(context.subject_between)
        self.subject_refused = set(context.subject_refused)
        self.person_subjects = set(context.person_subjects)
        self.persons_before_skin = set(context.persons_before_skin)
        self.history_links = set(context.history_links)
        self.swallow_words = set(context.swallow_words)
        self.present_markers = set(context.present_markers)
        self.lingering_states = set(context.lingering_states)
        self.lip_treated = re.compile(context.lip_treated)
        self.unsure = set(context.unsure_after_denial)
        self.going_on = set(context.going_on_after_denial)
        self.scope_ends = set(context.scope_ends)
        self.never_denied_with = set(context.never_denied_with)
        self.taken_back_by = set(context.taken_back_by)
        self.taken_back_words = set(context.taken_back_words)
        self.not_taken_back_by = set(context.not_taken_back_by)
        self.taken_back_verbs = set(context.taken_back_verbs)
        self.taken_back_pointers = set(context.taken_back_pointers)
        self.place_words = set(context.place_words)
        self.places_named_by = set(context.places_named_by)
        self.not_a_place_after = set(context.not_a_place_after)
        self.words_between = set(context.words_between)
        self.about_the_spot: Dict[str, Set[str]] = {key: set(words) for key, words in context.about_the_spot.items()}
        self.spot_only_after: Dict[str, Set[str]] = {key: set(words) for key, words in context.spot_only_after.items()}
        self.worn_right_after, self.worn_refused = set(context.worn_right_after), set(context.worn_refused)
        self.worn_between = set(context.worn_between)
        self.history_before = set(context.history_before)
        self.history_after: List[str] = list(context.history_after)
        self.history_when_ages = set(context.history_when_ages)
        self.history_reach = context.history_reach
        self.history_right_after = set(context.history_right_after)
        self.condition_name_before = set(context.condition_name_before)
        self.condition_history_words = set(context.condition_history_words)
        self.condition_now_words = set(context.condition_now_words)
        self.other_sense_of = {sign: set(words) for sign, words in context.other_sense_of.items()}
        self.in_a_list_of_denials = DenialList.of(context)
        self.history_marked_before = [tuple(marker.split()) for marker in context.history_marked_before]
        self.history_year_after = set(context.history_year_after)
        self.history_seasons = [tuple(season.split()) for season in context.history_seasons]
        self.history_clause_ends = set(context.history_clause_ends)
        self.history_cancelled_by = set(context.history_cancelled_by)
        self.now_words = set(context.now_words) | self.present_markers
        self.other_sense_after = {word: set(nexts) for word, nexts in context.other_sense_after.items()}
        self.sight_words, self.sight_verbs = set(context.the_sight.words), set(context.the_sight.verbs)
        self.sight_colours, self.list_joiners = set(context.the_sight.colours), set(context.the_sight.list_joiners)
        self.strangers, self.stranger_openers = set(context.strangers), set(context.stranger_openers)
        self.not_a_stranger_beside = set(context.not_a_stranger_beside)
        self.long_lasting_after = {sign: list(phrases) for sign, phrases in context.long_lasting_after.items()}
        self.chronic_conditions = {sign: list(words) for sign, words in context.chronic_conditions.items()}
        self.chronic_signs = {sign: list(words) for sign, words in context.chronic_signs.items()}
        self.foreseen_modals = set(context.foreseen_modals)
        self.foreseen_changes = set(context.foreseen_changes)
        self.topic_takers = set(context.topic_takers)
        self.topic_reach = context.topic_reach
        self.person_topic_takers = set(context.person_topic_takers)
        self.person_topic_after = set(context.person_topic_after)
        self.topic_fillers = set(context.topic_fillers)
        self.topic_within: Dict[str, Set[str]] = {key: set(words) for key, words in context.topic_within.items()}
        self.fear_cues = set(context.fear_cues)
        self.fear_reach = context.fear_reach
        self.fear_of = [tuple(pair) for pair in context.fear_of]
        self.future_words = set(context.future_words)
        self.fear_scope_ends = set(context.fear_scope_ends)
        self.condition_cues = set(context.condition_cues)
        self.supposing_cues = set(context.supposing_cues)
        self.any_condition_cues = self.condition_cues | self.supposing_cues
        self.anyone_scope_ends = set(context.anyone_scope_ends)
        self.anyone_after_condition = set(context.anyone_after_condition)
        self.condition_changes = set(context.condition_changes)
        self.doubts_before_condition = set(context.doubts_before_condition)
        self.subjects = set(context.subjects)
        self.over_at_the_visit = OverAtTheVisit(over_at_the_visit)
        self.lingering_words = set(context.lingering_words)
        self.lingering_signs_of = set(context.lingering_signs_of)
        self.lingering_unless = set(context.lingering_unless)
        self.topic_after: Dict[str, Set[str]] = {key: set(words) for key, words in context.topic_after.items()}

    def __call__(self, doc: Doc) -> Doc:
        kept = [ent for ent in doc.ents if ent.label_ != LABEL or not self.set_aside(ent)]
        doc._.emergency_signs_set_aside += len(doc.ents) - len(kept)
        doc._.emergency_signs_denied = [ent.ent_id_ for ent in doc.ents if ent.label_ == LABEL and self.denied(ent)]
        doc.ents = kept  # type: ignore[assignment]  # spaCy's stub: Tuple[Span]
        return doc

    def set_aside(self, sign: Span) -> bool:
        return (self.denied(sign) or self.names_a_place(sign) or self.said_of_the_spot(sign)
                or self.in_the_past(sign) or self.about_something_else(sign) or self.only_feared(sign)
                or self.over_at_the_visit(sign) or self.lingering_at_the_lips(sign) or self.foreseen(sign)
                or self.about_anyone(sign))

    def words_before(self, sign: Span, window: int) -> List[str]:
        """The words before the sign in its sentence, nearest first."""
        start = max(sign.sent.start, sign.start - window)
        return [token.lower_ for token in reversed(sign.doc[start:sign.start])]

    def denied(self, sign: Span) -> bool:
        doc = sign.doc
        if sign[0].lower_ in self.scope_ends:  # the sign opens a statement of its own: "she's very floppy"
            return False
        inside = {token.lower_ for token in sign}
        if inside & (self.never_denied_with | self.own_negations):  # the glass test; "no can't breathe properly"
            return False
        if self.in_a_list_of_denials(sign):
            return True
        if sign[0].lower_ in self.body_first:  # "hes not eating lips going blue" denies nothing
            i = sign.start - 1
            while i >= sign.sent.start and doc[i].lower_ in self.denial_fillers:
                i -= 1
            return i >= sign.sent.start and doc[i].lower_ in self.denials and not self.taken_back(sign)
        for i in range(sign.start - 1, max(sign.sent.start, sign.start - self.context.denial_window) - 1, -1):
            word = doc[i].lower_
            if doc[i].is_punct or word in self.scope_ends:
                return False
            if word in self.denials:
                if i + 1 < sign.start and doc[i + 1].lower_ in self.going_on:  # "can't stop wheezing"
                    return False
                following = {token.lower_ for token in doc[i + 1: i + 1 + self.context.unsure_window]}
                return not (following & self.unsure) and not self.taken_back(sign)
        return False

    def taken_back(self, sign: Span) -> bool:
        """"no chest pain earlier, but now I have it"; not "... but nothing has"."""
        after = [token.lower_ for token in sign.doc[sign.end:sign.sent.end]]
        for i, word in enumerate(after):
            if word in self.taken_back_by:
                following = after[i + 1: i + 1 + self.context.taken_back_within]
                if following[:1] and following[0] in self.not_taken_back_by:
                    return False
                words = set(following)
                return bool(words & self.taken_back_words
                            or (words & self.taken_back_verbs and words & self.taken_back_pointers))
        return False

    def names_a_place(self, sign: Span) -> bool:
        if sign[0].lower_ not in self.place_words:
            return False
        i = sign.start - 1
        while i >= 0 and sign.doc[i].lower_ in self.words_between:
            i -= 1
        if i >= 1 and sign.doc[i].lower_ == "of" and sign.doc[i - 1].lower_ in self.not_a_place_after:
            return False
        return i >= 0 and sign.doc[i].lower_ in self.places_named_by

    def said_of_the_spot(self, sign: Span) -> bool:
        """"the blister has gone floppy", "the spot looks pale": a spot word just before the sign, in its own
        statement, or as its first word; "her skin is mottled" is the person's."""
        if self.person_subjects & {token.lower_ for token in sign}:  # "my blister is fine she is grey all over"
            return False
        spot_words = self.about_the_spot.get(sign.ent_id_, set())
        doc, words = sign.doc, []
        for i in range(sign.start - 1, max(sign.sent.start, sign.start - self.context.about_the_spot_window) - 1, -1):
            if doc[i].is_punct or doc[i].lower_ in self.scope_ends:
                break
            words.append(i)
        after = {token.lower_ for token in doc[sign.end:min(sign.sent.end, sign.end + self.context.spot_only_after_window)]}
        if after & self.spot_only_after.get(sign.ent_id_, set()) or self.worn(sign):
            return True
        candidates = words + [sign.start]
        if self.colour_of_a_spot(sign):
            return True
        return any(doc[i].lower_ in spot_words and not (doc[i].lower_ == "skin" and i > 0
                                                         and doc[i - 1].lower_ in self.persons_before_skin)
                   for i in candidates)

    def worn(self, sign: Span) -> bool:
        """"her big floppy sun hat": a sign whose words name no person or state, right before a hat."""
        doc, i = sign.doc, sign.end
        if i < len(doc) and doc[i].lower_ in self.worn_between:
            i += 1
        return i < len(doc) and doc[i].lower_ in self.worn_right_after \
            and not {token.lower_ for token in sign} & self.worn_refused

    def colour_of_a_spot(self, sign: Span) -> bool:
        """A colour told of a spot word: "my blister on my toe has gone a bit grey", with only words of place and of
        change between (subject_between); not a colour of the lips, face or skin, nor past a person or a part of the
        face ("the spot on her cheek her lips look blue")."""
        words = {token.lower_ for token in sign}
        if not self.subject_colours & words or self.subject_refused & words:
            return False
        doc = sign.doc
        for i in range(sign.start - 1, max(sign.sent.start, sign.start - self.context.subject_reach) - 1, -1):
            word = doc[i].lower_
            if word in self.subject_spots:
                return True
            if word not in self.subject_between:
                return False
        return False

    def names_a_condition(self, sign: Span) -> bool:
        """"hereditary angioedema (C1-INH deficiency) on prophylaxis, last attack 14 months ago": a history word in the
        sentence, and no word of now once "last attack" is left out."""
        words = " ".join(token.lower_ for token in sign.sent).replace("last attack", " ").split()
        return bool(self.condition_history_words & set(words)) and not self.condition_now_words & set(words)

    def in_the_past(self, sign: Span) -> bool:
        before = self.words_before(sign, self.context.history_window)  # nearest first
        if before and before[0] in self.history_links and set(before[1:]) & self.history_before:
            return True
        doc = sign.doc
        if sign.start > sign.sent.start and doc[sign.start - 1].lower_ in self.condition_name_before \
                and self.names_a_condition(sign):
            return True  # "hereditary angioedema on prophylaxis, last attack 14 months ago": a condition's name
        if sign.end < sign.sent.end and doc[sign.end].lower_ in self.history_right_after:
            return True  # "seizure-free for 20 years", "a seizure history"
        after = " " + " ".join(token.lower_ for token in doc[sign.end:min(sign.sent.end, sign.end + 6)]) + " "
        long_lasting = self.long_lasting_after.get(sign.ent_id_, [])
        return (any(f" {phrase} " in after for phrase in self.history_after + long_lasting)
                or self.at_an_earlier_age(sign) or self.marked_of_the_past_before(sign)
                or self.a_past_year_or_season_in_its_clause(sign) or self.usual_with_a_named_condition(sign))

    def usual_with_a_named_condition(self, sign: Span) -> bool:
        """"COPD ... breathless on the stairs, which has been my baseline for three years", "Raynaud's ... her
        fingers went blue like they always do": a long-standing condition named in the message, its sign told as
        usual, and no word of a change or of another sign in its sentence or the next."""
        conditions = self.chronic_conditions.get(sign.ent_id_)
        if not conditions:  # most signs have none: nothing to join
            return False
        message = " " + " ".join(token.lower_ for token in sign.doc) + " "
        sentence = " " + " ".join(token.lower_ for token in sign.sent) + " "
        next_sentence = sign.doc[sign.sent.end].sent if sign.sent.end < len(sign.doc) else None
        around = sentence + (" ".join(token.lower_ for token in next_sentence) + " " if next_sentence is not None else "")
        told = " " + " ".join(token.lower_ for token in sign.doc[max(sign.sent.start, sign.start - 3):sign.end]) + " "
        return (any(f" {word} " in message for word in conditions)
                and any(f" {words} " in told for words in self.chronic_signs.get(sign.ent_id_, []))
                and any(f" {words} " in sentence for words in self.context.chronic_usual)
                and not any(f" {words} " in around for words in self.context.chronic_changes))

    def marked_of_the_past_before(self, sign: Span) -> bool:
        """"six years ago, after ibuprofen - my lips and face swelled up", "last time ... my throat felt tight": a
        marker of the past earlier in the sentence, and no word of now between it and the sign ("years ago I
        reacted to it, now my lips are swelling" tells of now) or soon after it ("and now again")."""
        doc = sign.doc
        start = max(sign.sent.start, sign.start - self.context.history_before_reach)
        following = {token.lower_ for token in doc[sign.end:min(sign.sent.end, sign.end + self.history_reach)]}
        if following & self.now_words:
            return False
        words = [token.lower_ for token in doc[start:sign.start]] + [token.lower_ for token in sign]
        for i in range(len(words)):
            marker = next((m for m in self.history_marked_before if tuple(words[i:i + len(m)]) == m), None)
            if marker and not self.now_words & set(words[i + len(marker):]):
                return True
        return False

    def a_past_year_or_season_in_its_clause(self, sign: Span) -> bool:
        """"I had anaphylaxis in 2016 with throat swelling", "last winter he ... became really confused": in the
        sign's clause, with no word of now, of the treatment or of hours ago after it ("in 2015 with no issue but
        an hour ago my throat went tight" tells of now)."""
        doc, start = sign.doc, sign.start
        while start > sign.sent.start and doc[start - 1].lower_ not in self.history_clause_ends:
            start -= 1
        words = [token.lower_ for token in doc[start:sign.end]]
        following = {token.lower_ for token in doc[sign.end:min(sign.sent.end, sign.end + self.history_reach)]}
        if following & self.now_words:
            return False
        for i in range(len(words)):
            season = next((s for s in self.history_seasons if tuple(words[i:i + len(s)]) == s), None)
            length = len(season) if season else 2 if self.a_past_year(words[i:i + 2]) else 0
            if length:
                between = set(words[i + length:])
                return not between & (self.now_words | self.history_cancelled_by)
        return False

    def a_past_year(self, words: List[str]) -> bool:
        """"in 2016", "back in 2019": a year before this one. "since 2016" goes on to now, and is no marker. The
        screen has no date of its own, so this year is the machine's."""
        return (len(words) == 2 and words[0] in self.history_year_after and words[1].isdigit() and len(words[1]) == 4
                and 1900 <= int(words[1]) < date.today().year)

    def at_an_earlier_age(self, sign: Span) -> bool:
        """"a febrile seizure when she was 2": "when", someone "was", then an age. Not "she's having a seizure
        like when she was 2", which compares now with then."""
        words = sign.doc[sign.end:min(sign.sent.end, sign.end + self.history_reach)]
        for i in range(len(words) - 3):
            compares = i > 0 and words[i - 1].lower_ in ("like", "as")
            if words[i].lower_ == "when" and words[i + 2].lower_ in ("was", "were") and not compares:
                age = words[i + 3:i + 5]
                if any(token.like_num or token.lower_ in self.history_when_ages for token in age):
                    return True
        return False

    def foreseen(self, sign: Span) -> bool:
        """A modal and a change inside the sign's own words: "lips can become swollen"."""
        words = [token.lower_ for token in sign]
        modal = next((i for i, word in enumerate(words) if word in self.foreseen_modals), None)
        return modal is not None and bool(set(words[modal + 1:]) & self.foreseen_changes)

    def about_something_else(self, sign: Span) -> bool:
        after = [token.lower_ for token in sign.doc[sign.end:min(sign.sent.end, sign.end + 1 + self.context.other_sense_reach)]]
        if after[:1] == ["of"] and set(after[1:]) & self.other_sense_of.get(sign.ent_id_, set()):
            return True  # "a large seizure of goods"
        next_word = sign.doc[sign.end].lower_ if sign.end < len(sign.doc) else ""
        if next_word in self.other_sense_after.get(sign[-1].lower_, set()):  # "a fit of the giggles"
            return True
        if self.the_sight_going(sign):  # "everything went grey"
            return True
        if self.of_a_stranger(sign):
            return True
        if sign[-1].lower_ in self.topic_takers and next_word in self.topic_after.get(sign.ent_id_, set()):
            return True
        if sign[-1].lower_ in self.person_topic_takers:  # "not responding to me at all about how it feels"
            said_next = (token.lower_ for token in sign.doc[sign.end:sign.sent.end] if token.lower_ not in self.topic_fillers)
            return next(said_next, "") in self.person_topic_after
        if sign[-1].lower_ not in self.swallow_words:
            return False
        following = {token.lower_ for token in sign.doc[sign.end:min(sign.sent.end, sign.end + self.topic_reach)]}
        return bool(following & self.topic_within.get(sign.ent_id_, set()))

    def the_sight_going(self, sign: Span) -> bool:
        """"everything went grey and fuzzy": the sight greying, not a colour of the skin; not after a list ("his lips
        and everything went blue")."""
        doc, start = sign.doc, sign.start
        before = doc[start - 1].lower_ if start > sign.sent.start else ""
        listed = start - 2 >= sign.sent.start and doc[start - 2].lower_ in self.list_joiners
        return (before in self.sight_words and sign[0].lower_ in self.sight_verbs and not listed
                and sign[-1].lower_ in self.sight_colours)

    def of_a_stranger(self, sign: Span) -> bool:
        """"some bloke's throat swelled up": a body part told as a stranger's, in a message that does not say the
        patient has it too."""
        doc, start = sign.doc, sign.start
        if start - 3 < sign.sent.start or doc[start - 1].lower_ not in ("'s", "s") \
                or doc[start - 2].lower_ not in self.strangers or doc[start - 3].lower_ not in self.stranger_openers:
            return False
        return not {token.lower_ for token in doc} & self.not_a_stranger_beside

    def lingering_at_the_lips(self, sign: Span) -> bool:
        """"my lip is still quite swollen" after the lip was frozen: a swelling of the treated lips alone, told as
        a state that lingers. Not "my lips are still swelling", nor lips swollen after a wart on the hand."""
        if (sign.ent_id_ != "anaphylaxis" or sign[0].lower_ not in self.lingering_signs_of
                or sign[-1].lower_ not in self.lingering_states):
            return False
        sentence = {token.lower_ for token in sign.sent}
        return (bool(sentence & self.lingering_words) and not sentence & self.lingering_unless
                and bool(self.lip_treated.search(sign.doc.text.lower())))

    def only_feared(self, sign: Span) -> bool:
        """A fear or condition cue earlier in the clause, with a future word in the clause or a cue that
        fears something ("scared of", "thinking about")."""
        doc, start = sign.doc, sign.start
        while start > max(sign.sent.start, sign.start - self.fear_reach) and doc[start - 1].lower_ not in self.fear_scope_ends:
            start -= 1
        before = [token.lower_ for token in doc[start:sign.start]]
        cue = next((i for i, word in enumerate(before) if word in self.fear_cues or phrase_at(before, i, self.fear_of)), None)
        if cue is None or self.present_markers & set(before[cue:]):  # "worried as her lips are swelling"
            return False
        if self.a_condition_about_a_change(doc, start + cue, before[cue + 1:] + [token.lower_ for token in sign]):
            return True
        end = sign.end
        while end < sign.sent.end and doc[end].lower_ not in self.fear_scope_ends:
            end += 1
        clause = set(before[cue:]) | {token.lower_ for token in doc[sign.end:end]}
        return bool(clause & self.future_words) or contains(before[cue:], self.fear_of)

    def about_anyone(self, sign: Span) -> bool:
        """"if after the freezing somebody gets red spots that don't fade": a condition about anyone at all,
        earlier in the sign's clause, not doubted ("not sure if anyone can help"), with no present tense between it
        and the sign."""
        doc, start = sign.doc, sign.start
        while (start > max(sign.sent.start, sign.start - self.context.anyone_reach)
               and doc[start - 1].lower_ not in self.anyone_scope_ends):
            start -= 1
        for i in range(start, sign.start):
            doubted = i > 0 and doc[i - 1].lower_ in self.doubts_before_condition
            after_cue = {token.lower_ for token in doc[i + 1:min(sign.start, i + 1 + self.context.anyone_window)]}
            if doc[i].lower_ in self.any_condition_cues and not doubted and after_cue & self.anyone_after_condition:
                return not self.present_markers & {token.lower_ for token in doc[i + 1:sign.start]}
        return False

    def a_condition_about_a_change(self, doc, cue: int, words: List[str]) -> bool:
        """"if he got a fever and went floppy": a change the patient asks about, not one that happened. The
        change comes right after the condition's subject ("if my son got"), and no other subject follows it:
        "if I walk upstairs I get chest pain" and "if I get up I get chest pain" tell of now."""
        doubted = cue > 0 and doc[cue - 1].lower_ in self.doubts_before_condition and doc[cue].lower_ not in self.supposing_cues
        said = [word for word in words if any(ch.isalpha() for ch in word)]  # "if my son (7) got a fever"
        change = next((i for i, word in enumerate(said[:3]) if word in self.condition_changes), None)
        return (doc[cue].lower_ in self.any_condition_cues and not doubted and change is not None
                and not self.subjects & set(said[change + 1:]))


@Language.factory("emergency_screen", default_config={"context": {}, "over_at_the_visit": {}})
def make_emergency_screen(nlp: Language, name: str, context: Dict, over_at_the_visit: Dict) -> EmergencyScreen:
    return EmergencyScreen(parse_built_patterns(EmergencyContext, context),
                           parse_built_patterns(OverAtTheVisitPhrases, over_at_the_visit))


@dataclass(frozen=True)
class DenialList:
    """A sentence that is a clinical list of denials and nothing else: "Denies fever, rigors, dyspnoea, chest pain,
    lip or tongue swelling, urticaria." It opens with a denial ("Denies", "Pt denied") and then has only symptom names
    of at most item_words words, from the vocabulary, joined by commas or "or" (emergency_context.yml). The emergency
    screen reads it for the signs, triage/reading/message.py for the other symptoms."""
    subjects: FrozenSet[str]
    openers: FrozenSet[str]
    joiners: FrozenSet[str]
    item_words: int
    vocabulary: FrozenSet[str]

    @classmethod
    def of(cls, context: EmergencyContext) -> "DenialList":
        return cls(frozenset(context.denial_list_subjects), frozenset(context.denial_list_openers),
                   frozenset(context.denial_list_joiners), context.denial_list_item_words,
                   frozenset(context.denial_list_words))

    def __call__(self, span: Span) -> bool:
        """Whether the span's sentence is such a list, and the span part of it."""
        words = [token.lower_ for token in span.sent]
        start = 0
        while start < len(words) and words[start] in self.subjects:
            start += 1
        if start >= len(words) or words[start] not in self.openers:
            return False
        item = 0
        for word in words[start + 1:]:
            if word in self.joiners:
                item = 0
                continue
            item += 1
            if item > self.item_words or word not in self.vocabulary:
                return False
        return span.start > span.sent.start + start
