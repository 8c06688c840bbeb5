"""Saved government web pages: the document's text, without the page around it.

Pages wrap a plan in navigation, share buttons, breadcrumbs and footers, and
put annexed tables in ``<table>``. lxml parses the page; the main block is the
one with the most Chinese text once page furniture is removed; block elements
become lines and a table's cells become one line each, row after row (how
a table reads when copied from a page), so the structure parser sees the
layout it knows. The title and
publication date are kept in ``meta``.
"""
from __future__ import annotations

import re

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "button",
              "select", "svg", "template")
_FURNITURE = re.compile(r"nav|menu|breadcrumb|crumb|footer|header|share|sidebar|side-bar|banner|toolbar|search|"
                        r"login|copyright|related|pager|top-bar|topbar|weixin|qrcode", re.I)
_BLOCKS = {"p", "div", "section", "article", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table",
           "tbody", "thead", "blockquote", "pre", "dd", "dt", "dl", "center", "main"}
_DATE = re.compile(r"(20\d\d|19\d\d)[-年./](\d{1,2})[-月./](\d{1,2})")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def html_to_text(html: str) -> tuple[str, dict]:
    """The main text of an HTML page and its ``meta`` (title, date when found).

    >>> page = ("<html><head><title>2022年工作要点</title></head><body><div class='nav'>首页 > 信息公开</div>"
    ...         "<div id='content'><p>一、主要任务</p><p>1.新建学校。(区教育局牵头)</p></div></body></html>")
    >>> html_to_text(page)[0]
    '一、主要任务\\n1.新建学校。(区教育局牵头)'
    """
    import lxml.html

    if not html.strip():
        return "", {}
    root = lxml.html.fromstring(html)
    meta: dict = {}
    title = root.findtext(".//title")
    if title and title.strip():
        meta["title"] = re.sub(r"\s+", " ", title).strip()
    for el in [el for el in root.iter(*_DROP_TAGS) if el.getparent() is not None]:
        el.drop_tree()
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        marks = " ".join(filter(None, (el.get("class"), el.get("id"))))
        if marks and _FURNITURE.search(marks) and len(_HAN.findall(el.text_content())) < 400:
            el.drop_tree()
    body = root.find("body")
    main = _main_block(body if body is not None else root)
    text = _lines(main)
    date = _DATE.search(lxml.html.tostring(root, encoding="unicode", method="text")[:3000])
    if date:
        meta["date"] = f"{int(date.group(1)):04d}-{int(date.group(2)):02d}-{int(date.group(3)):02d}"
    return text, meta


def _main_block(root):
    """The smallest block holding most of the page's Chinese text."""
    total = len(_HAN.findall(root.text_content())) or 1
    best = root
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag not in ("div", "article", "section", "main", "td", "table"):
            continue
        n = len(_HAN.findall(el.text_content()))
        if n >= 0.6 * total and len(_HAN.findall(best.text_content())) > n:
            best = el
    return best


def _lines(el) -> str:
    out: list[str] = []

    def walk(node):
        if not isinstance(node.tag, str):
            return
        if node.tag == "tr":
            # one cell a line, rows in order: the layout of a table copied from a page (seed 000's annex)
            cells = [re.sub(r"\s+", " ", c.text_content()).strip() for c in node if c.tag in ("td", "th")]
            out.append("\n" + "\n".join(c for c in cells if c) + "\n")
            out.append(node.tail or "")
            return
        block = node.tag in _BLOCKS
        if block:
            out.append("\n")
        if node.tag == "br":
            out.append("\n")
        out.append(node.text or "")
        for child in node:
            walk(child)
        if block:
            out.append("\n")
        out.append(node.tail or "")

    walk(el)
    text = "".join(out).replace("\xa0", " ")
    lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)
