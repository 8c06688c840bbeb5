"""METRIC and DEADLINE normalisation on real phrases from the seeds and the corpus."""
import pytest

from govie.entities.numbers import find_quantities, metric_norm
from govie.entities.times import deadline_norm, find_times

# (span as written, clause before it, expected norm subset) — from the seeds and data/markup
METRICS = [
    ("200张", "新增养老床位", {"value": 200, "unit": "张", "comparator": None, "quantity": "养老床位"}),
    ("4.5万平方米", "新增各类公共绿地", {"value": 45000, "unit": "平方米", "quantity": "公共绿地"}),
    ("95%以上", "确保水稻机械化播栽率达到", {"value": 95, "unit": "%", "comparator": ">="}),
    ("约100套", "启动渔村", {"value": 100, "unit": "套", "comparator": "~"}),
    ("2-3个", "申报", {"value": 2, "value_max": 3, "unit": "个"}),
    ("3-4个", "完成全区90%的居村和", {"value": 3, "value_max": 4, "unit": "个"}),
    ("零增长", "确保新增违建", {"value": 0, "unit": None, "comparator": None}),
    ("1.4万户", "实施", {"value": 14000, "unit": "户"}),
    ("157家", "全面完成", {"value": 157, "unit": "家"}),
    ("3500套", "累计新增供应租赁住房项目", {"value": 3500, "unit": "套"}),
    ("450套", "新增代理金租房源", {"value": 450, "unit": "套"}),
    ("15759户", "完成全区", {"value": 15759, "unit": "户"}),
    ("600名", "全年培育并认定", {"value": 600, "unit": "名"}),
    ("60%", "实现城市化道路冲洗率、机扫率均达", {"value": 60, "unit": "%"}),
    ("6.7%", "属地地区生产总值同比增长", {"value": 6.7, "unit": "%", "change": "increase"}),
    ("487.9亿元", "财政总收入完成", {"value": 48790000000, "unit": "元"}),
    ("2.5亿美元", "外资到位资金", {"value": 250000000, "unit": "美元"}),
    ("约888亩", "腾出土地", {"value": 888, "unit": "亩", "comparator": "~"}),
    ("约24625吨标煤", "减少能耗", {"value": 24625, "unit": "吨标煤", "comparator": "~", "change": "decrease"}),
    ("1.6 个百分点", "增速快于属地规上产值", {"value": 1.6, "unit": "个百分点"}),
    ("20732 架次", "运行无人机", {"value": 20732, "unit": "架次"}),
    ("6.2%左右", "在地地区生产总值增长", {"value": 6.2, "unit": "%", "comparator": "~", "change": "increase"}),
    ("不少于770家", "高新技术企业总数", {"value": 770, "unit": "家", "comparator": ">="}),
    ("不低于1.6万个", "新增就业岗位", {"value": 16000, "unit": "个", "comparator": ">="}),
    ("0.0381人以内", "亿元生产总值生产安全事故死亡人数控制在", {"value": 0.0381, "unit": "人", "comparator": "<="}),
    ("37微克/立方米以下", "PM2.5年平均浓度", {"value": 37, "unit": "微克/立方米", "comparator": "<="}),
    ("271亿元", "全社会固定资产投资完成", {"value": 27100000000, "unit": "元"}),
    ("不少于100个", "新增各类市级科技项目", {"value": 100, "unit": "个", "comparator": ">="}),
    ("1000亩以上", "盘活低效用地各", {"value": 1000, "unit": "亩", "comparator": ">="}),
    ("不少于500个", "建设5G基站", {"value": 500, "unit": "个", "comparator": ">="}),
    ("90%以上", "力争达标率", {"value": 90, "unit": "%", "comparator": ">="}),
    ("15万平方米", "新增绿化", {"value": 150000, "unit": "平方米"}),
    ("700张", "新增养老床位", {"value": 700, "unit": "张"}),
    ("1750套", "确保新建、转化租赁住房", {"value": 1750, "unit": "套"}),
    ("200名左右", "引进、培养各类高层次创新创业人才", {"value": 200, "unit": "名", "comparator": "~"}),
    ("120家", "淘汰劣势企业", {"value": 120, "unit": "家"}),
    ("不少于329条段", "确保消除劣V类水体", {"value": 329, "unit": "条段", "comparator": ">="}),
    ("16公里", "新建污水管道", {"value": 16, "unit": "公里"}),
    ("1743吨以下", "确保全区日均干垃圾总量控制在", {"value": 1743, "unit": "吨", "comparator": "<="}),
    ("13.5万平方米", "确保新开工", {"value": 135000, "unit": "平方米"}),
    ("3.5亿元", "完成区级一般公共预算收入", {"value": 350000000, "unit": "元"}),
    ("1.5亿美元", "完成合同外资", {"value": 150000000, "unit": "美元"}),
    ("5300人以内", "城镇登记失业人数控制在", {"value": 5300, "unit": "人", "comparator": "<="}),
    ("不少于250件", "受理法律援助案件", {"value": 250, "unit": "件", "comparator": ">="}),
    ("5个以上", "新启动", {"value": 5, "unit": "个", "comparator": ">="}),
    ("160亿", "全区高新技术产业产值达到", {"value": 16000000000, "unit": None}),
    ("50万平方米", "拆除违法建筑", {"value": 500000, "unit": "平方米"}),
    ("-1.1%", "", {"value": -1.1, "unit": "%"}),
    ("460,931万元", "", {"value": 4609310000, "unit": "元"}),
    ("亿元以上", "签约", {"value": 100000000, "unit": "元", "comparator": ">="}),
    ("超百亿元", "", {"value": 10000000000, "unit": "元", "comparator": ">="}),
    ("过亿元", "实现税收", {"value": 100000000, "unit": "元", "comparator": ">="}),
    ("3.5万亿元", "", {"value": 3500000000000, "unit": "元"}),
    ("三千五百人", "", {"value": 3500, "unit": "人"}),
    ("两次", "", {"value": 2, "unit": "次"}),
    ("5年内", "对毕业", {"value": 5, "unit": "年", "comparator": "<="}),
    ("500亿斤以上", "粮食产量稳定在", {"value": 50000000000, "unit": "斤", "comparator": ">="}),
    ("835元/人月", "每人每月", {"value": 835, "unit": "元/人月"}),
    ("12周到22周", "", {"value": 12, "value_max": 22, "unit": "周"}),
    ("1.6倍", "", {"value": 1.6, "unit": "倍"}),
]


@pytest.mark.parametrize("span, before, expected", METRICS, ids=[m[0] for m in METRICS])
def test_metric_norm(span, before, expected):
    norm = metric_norm(span, before)
    assert norm is not None
    for key, value in expected.items():
        assert norm.get(key) == value, (key, norm)


DEADLINES = [
    ("年内", 2018, "2018-12-31", "year", False),
    ("全年", 2018, "2018-12-31", "year", False),
    ("年底前", 2020, "2020-12-31", "year", False),
    ("今年", 2020, "2020-12-31", "year", False),
    ("年度", 2019, "2019-12-31", "year", False),
    ("本年度", 2021, "2021-12-31", "year", False),
    ("上半年", 2021, "2021-06-30", "half", False),
    ("下半年", 2021, "2021-12-31", "half", False),
    ("第一季度", 2016, "2016-03-31", "quarter", False),
    ("三季度", 2022, "2022-09-30", "quarter", False),
    ("11月份", 2020, "2020-11-30", "month", False),
    ("2月底前", 2021, "2021-02-28", "month", False),
    ("2020年10月底前", 2020, "2020-10-31", "month", False),
    ("2023年1月15日前", 2022, "2023-01-15", "day", False),
    ("2022年3月15日前", 2022, "2022-03-15", "day", False),
    ("2021年12月31日", 2021, "2021-12-31", "day", False),
    ("2017年第3季度", 2017, "2017-09-30", "quarter", False),
    ("2023年第一季度", 2023, "2023-03-31", "quarter", False),
    ("2025年", 2021, "2025-12-31", "year", False),
    ("每季度", 2018, "2018-03-31", "quarter", True),
    ("每季度末", 2021, "2021-03-31", "quarter", True),
    ("每季度最后一个月的30日前", 2023, "2023-03-30", "quarter", True),
    ("每季度末月20日前", 2023, "2023-03-20", "quarter", True),
    ("每月25日前", 2022, "2022-01-25", "month", True),
    ("7月10日", 2022, "2022-07-10", "day", False),
    ("12月初", 2022, "2022-12-10", "day", False),
    ("明年", 2022, "2023-12-31", "year", False),
    ("明年4月底", 2020, "2021-04-30", "month", False),
    ("年中", 2021, "2021-06-30", "half", False),
    ("春季", 2016, "2016-05-31", "month", False),
]


@pytest.mark.parametrize("span, year, date, gran, recurring", DEADLINES, ids=[d[0] for d in DEADLINES])
def test_deadline_norm(span, year, date, gran, recurring):
    norm = deadline_norm(span, year)
    assert (norm["date"], norm["granularity"], bool(norm.get("recurring"))) == (date, gran, recurring)


def test_current_quarter_resolves_against_a_quarterly_plan():
    assert deadline_norm("当季", 2016, plan_quarter=1) == {"date": "2016-03-31", "granularity": "quarter"}


def test_relative_time_without_a_year_is_left_unresolved():
    assert deadline_norm("年内", None) is None
    assert deadline_norm("2020年10月底前", None)["date"] == "2020-10-31"


def test_candidates_in_running_text():
    t = "签约2个项目,新增养老床位200张,于2023年1月15日前报送,年内完成,12个月,第36次会议"
    assert [t[s:e] for s, e in find_quantities(t)] == ["2个", "200张", "12个月", "36次"]
    assert [t[s:e] for s, e in find_times(t)] == ["2023年1月15日前", "年内"]


def test_normaliser_reproduces_the_corpus_norms():
    """Every gold METRIC and DEADLINE in data/ is a real phrase: the rules must agree with the annotators."""
    from pathlib import Path

    from govie.corpus.records import read_records

    data = Path(__file__).resolve().parent.parent / "data"
    agree = total = 0
    for split in ("train", "dev"):
        for rec in read_records(data / f"{split}.jsonl"):
            for e in rec["entities"]:
                span = rec["text"][e["start_offset"]:e["end_offset"]]
                if e["label"] == "METRIC":
                    n = metric_norm(span) or {}
                    ok = n.get("value") == e["norm"]["value"] and n.get("unit") == e["norm"]["unit"]
                elif e["label"] == "DEADLINE":
                    n = deadline_norm(span, rec["meta"]["year"]) or {}
                    ok = n.get("date") == e["norm"]["date"]
                else:
                    continue
                total += 1
                agree += ok
    assert total > 500
    assert agree / total >= 0.97


def test_weekly_is_not_a_deadline_candidate():
    """The record format has no week granularity, so 每周 is never proposed."""
    t = "每周收集通报项目进展,每月25日前报送"
    assert [t[s:e] for s, e in find_times(t)] == ["每月25日前"]
