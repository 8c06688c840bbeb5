"""Recognise lines that belong to the web page, not to the document.

Users paste what their browser shows: colour pickers, forum headers, share
buttons, login prompts. These lines carry numbers and dates (``2万`` points,
``2023-3-1 17:41``) that would become false targets and deadlines, so the
structure parser skips them and the tagger never sees them.
"""
from __future__ import annotations

import re

_PATTERNS = [
    r"jquery", r"保护视力色", r"【\s*字体", r"打印本页", r"关闭窗口", r"【(打印|关闭)】",
    r"^设为首页", r"收藏本站", r"加入收藏", r"^查看:\s*\d+", r"回复:\s*\d+\s*$", r"\[复制链接\]",
    r"TA的每日心情", r"^签到天数", r"^\[LV\.\d+\]", r"^Rank:", r"^(积分|主题|帖子|版主|开心|关闭|字号|打印|分享|无)$",
    r"^发表于\s*\d{4}-", r"显示全部楼层", r"阅读模式", r"您需要登录后才可以", r"本版积分规则",
    r"^客服中心$", r"^在线(时间|咨询)", r"^周[一二三四五六日]\s*[~～-]\s*周[一二三四五六日]$",
    r"^\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}$", r"^联系电话[:：]?$", r"^Powered by", r"快速回复", r"返回顶部",
    r"返回列表", r"^返回上一级$", r"^公众意见$", r"^浏览次数", r"^索引号[:：]", r"^发布机构[:：]",
    r"^组配分类[:：]", r"^公开方式[:：]", r"^成文日期[:：]", r"^分享(到)?[:：]", r"^字体[:：]?\s*[\[【]",
    r"^\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(:\d{2})?$", r"^\d{3,4}-\d{7,8}$", r"^上一篇", r"^下一篇",
    r"^扫一扫", r"^【?打印此页", r"^\[\s*(打印|关闭)", r"^相关(链接|文章|阅读)",
    r"^\d{0,2}\.?\s*\[(文体分类|主题分类|发文机关|成文日期|发布日期|实施日期|索引号|文号|标题|有效性)\]",
    r"^(\d+\.\s*)?(首页|当前位置)\s*[>:]", r"^(\d+\.\s*)?>\s*正文$", r"\S+\s+>\s+\S+\s+>\s+\S+",
    r"^\|+$", r"扫码阅读手机版", r"^\d{1,2}:\d{2}\s+来源[::]", r"来源[::]\S{2,20}\s+(打印|【|\[)", r"^(来源|发布机构|信息来源|发布单位|发文机关|信息名称|文号|发布时间)[::]",
]
_JUNK = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
_BULLET = re.compile(r"^[\s•·●▪◆■□>*-]+")
_SENTENCE_PUNCT = re.compile(r"[。,,、;;::“”《》]")


def is_junk_line(line: str) -> bool:
    """True when ``line`` alone is recognisably page furniture."""
    stripped = _BULLET.sub("", line).strip()
    return bool(stripped) and bool(_JUNK.search(stripped))


def junk_flags(lines: list[str]) -> list[bool]:
    """Flag junk lines; short fragments between junk lines are junk too.

    Forum headers break into one-word lines (``2966`` / ``主题``) that mean
    nothing alone; a fragment whose nearest non-blank neighbours on both
    sides are junk is taken to be part of the same block.
    """
    flags = [is_junk_line(line) for line in lines]
    content = [i for i, line in enumerate(lines) if line.strip()]
    changed = True
    while changed:
        changed = False
        for k, i in enumerate(content):
            if flags[i]:
                continue
            s = _BULLET.sub("", lines[i]).strip()
            if len(s) > 14 or _SENTENCE_PUNCT.search(s):
                continue
            prev_junk = k > 0 and flags[content[k - 1]]
            next_junk = k + 1 < len(content) and flags[content[k + 1]]
            if prev_junk and next_junk:
                flags[i] = changed = True
    return flags
