"""Every way plans write who owns a task, on real text, through govie.extract."""
import govie


def _owners(doc, task_prefix):
    task = next(t for t in doc.tasks if t.text.startswith(task_prefix))
    return [e.text for e in task.lead], [e.text for e in task.owners], [d.norm["date"] for d in task.deadlines]


def test_inline_owner_note():
    text = ("二、重点任务\n"
            "1.深入实施创新驱动发展战略,全年新增高新技术企业1000家以上。(市科技局牵头,市发展改革委、各区政府负责)\n"
            "2.持续优化营商环境,年内实现企业开办全程网办。(市市场监管局牵头,市政务服务中心配合)\n")
    doc = govie.extract(text, year=2021)
    lead, owners, due = _owners(doc, "深入实施创新驱动")
    assert lead == ["市科技局"] and owners == ["市发展改革委", "各区政府"]
    lead, owners, due = _owners(doc, "持续优化营商环境")
    assert lead == ["市市场监管局"] and owners == ["市政务服务中心"] and due == ["2021-12-31"]


def test_owner_lines_with_deadline():
    text = ("一、稳定经济增长\n"
            "1.地区生产总值增长6%以上。\n"
            "牵头单位:市发展改革委\n"
            "责任单位:市统计局、各县(市、区)人民政府\n"
            "完成时限:2022年12月底前\n"
            "2.规上工业增加值增长7%。\n"
            "牵头单位:市工业和信息化局\n"
            "完成时限:2022年6月底前\n")
    doc = govie.extract(text, year=2022)
    lead, owners, due = _owners(doc, "地区生产总值增长")
    assert lead == ["市发展改革委"] and owners == ["市统计局", "各县(市、区)人民政府"]
    assert due == ["2022-12-31"]
    assert doc.tasks[0].metrics[0].norm["value"] == 6 and doc.tasks[0].metrics[0].norm["comparator"] == ">="
    lead, owners, due = _owners(doc, "规上工业增加值")
    assert lead == ["市工业和信息化局"] and due == ["2022-06-30"]


def test_flattened_table_with_star_leads(seed_docs):
    row = {t.number: t for t in seed_docs["000"].tasks if t.source == "table"}["7"]
    assert [e.text for e in row.lead] == ["区环保局", "区水务局", "区农委"] and not row.owners


def test_flattened_table_with_separate_lead_and_partner_columns():
    text = ("2023年重点工作任务分工表\n"
            "序号\n工作任务\n主责部门\n配合部门\n完成时限\n"
            "1\n新建城市道路8条,优化公交线路40条。\n区交通运输局\n区财政局、区住房城乡建设局\n2023年12月\n"
            "2\n新增养老床位300张。\n区民政局\n各街道办事处\n2023年9月\n")
    doc = govie.extract(text, year=2023)
    assert len(doc.tasks) == 2
    lead, owners, due = _owners(doc, "新建城市道路")
    assert lead == ["区交通运输局"] and owners == ["区财政局", "区住房城乡建设局"] and due == ["2023-12-31"]
    lead, owners, due = _owners(doc, "新增养老床位")
    assert lead == ["区民政局"] and owners == ["各街道办事处"] and due == ["2023-09-30"]


def test_subject_position_owner():
    text = ("三、保障和改善民生\n"
            "1.由区民政局负责,年内新增养老床位200张,新建老年人日间服务中心3个。\n"
            "2.区农委要加快推进高标准农田建设,全年建成高标准农田1万亩。\n")
    doc = govie.extract(text, year=2018)
    assert "区民政局" in _owners(doc, "由区民政局负责")[1] + _owners(doc, "由区民政局负责")[0]
    assert "区农委" in _owners(doc, "区农委要")[1] + _owners(doc, "区农委要")[0]


def test_towns_named_in_a_task_and_listed_as_owners():
    text = ("二、主要任务\n"
            "1.推进朱泾镇、枫泾镇城中村改造,年内完成房屋补偿工作。(区住房保障房屋管理局牵头,朱泾镇、枫泾镇配合)\n")
    doc = govie.extract(text, year=2018)
    lead, owners, due = _owners(doc, "推进朱泾镇")
    assert lead == ["区住房保障房屋管理局"] and owners == ["朱泾镇", "枫泾镇"]
    assert {e.label for e in doc.tasks[0].owners} == {"TOWN"}


def test_deadlines_in_prose_without_items():
    text = ("会议要求,5月底前建成沅澧快速干线一号大道改建主体工程,年内开工改建S230线。"
            "交通运输局要加强调度,确保按期完成。")
    doc = govie.extract(text, year=2021)
    dates = sorted(e.norm["date"] for e in doc.entities if e.label == "DEADLINE")
    assert dates == ["2021-05-31", "2021-12-31"]
