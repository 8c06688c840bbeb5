"""List markers of Chinese official documents and their nesting ranks.

GB/T 9704 fixes the order 一、 > (一) > 1. > (1); work plans add 1.1 and ①.
Ranks are only an order: a document that skips a level still nests right,
because the parser compares ranks, never expects the next one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "一二三四五六七八九十百零〇两"
_MARKERS = [
    # (rank, kind, pattern) — tried in order; the first match wins.
    (0, "part", re.compile(rf"第[{_CN}\d]+(部分|章|篇)[、.:\s]?")),
    (1, "cn", re.compile(rf"[{_CN}]+、")),
    (2, "paren_cn", re.compile(rf"[(][{_CN}]+[)]、?")),
    (4, "decimal", re.compile(r"\d{1,3}\.\d{1,3}(?![\d%万亿个])\s*")),
    (3, "arabic", re.compile(r"\d{1,3}\s*[.、](?![\d%])\s*")),
    (5, "paren_arabic", re.compile(r"[(]\d{1,3}[)]\s*")),
    (5, "arabic_paren", re.compile(r"\d{1,3}[)]\s*")),
    (6, "circled", re.compile(r"[\u2460-\u2473\u3251-\u325f\u2474-\u2487]\s*")),
    # "一是…;二是…" enumerations, split into lines by the parser
    (8, "shi", re.compile(r"[一二三四五六七八九十]是(?=[^,,。]{2})")),
    # Bullets of web pages and news digests: ◆ ● ■ ▲ •. (★ marks a lead unit, not an item.)
    (7, "bullet", re.compile(r"[◆●■▲•◇○□]\s*(?=\S)")),
]


@dataclass(frozen=True)
class Marker:
    """A list marker at the start of a line: ``text[start:end]`` is the marker."""

    kind: str
    rank: int
    start: int
    end: int
    label: str


def match_marker(text: str, pos: int = 0) -> Marker | None:
    """Return the marker starting at ``pos``, if any.

    >>> match_marker("(一)着力强化城镇功能互补").kind
    'paren_cn'
    >>> match_marker("2.5 全面落实个人所得税改革").end
    4
    >>> match_marker("2018年是贯彻落实") is None
    True
    """
    for rank, kind, pattern in _MARKERS:
        m = pattern.match(text, pos)
        if m:
            label = m.group(0).strip()
            return Marker(kind, rank, pos, m.end(), label)
    return None
