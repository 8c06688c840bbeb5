"""The tagger as a spaCy pipeline: a jieba tokenizer and an entity component.

Users who work in spaCy get a ``Language`` whose ``doc.ents`` are govie's
entities, with ``span._.govie_norm`` and ``span._.govie_score``; govie itself
runs the same pipeline inside ``extract``. Everything is saved as JSON and
npz by govie's own model directory, never through pickle.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .segment import Segmenter
from .tagger import EntityTagger

if not Span.has_extension("govie_norm"):
    Span.set_extension("govie_norm", default=None)
if not Span.has_extension("govie_score"):
    Span.set_extension("govie_score", default=None)


class JiebaTokenizer:
    """Turns text into a spaCy Doc using a govie ``Segmenter`` (jieba + domain lexicon)."""

    def __init__(self, vocab, segmenter: Segmenter):
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str) -> Doc:
        words = self.segmenter.tokens(text) if text else []
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        # Token offsets, kept so the entity component need not walk the Doc again.
        spans, pos = [], 0
        for w in words:
            spans.append((pos, pos + len(w)))
            pos += len(w)
        doc.user_data["govie_token_spans"] = spans
        return doc


class EntityComponent:
    """spaCy component: sets ``doc.ents`` from the govie entity tagger.

    Reads ``doc.user_data["govie"]`` (structure, year, title) when the
    extractor provides it, and parses the structure itself otherwise.
    """

    def __init__(self, nlp: Language, name: str, tagger: EntityTagger | None = None):
        self.name = name
        self.tagger = tagger

    def __call__(self, doc: Doc) -> Doc:
        if self.tagger is None:
            return doc
        info = doc.user_data.get("govie", {})
        spans = doc.user_data.get("govie_token_spans") or [(t.idx, t.idx + len(t.text)) for t in doc]
        found = self.tagger.predict(doc.text, info.get("structure"), info.get("year"), info.get("title"),
                                    token_spans=spans)
        ents = []
        for f in found:
            span = doc.char_span(f.start, f.end, label=f.label, alignment_mode="expand")
            if span is None:
                continue
            span._.govie_norm = f.norm
            span._.govie_score = f.score
            ents.append(span)
        doc.set_ents(ents, default="outside")
        doc.user_data["govie_found"] = found
        return doc


@Language.factory("govie_entities")
def make_entity_component(nlp: Language, name: str):
    return EntityComponent(nlp, name)


def build_nlp(tagger: EntityTagger) -> Language:
    """A spaCy ``zh`` pipeline with govie's tokenizer and entity component.

    >>> nlp = build_nlp(EntityTagger())
    >>> [t.text for t in nlp("区民政局负责")]
    ['区', '民政局', '负责']
    """
    import spacy

    nlp = spacy.blank("zh")
    nlp.tokenizer = JiebaTokenizer(nlp.vocab, tagger.segmenter)
    component = nlp.add_pipe("govie_entities")
    component.tagger = tagger
    return nlp
