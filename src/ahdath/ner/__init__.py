"""Arabic named-entity recognition trained here (ANERcorp labels PERS, LOC, ORG, MISC).

``NERTagger.load()`` loads the shipped model from ``ahdath/ner/model``; calling the tagger on a
:class:`ahdath.model.Document` fills ``doc.entities``. ``ahdath.ner.conll.tag_conll`` tags CoNLL files.
"""

from ahdath.ner.tagger import LABELS, ModelNotFoundError, NERTagger

__all__ = ["LABELS", "ModelNotFoundError", "NERTagger"]
