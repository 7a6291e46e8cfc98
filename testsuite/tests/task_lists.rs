//! A county's 任务分工 as such lists are written and nobody tuned the parser to (the wording and
//! the places are made up): clauses after the measure's sentences without brackets, labels
//! after commas, deadline fields beside the bodies, `A会同B`, `A（牵头）`, a bare list of
//! federations, short forms (市监局, 人行…支行), pre-2018 bodies with 以下简称 aliases, and the
//! attachment note (附件：…) above the signature, date, 抄送 and 印发 lines.

use policy_align::{AgencyRegistry, Document, Role};

const TASK_LIST: &str = "\
桐溪县人民政府办公室关于印发桐溪县促进就业创业重点任务分工方案的通知

桐政办〔2017〕41号

各乡镇人民政府，县政府各部门：
　　经县政府同意，现将重点任务分工方案印发给你们，请认真抓好落实。

　　一、稳定和扩大就业
　　1．落实稳岗补贴政策。对不裁员或少裁员的企业按规定返还失业保险费。责任单位：县人力资源和社会保障局（以下简称县人社局）、县财政局。
　　2．扶持返乡创业。为返乡创业人员提供创业担保贷款和贴息。（牵头单位：县人社局，配合单位：县财政局、人行桐溪县支行；完成时限：2017年12月底前）
　　3．规范市场经营秩序。开展商标侵权和无照经营专项整治。（县工商行政管理局（以下简称县工商局）会同县市监局负责，2017年底前完成）
　　二、加强重点群体帮扶
　　4．做好妇女和残疾人就业帮扶。组织专场招聘和技能培训。（县妇联、县残联、县工商联）
　　5．开展科普惠民服务。推动农村实用技术进村入户。（县科协（牵头）、县农业委员会（以下简称县农委）、县卫计委按职能分工负责；责任领导：副县长李某）
　　各乡镇人民政府要结合实际制定落实措施，每季度末将进展情况报送县人社局。

　　附件：桐溪县就业创业工作联席会议成员名单（略）

桐溪县人民政府办公室
2017年6月20日

抄送：县委各部门，县人大常委会办公室，县政协办公室。
桐溪县人民政府办公室　　　　　　　　　　2017年6月20日印发
";

/// (name, canonical agency, role) of each mention of each measure.
type Mentions = Vec<Vec<(String, String, Role)>>;

fn mentions(doc: &Document) -> Mentions {
    let agencies = AgencyRegistry::new().resolve_document(doc);
    doc.measures
        .iter()
        .zip(&agencies.measures)
        .map(|(m, res)| {
            let found: Vec<_> = m.mentions().collect();
            assert_eq!(found.len(), res.len());
            found
                .iter()
                .zip(res)
                .map(|(x, r)| (x.name.clone(), r.agency.to_string(), x.role))
                .collect()
        })
        .collect()
}

fn row(name: &str, agency: &str, role: Role) -> (String, String, Role) {
    (name.to_owned(), agency.to_owned(), role)
}

#[test]
fn a_county_task_list_reads_whole() {
    use Role::*;
    let doc = Document::from_text(TASK_LIST, "tongxi_2017.txt").unwrap();
    let titles: Vec<&str> = doc.measures.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "落实稳岗补贴政策",
            "扶持返乡创业",
            "规范市场经营秩序",
            "做好妇女和残疾人就业帮扶",
            "开展科普惠民服务"
        ]
    );
    assert_eq!(
        mentions(&doc),
        vec![
            vec![
                row("县人力资源和社会保障局", "hr_social_security", Responsible),
                row("县财政局", "finance", Responsible),
            ],
            vec![
                row("县人社局", "hr_social_security", Lead),
                row("县财政局", "finance", Supporting),
                row("人行桐溪县支行", "central_bank", Supporting),
            ],
            vec![
                row("县工商行政管理局", "industry_commerce", Lead),
                row("县市监局", "market_regulation", Supporting),
            ],
            vec![
                row("县妇联", "womens_federation", Responsible),
                row("县残联", "disabled_federation", Responsible),
                row("县工商联", "federation_industry_commerce", Responsible),
            ],
            vec![
                row("县科协", "science_association", Lead),
                row("县农业委员会", "agriculture", Responsible),
                row("县卫计委", "health_family_planning", Responsible),
            ],
        ]
    );
    // Clauses leave the measure's text; what follows the last measure is not part of it.
    assert!(
        doc.measures.iter().all(|m| !m.text.contains("单位")),
        "{:?}",
        doc.measures[0].text
    );
    assert!(!doc.measures[4].text.contains("每季度末"));
    // The attachment note stands above the signature: the date, the issuer and the closing
    // lines are read, and there is no annex.
    assert_eq!(doc.meta.date.as_deref(), Some("2017-06-20"));
    assert_eq!(doc.meta.issuers, ["桐溪县人民政府办公室"]);
    assert!(doc.annex.is_empty() && doc.annex_title.is_none());
    for line in ["附件：", "抄送：", "印发", "每季度末"] {
        assert!(
            doc.closing.iter().any(|c| c.contains(line)),
            "{line}: {:?}",
            doc.closing
        );
    }
    let aliases: Vec<(&str, &str)> = doc
        .abbreviations
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert!(aliases.contains(&("县人社局", "县人力资源和社会保障局")), "{aliases:?}");
}

/// A task row as read: its name, deadline, and units with their roles.
type TaskRead<'a> = (&'a str, Option<&'a str>, Vec<(&'a str, Role)>);

/// A plan whose annex is a task table with a header (序号, 主要任务, 牵头单位, 配合单位, 完成时限):
/// each row's cells are read by the header's columns, a units cell wrapped over two lines is
/// one cell, and the deadline is the task's, not stray text. Tab-separated (a Word or web table)
/// or one cell a line, it reads the same.
#[test]
fn an_annex_table_is_read_by_its_header() {
    use Role::*;
    let table = [
        [
            "1",
            "开展侵权假冒专项整治",
            "县市场监管局",
            "县公安局、县农业农村局",
            "2023年12月底前",
        ],
        [
            "2",
            "健全纠纷多元化解机制",
            "县法院",
            "县司法局、县工商联、",
            "持续推进",
        ],
    ];
    let head = "桐溪县知识产权保护工作方案\n\n一、主要措施\n（一）加强执法。开展专项整治。\n\n附件\n\n桐溪县知识产权保护重点任务分工表\n\n";
    let header = ["序号", "主要任务", "牵头单位", "配合单位", "完成时限"];
    let tabbed = {
        let mut t = format!("{head}{}\n", header.join("\t"));
        for row in &table {
            t += &row.join("\t");
            t += "\n";
        }
        // The wrapped cell as a Word table's text gives it: its second line before the row's
        // last cell.
        t.replace("县工商联、\t持续推进", "县工商联、\n\t\t\t县总工会\t持续推进")
    };
    let by_lines = {
        let mut t = format!("{head}{}\n", header.join("\n"));
        for row in &table {
            t += &row.join("\n");
            t += "\n";
        }
        t.replace("县工商联、\n持续推进", "县工商联、\n县总工会\n持续推进")
    };
    for (how, text) in [("tabs", tabbed), ("lines", by_lines)] {
        let doc = Document::from_text(&text, "tongxi_plan.txt").unwrap();
        assert!(doc.warnings.is_empty(), "{how}: {:?}", doc.warnings);
        let tasks: Vec<_> = doc.annex_tasks().collect();
        assert_eq!(tasks.len(), 2, "{how}");
        let read: Vec<TaskRead> = tasks
            .iter()
            .map(|t| {
                let units = t.units.iter().map(|u| (u.name.as_str(), u.role)).collect();
                (t.task.as_str(), t.deadline.as_deref(), units)
            })
            .collect();
        assert_eq!(
            read,
            [
                (
                    "开展侵权假冒专项整治",
                    Some("2023年12月底前"),
                    vec![
                        ("县市场监管局", Lead),
                        ("县公安局", Supporting),
                        ("县农业农村局", Supporting)
                    ]
                ),
                (
                    "健全纠纷多元化解机制",
                    Some("持续推进"),
                    vec![
                        ("县法院", Lead),
                        ("县司法局", Supporting),
                        ("县工商联", Supporting),
                        ("县总工会", Supporting)
                    ]
                ),
            ],
            "{how}"
        );
    }
}
