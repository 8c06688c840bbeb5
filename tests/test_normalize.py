from hypothesis import given, strategies as st

from govie.text import normalize
from govie.text.junk import junk_flags


def test_full_width_digits_and_punctuation():
    n = normalize("新增１２０家，完成率９５％．")
    assert n.text == "新增120家,完成率95%."


def test_space_inside_a_number_is_dropped_and_mapped_back():
    src = "增速快于属地规上产值 1.6 个百分点"
    n = normalize(src)
    i = n.text.index("1.6个百分点")
    assert src[slice(*n.to_original(i, i + 7))] == "1.6 个百分点"


def test_ideographic_space_becomes_a_space_and_zero_width_chars_vanish():
    n = normalize("一、\u3000主要\u200b任务")
    assert n.text == "一、 主要任务"
    assert n.to_original(3, 7) == (3, 8)


@given(st.text())
def test_offsets_always_point_into_the_input(s):
    n = normalize(s)
    assert len(n.offsets) == len(n.text) + 1
    assert all(0 <= o <= len(s) for o in n.offsets)
    assert n.offsets == sorted(n.offsets)
    for i in range(len(n.text)):
        a, b = n.to_original(i, i + 1)
        assert 0 <= a < b <= len(s)


def test_forum_header_lines_are_junk_but_the_title_is_not():
    lines = ["设为首页收藏本站", "查看: 2470|回复: 0", "[上海] 2020年上海市金山区政府工作报告", "[复制链接]",
             "• TA的每日心情", "开心", "2023-3-1 17:41", "2966", "主题", "2万", "积分", "发表于 2020-7-6 10:31:28"]
    flags = junk_flags(lines)
    assert flags == [True, True, False, True, True, True, True, True, True, True, True, True]
