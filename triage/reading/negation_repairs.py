"""Repairs to negspacy's scope, after it (triage/reading/patterns/negation.yml says why each is there):

- a denied ending: "the fever wasn't coming down" is no denial of the fever (a pseudo negation there), but "not
  getting better" still denies the improvement: a mention that starts inside such a phrase, at or after its ending,
  is denied; one that holds the negation itself ("not changed") is told;
- an improvement with a denial earlier in its clause is denied, whatever pseudo negation stands between: "the
  cream isn't helping it get any better"; so is a symptom right after "any": "couldn't get any pus out";
- a perfect tense denies only the sign right after it, or after a few words such as "had any": "I haven't fainted",
  "she hasn't had a temperature", and a return right after a present perfect: "it hasn't started again"; not
  "haven't had a chance to ring the clinic, it's oozing pus", nor a sign compared ("I haven't had a temperature this
  high in years")."""
from typing import Dict, List

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span


class NegationRepairs:
    def __init__(self, nlp: Language, endings: List[List[str]], perfect: Dict, in_clause: Dict,
                 labels: List[str]) -> None:
        self.endings = PhraseMatcher(nlp.vocab, attr="LOWER")
        for negation, ending in endings:
            # the match's key tells how many tokens the negation takes: "was n't" two, "never" one
            self.endings.add(str(len(nlp.make_doc(negation))), [nlp.make_doc(f"{negation} {ending}")])
        self.perfect = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.perfect.add("perfect", [nlp.make_doc(negation) for negation in perfect["negations"]])
        self.between, self.reach = set(perfect["between"]), perfect["reach"]
        self.compared_after, self.carried_by = set(perfect["compared_after"]), set(perfect["carried_by"])
        self.present_perfect = set(perfect["present_perfect"])
        self.change_after = set(perfect["change_after"])
        self.improvement, self.denied_after = in_clause["trend"], set(in_clause["denied_after"])
        self.clause_ends, self.negations = set(in_clause["clause_ends"]), set(in_clause["negations"])
        self.labels = set(labels)

    def __call__(self, doc: Doc) -> Doc:
        ents = [ent for ent in doc.ents if ent.label_ in self.labels]
        for key, start, end in self.endings(doc):
            ending_start = start + int(doc.vocab.strings[key])
            for ent in ents:
                if ending_start <= ent.start < end:
                    ent._.negex = True
        for ent in ents:
            if ent.label_ == "TREND" and ent.ent_id_ == self.improvement and self.denied_in_its_clause(ent):
                ent._.negex = True
            # "couldn't get any pus out", "not been able to see any pus": "any" after a denial in its clause
            if ent.label_ == "SYMPTOM" and ent.start > 0 and doc[ent.start - 1].lower_ in self.denied_after \
                    and self.denied_in_its_clause(ent):
                ent._.negex = True
        for _, start, end in self.perfect(doc):
            for ent in self.denied_by_the_perfect(doc, ents, end):
                ent._.negex = True
        return doc

    def denied_in_its_clause(self, ent: Span) -> bool:
        doc, i = ent.doc, ent.start - 1
        while i >= ent.sent.start and doc[i].lower_ not in self.clause_ends:
            if doc[i].lower_ in self.negations:
                return True
            i -= 1
        return False

    def a_return(self, ent: Span, end: int) -> bool:
        """"it hasn't started again": a return ("started again") right after a present perfect denial, with nothing after
        it in its sentence that tells a change ("hasn't started again until today"). Not a worsening in other words
        ("the swelling hasn't got worse, the pain has": safety review, round 15)."""
        doc = ent.doc
        auxiliary = doc[end - 1].lower_ if doc[end - 1].lower_ in self.present_perfect else doc[max(end - 2, 0)].lower_
        if ent.label_ != "TREND" or ent.start != end or auxiliary not in self.present_perfect \
                or not ent.text.lower().startswith("start"):
            return False
        return not {token.lower_ for token in doc[ent.end:ent.sent.end]} & self.change_after

    def denied_by_the_perfect(self, doc: Doc, ents: List[Span], end: int) -> List[Span]:
        """The first symptom after the negation (or a return right after it), if only `between` words stand before it
        and it is not compared, and those joined to it by "or" or "nor": "haven't had any fever or pus"."""
        symptoms = [ent for ent in ents if ent.start >= end and (ent.label_ == "SYMPTOM" or self.a_return(ent, end))]
        denied: List[Span] = []
        for ent in symptoms:
            if ent.start - end > self.reach or any(token.lower_ not in self.between for token in doc[end:ent.start]):
                break
            after = {token.lower_ for token in doc[ent.end:min(ent.end + 3, ent.sent.end)]}
            if after & self.compared_after:
                break
            denied.append(ent)
            if ent.end >= len(doc) or doc[ent.end].lower_ not in self.carried_by:
                break
            end = ent.end + 1
        return denied


@Language.factory("negation_repairs", default_config={"endings": [], "perfect": {}, "in_clause": {}, "labels": []})
def make_negation_repairs(nlp: Language, name: str, endings: List[List[str]], perfect: Dict, in_clause: Dict,
                          labels: List[str]) -> NegationRepairs:
    return NegationRepairs(nlp, endings, perfect, in_clause, labels)
