"""Traditional characters in, simplified characters for the models.

Plans from Hong Kong, Macao and Taiwan sources, and mainland pages saved in
traditional characters (繁體中文 versions of government sites), name the same
bodies as the simplified plans the models learnt from: 區發展改革委 is
区发展改革委. OpenCC converts them; govie only keeps the conversion when it
keeps every character in its place, so offsets still point into the caller's
text and entities come out in the characters the caller wrote.

Simplified plans also contain a few characters that OpenCC rewrites (乾 in
乾安县 becomes 干, a person's name loses its character), so a document is
converted only when it is written in traditional characters, not when a
traditional character or two stray into it.
"""
from __future__ import annotations

import re
from functools import lru_cache

_HAN = re.compile(r"[\u4e00-\u9fff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Share of Chinese characters OpenCC must change before a text counts as
# traditional. Every corpus document written out in traditional characters
# changes 25% or more; the simplified originals change at most 0.6% (one mixed
# page), most none.
TRADITIONAL_SHARE = 0.1


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s.json")


def to_simplified(text: str) -> str | None:
    """The text in simplified characters, character for character; None if it is not traditional.

    >>> to_simplified("區發展改革委牽頭,年底前完成")
    '区发展改革委牵头,年底前完成'
    >>> to_simplified("区发展改革委牵头") is None
    True
    """
    # OpenCC takes UTF-8, which has no lone surrogates (bytes decoded with surrogateescape).
    text = _SURROGATE.sub("\ufffd", text)
    converted = _converter().convert(text)
    if len(converted) != len(text):
        converted = _aligned(text)
    changed = sum(a != b for a, b in zip(text, converted))
    han = len(_HAN.findall(text))
    if not changed or changed < TRADITIONAL_SHARE * han:
        return None
    return converted


def _aligned(text: str) -> str:
    """Convert line by line, and character by character where a phrase changed length."""
    convert = _converter().convert
    out = []
    for line in text.splitlines(keepends=True):
        c = convert(line)
        if len(c) != len(line):
            c = "".join(d if len(d := convert(ch)) == 1 else ch for ch in line)
        out.append(c)
    return "".join(out)
