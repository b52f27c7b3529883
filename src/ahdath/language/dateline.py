"""A news dateline at the start of an article: «لندن، بريطانيا (CNN) --», «القاهرة (رويترز) -».

It says where the report was filed and by whom; the places in it are not actors of the story."""

from __future__ import annotations

from ahdath.model import Document

DASHES = frozenset({"—", "–", "-", "--", "ـ"})
MAX_WORDS = 7  # place, country and outlet: «واشنطن، الولايات المتحدة الأمريكية (CNN)»


def leading_dateline(doc: Document) -> tuple[int, int] | None:
    """A dateline candidate at the start of the text: (the offset where its bracket opens, the offset just
    past its dash), from words, an outlet in brackets (at most 3 words) and a dash; else None. Whether the
    words before the bracket are places is for the caller (the actor layer) to say."""
    toks = doc.tokens
    words, bracket = 0, -1
    for k, t in enumerate(toks):
        if t.text == "(" and bracket < 0:
            bracket = k
        elif t.text == ")":
            j = k + 1
            while j < len(toks) and toks[j].text in DASHES:
                j += 1
            if bracket < 1 or j == k + 1 or k - bracket - 1 > 3:
                return None
            return toks[bracket].start, toks[j - 1].end
        elif t.is_punct and t.text not in "،,":
            return None
        elif not t.is_punct:
            words += 1
            if words > MAX_WORDS:
                return None
    return None
