"""The spaCy component that relabels a symptom the message only asks about ("if it starts oozing,
do I need a doctor?") from SYMPTOM to HYPOTHETICAL, keeping its id. The reading then answers the
question with the rules' advice instead of triaging a symptom the patient does not have. Its rules
are data (triage/reading/patterns/hypothetical_context.yml), copied into the pipeline's config when built, and checked
against their schema (pattern_schema.py)."""
from typing import Dict, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from triage.reading.pattern_schema import HypotheticalContext, parse_built_patterns


SYMPTOM, HYPOTHETICAL = "SYMPTOM", "HYPOTHETICAL"


class HypotheticalScreen:
    def __init__(self, context: HypotheticalContext):
        self.cues = set(context.cues)
        self.unsure_before_if = set(context.unsure_before_if)
        self.how_to_words = set(context.how_to_words)
        self.how_reach = context.how_reach
        self.how_subjects = set(context.how_subjects)
        self.how_to_tell_signs = set(context.how_to_tell_signs)
        self.not_a_condition_after_if = set(context.not_a_condition_after_if)
        self.presupposing_determiners = set(context.presupposing_determiners)
        self.presupposed_signs = set(context.presupposed_signs)
        self.arising_verbs = set(context.arising_verbs)
        self.cue_window = context.cue_window
        self.anyone_after_cue = set(context.anyone_after_cue)
        self.anyone_cue_window = context.anyone_cue_window
        self.scope_ends = set(context.scope_ends)
        self.modals = set(context.modals)
        self.change_verbs = set(context.change_verbs)
        self.ability_modals = set(context.failed_attempt.ability_modals)
        self.modal_negations = set(context.failed_attempt.negations)
        self.attempted_objects = set(context.failed_attempt.objects)
        self.future_modals = set(context.future_modals)
        self.future_reach = context.future_reach
        self.future_auxiliaries = set(context.future_auxiliaries)
        self.forecast_modals = self.modals | self.future_modals
        self.present_markers = set(context.present_markers)
        self.resolution_verbs = set(context.resolution_verbs)
        self.reporting_verbs = set(context.reporting_verbs)
        self.feeling_words = set(context.feeling_words)
        self.guess_about_now = set(context.guess_about_now)
        self.joiners = set(context.joiners)
        self.join_reach = context.join_reach
        self.came_true = [tuple(words.split()) for words in context.came_true]
        self.awaited = set(context.awaited)
        self.awaited_cues = set(context.awaited_cues)
        self.awaited_past_forms = set(context.awaited_past_forms)
        self.fear_words = set(context.fear_words)
        # spaCy splits "mine's" as "mine 's": compare with the tokens joined by spaces
        self.confirmations = [" ".join(phrase.replace("'s", " 's").split()) for phrase in context.confirmations]
        self.feared_marks = set(context.feared_marks)

    def __call__(self, doc: Doc) -> Doc:
        if self.confirmed(doc):
            return doc
        ents, previous = [], None
        for ent in doc.ents:
            if ent.label_ == SYMPTOM and (self.is_hypothetical(ent) or self.joined_to_hypothetical(previous, ent)):
                ent = self.relabel(ent)
            ents.append(ent)
            previous = ent
        doc.ents = ents  # type: ignore[assignment]  # spaCy's stub: Tuple[Span]
        return doc

    def confirmed(self, doc: Doc) -> bool:
        """"if the blister is hot, is that ok? mine is": the patient confirms the condition."""
        text = " " + " ".join(token.lower_ for token in doc) + " "
        return any(f" {phrase} " in text for phrase in self.confirmations)

    def joined_to_hypothetical(self, previous: Optional[Span], symptom: Span) -> bool:
        """"it would look red and angry": a symptom joined to a hypothetical one shares its condition."""
        if previous is None or previous.label_ != HYPOTHETICAL or symptom.start - previous.end > self.join_reach:
            return False
        return all(token.lower_ in self.joiners for token in symptom.doc[previous.end:symptom.start])

    @staticmethod
    def relabel(ent: Span) -> Span:
        return Span(ent.doc, ent.start, ent.end, label=HYPOTHETICAL, span_id=ent.ent_id_)

    def is_hypothetical(self, symptom: Span) -> bool:
        doc = symptom.doc
        if self.it_came_true(symptom):
            return False
        if symptom.ent_id_ in self.awaited and self.is_awaited(symptom):
            return True
        clause = []
        for i in range(symptom.start - 1, symptom.sent.start - 1, -1):
            word = doc[i].lower_
            if word in self.scope_ends:
                break
            if word in self.cues:
                return symptom.start - i <= self.window_after(doc, i) and not self.presupposes(symptom, i) and (
                    self.is_a_condition(doc, i) or self.asks_how_to_tell(symptom, i))
            clause.append(word)
        return self.foresees_a_change(clause) or self.foresees_it(symptom, clause) or self.fears_it(symptom, clause)

    def fears_it(self, mark: Span, words_before) -> bool:
        """"scared it'll leave a scar": a lasting mark feared in the future. Not a warning sign ("worried it won't
        stop bleeding" tells of a bleeding now), a spot still there ("worried the wart won't go away, it's been 6
        weeks"), nor a fear of now ("worried it's a scar")."""
        if mark.ent_id_ not in self.feared_marks or not self.fear_words & set(words_before):
            return False
        fear = next(i for i, word in enumerate(words_before) if word in self.fear_words)
        said = set(words_before[:fear]) | {token.lower_ for token in mark}
        return bool(said & self.forecast_modals or "wo" in said)

    def is_awaited(self, change: Span) -> bool:
        """"when will it fall off?", "thought it would drop off by now": a change still waited for, told with
        a cue earlier in its clause and not in the simple past ("when it fell off, the wart was still there")."""
        if self.awaited_past_forms & {token.lower_ for token in change}:
            return False
        doc = change.doc
        for i in range(change.start - 1, max(change.sent.start, change.start - self.cue_window - 2) - 1, -1):
            if doc[i].lower_ in self.scope_ends:
                return False
            if doc[i].lower_ in self.awaited_cues:
                return True
        return False

    def it_came_true(self, symptom: Span) -> bool:
        """"he said they might come back, and they did": a forecast the patient says came true."""
        after = [token.lower_ for token in symptom.doc[symptom.end:symptom.sent.end] if token.lower_ != ","]
        return any(tuple(after[:len(words)]) == words for words in self.came_true)

    def window_after(self, doc: Doc, cue: int) -> int:
        """How far a cue reaches: further when the condition is about anyone at all ("if a patient developed")."""
        subject = {token.lower_ for token in doc[cue + 1:cue + 3]}
        return self.anyone_cue_window if subject & self.anyone_after_cue else self.cue_window

    def is_a_condition(self, doc: Doc, cue: int) -> bool:
        if doc[cue].lower_ != "if":
            return True
        before = doc[cue - 1].lower_ if cue > 0 else ""
        after = doc[cue + 1].lower_ if cue + 1 < len(doc) else ""
        return before not in self.unsure_before_if and after not in self.not_a_condition_after_if

    def asks_how_to_tell(self, symptom: Span, cue: int) -> bool:
        """"how do I know if it's infected?": what to look for, asked with nothing described after it."""
        doc = symptom.doc
        if symptom.ent_id_ not in self.how_to_tell_signs or doc[cue].lower_ != "if" or cue + 1 >= len(doc) \
                or doc[cue + 1].lower_ not in self.how_subjects:
            return False
        words = [token.lower_ for token in doc[max(symptom.sent.start, cue - self.how_reach):cue]]
        asks_how = any(word == "how" and words[i + 1:i + 2] and words[i + 1] in self.how_to_words
                       for i, word in enumerate(words))
        described_after = any(ent.label_ == SYMPTOM and ent.start >= symptom.end for ent in symptom.sent.ents)
        return asks_how and not described_after

    def presupposes(self, symptom: Span, cue: int) -> bool:
        """"if the blister bursts": "if", a determiner, a sign of the usual course, then what happens to it (not
        its arising)."""
        doc = symptom.doc
        after = doc[symptom.end].lower_ if symptom.end < len(doc) else ""
        return (symptom.ent_id_ in self.presupposed_signs and doc[cue].lower_ == "if" and symptom.start == cue + 2
                and doc[cue + 1].lower_ in self.presupposing_determiners
                and after not in self.arising_verbs)

    def foresees_a_change(self, words_before) -> bool:
        """A change verb with a modal before it in the clause: "could ... become", "will ... get"; not "couldn't
        get the ..."."""
        change = next((i for i, word in enumerate(words_before) if word in self.change_verbs), None)
        # "couldn't get the bleeding to stop": a determiner between the verb and the sign; "it couldn't get
        # infected", "you can't get an infection from it" still foresee (safety review, round 10)
        attempt = change is not None and change > 0 and words_before[change - 1] in self.attempted_objects
        return change is not None and any(
            word in self.modals and not (attempt and word in self.ability_modals
                                         and words_before[i - 1] in self.modal_negations)
            for i, word in enumerate(words_before) if i > change)

    def foresees_it(self, symptom: Span, words_before) -> bool:
        """A future modal a few words before ("it's going to spread"), or a clinician's modal after a
        reporting verb ("he mentioned I might have red blotches"), and nothing that says it is there now."""
        doc = symptom.doc
        after = doc[symptom.end].lower_ if symptom.end < len(doc) else ""
        if after in self.resolution_verbs:
            return False
        for distance, word in enumerate(words_before[:self.future_reach]):
            between = words_before[:distance]
            if self.present_markers & set(between):
                return False
            if word not in self.forecast_modals or not self.foretells(symptom, distance, between):
                continue
            before = set(words_before[distance + 1:])
            if word in self.future_modals:
                return not self.feeling_words & before
            if self.reporting_verbs & before and not (between and between[-1] in self.guess_about_now):
                return True
        return False

    def foretells(self, symptom: Span, distance: int, between) -> bool:
        """The modal's verb is the symptom or an auxiliary ("it's going to spread", "I'll be stuck with a
        scar", "will then blister"), or the modal asks ("will frozen warts spread?"). Not "going to bed
        with a temperature", nor "I will take paracetamol for the pain"."""
        modal = symptom.start - 1 - distance
        if modal == symptom.sent.start:  # "Will ... ?": whatever stands between is its subject
            return True
        verbs = list(reversed(between))  # the words after the modal, in order
        if symptom.doc[modal].lower_ == "going":
            if verbs[:1] != ["to"]:  # not "it's going red"
                return False
            verbs = verbs[1:]
        return not verbs or verbs[0] in self.future_auxiliaries


@Language.factory("hypothetical_screen", default_config={"context": {}})
def make_hypothetical_screen(nlp: Language, name: str, context: Dict) -> HypotheticalScreen:
    return HypotheticalScreen(parse_built_patterns(HypotheticalContext, context))
