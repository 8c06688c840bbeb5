"""Normalise text for the models while keeping every offset tied to the input.

Work plans arrive with full-width digits and punctuation (１２０家，（一）),
ideographic spaces and stray spaces inside numbers (``1.6 个百分点``). The
models see one spelling of each; users must get offsets into the string they
passed. So normalisation is character-wise (each output character remembers
the input character it came from) and deletions are recorded too. Text in
traditional characters is converted to simplified first, character for
character (``govie.text.script``), so the same map serves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .script import to_simplified

# Spaces that separate a number from its unit or split a number: "1.6 个百分点",
# "20732 架次", "63 家". Removing them lets one pattern match both spellings.
_INNER_SPACE = re.compile(r"(?<=[0-9.%])[ \t\u00a0]+(?=[0-9.%个万亿千百十元家架人项条座所套张户亩吨米公千])")
# One space between two Chinese characters is an artefact of PDF or web extraction
# ("市 财政局"); wider gaps may separate table columns and are kept.
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def _char_map(ch: str) -> str:
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII block
        return chr(code - 0xFEE0)
    if ch in "\u3000\u00a0\u2002\u2003\u2009\u200a":
        return " "
    if ch in "\u200b\u200c\u200d\ufeff":
        return ""
    return ch


@dataclass
class NormalizedText:
    """The normalised string and, for each of its characters, the input offset."""

    text: str
    original: str
    offsets: list  # offsets[i] = index in original of text[i]; offsets[len(text)] = len(original)
    traditional: bool = False  # the original was written in traditional characters and converted

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised [start, end) span to the input's [start, end)."""
        if start >= end:
            o = self.offsets[start]
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1

    def to_normalized(self, start: int, end: int) -> tuple[int, int]:
        """Map an input span to the smallest normalised span covering it."""
        import bisect

        s = bisect.bisect_left(self.offsets, start, 0, len(self.text))
        e = bisect.bisect_left(self.offsets, end, 0, len(self.text))
        return s, max(s, e)


def normalize(text: str) -> NormalizedText:
    """Return ``text`` normalised for matching, with the offset map back to it.

    >>> n = normalize("新增１２０家，增长 1.6 个百分点")
    >>> n.text
    '新增120家,增长 1.6个百分点'
    >>> start = n.text.index("1.6个百分点")
    >>> n.original[slice(*n.to_original(start, start + 7))]
    '1.6 个百分点'
    >>> normalize("區民政局牽頭").text
    '区民政局牵头'
    """
    simplified = to_simplified(text)
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(simplified or text):
        mapped = _char_map(ch)
        for c in mapped:
            out.append(c)
            offsets.append(i)
    mapped_text = "".join(out)
    # Second pass: drop spaces inside numbers, composing the offset maps.
    keep = [True] * len(mapped_text)
    for pattern in (_INNER_SPACE, _CJK_SPACE):
        for m in pattern.finditer(mapped_text):
            for j in range(m.start(), m.end()):
                keep[j] = False
    if all(keep):
        final, final_offsets = mapped_text, offsets
    else:
        final = "".join(c for c, k in zip(mapped_text, keep) if k)
        final_offsets = [o for o, k in zip(offsets, keep) if k]
    final_offsets.append(len(text))
    return NormalizedText(final, text, final_offsets, traditional=simplified is not None)
