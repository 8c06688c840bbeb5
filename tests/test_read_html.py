"""Saved web pages: the same extraction as the document's plain text, without the page around it."""
import govie

PLAIN = ("2022年重点工作任务分工表\n"
         "一、主要任务\n"
         "1.新建学校3所。(区教育局牵头,各街道配合)\n"
         "2.年内新增养老床位200张。(区民政局牵头)\n"
         "二、民生实事分工\n"
         "序号\n工作任务\n牵头单位\n完成时限\n"
         "1\n改造老旧小区12个。\n区住房城乡建设局\n2022年10月底前\n"
         "2\n新建公共停车位500个。\n区交通运输局\n2022年12月\n")

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>2022年重点工作任务分工表_某区人民政府</title>
<script>var x = "不能读取jquery";</script><style>.nav{color:red}</style></head>
<body><div class="top-bar">无障碍 | 长者模式 | 登录</div>
<div class="nav"><a>首页</a><a>政务公开</a><a>政策文件</a><a>互动交流</a></div>
<div class="breadcrumb">首页 &gt; 政务公开 &gt; 政策文件</div>
<div id="main"><div class="article">
<h1>2022年重点工作任务分工表</h1>
<div class="info">发布日期:2022-03-15 来源:区政府办公室</div>
<div class="content">
<p>一、主要任务</p>
<p>1.新建学校3所。(区教育局牵头,各街道配合)</p>
<p>2.年内新增养老床位200张。(区民政局牵头)</p>
<p>二、民生实事分工</p>
<table><tr><th>序号</th><th>工作任务</th><th>牵头单位</th><th>完成时限</th></tr>
<tr><td>1</td><td>改造老旧小区12个。</td><td>区住房城乡建设局</td><td>2022年10月底前</td></tr>
<tr><td>2</td><td>新建公共停车位500个。</td><td>区交通运输局</td><td>2022年12月</td></tr></table>
</div></div></div>
<div class="share">分享到:微信 微博</div>
<div class="footer">主办:某区人民政府办公室 联系电话:010-12345678 版权所有</div></body></html>"""


def test_html_page_reads_as_its_document(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    result = govie.read(path)
    assert result.meta["title"].startswith("2022年重点工作任务分工表")
    assert result.meta["date"] == "2022-03-15"
    text = result.text
    for junk in ("首页", "分享到", "版权所有", "jquery", "长者模式"):
        assert junk not in text
    lines = text.split("\n")
    assert lines[lines.index("序号"):lines.index("序号") + 4] == ["序号", "工作任务", "牵头单位", "完成时限"]


def test_extraction_from_html_matches_the_plain_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    from_html = govie.extract(govie.read(path).text, year=2022)
    from_plain = govie.extract(PLAIN, year=2022)
    summary = lambda d: [(t.text, [e.text for e in t.lead], [e.text for e in t.owners],
                          [x.norm["date"] for x in t.deadlines]) for t in d.tasks]
    assert summary(from_html) == summary(from_plain)
    assert ("改造老旧小区12个。", ["区住房城乡建设局"], [], ["2022-10-31"]) in summary(from_html)
    assert ("新建学校3所。", ["区教育局"], ["各街道"], []) in summary(from_html)
