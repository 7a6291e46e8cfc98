//! Parsing: the bundled pair exactly, hand-written documents in other styles, other encodings,
//! PDF-noised copies, and errors.

mod common;

use policy_align::report::Renderer as _;

use common::{Noise, assert_same, canonical_number, expected, fixture, pdf_noise};
use policy_align::{Document, Error, Role, corpus, normalize, report};

fn titles(doc: &Document) -> Vec<&str> {
    doc.measures.iter().map(|m| m.title.as_str()).collect()
}

fn mention_texts(doc: &Document, id: &str) -> Vec<String> {
    doc.measure(id)
        .expect("measure exists")
        .mentions()
        .map(|m| m.text.clone())
        .collect()
}

#[test]
fn xiangshan_parses_exactly() {
    let doc = corpus::XIANGSHAN.parse().unwrap();
    assert_eq!(doc.meta.title, "关于强化知识产权保护的实施方案");
    assert_eq!(doc.meta.doc_number.as_deref(), Some("相区办发〔2021〕40号"));
    assert_eq!(doc.meta.date.as_deref(), Some("2021-10-12"));
    assert_eq!(doc.meta.jurisdiction.as_deref(), Some("相山区"));
    assert_eq!(doc.meta.issuers, ["中共相山区委办公室", "相山区人民政府办公室"]);
    assert_eq!(
        doc.meta.recipients,
        ["各党委（党组）", "党工委", "各镇街", "开发区", "区直各单位"]
    );
    let cited: Vec<(&str, Option<&str>)> = doc
        .cited
        .iter()
        .map(|c| (c.title.as_str(), c.doc_number.as_deref()))
        .collect();
    assert_eq!(
        cited,
        [
            (
                "中共安徽省委办公厅、安徽省人民政府办公厅印发〈关于强化知识产权保护若干举措〉的通知",
                Some("皖办发〔2020〕15号")
            ),
            (
                "中共淮北市委办公室、淮北市人民政府办公室印发〈关于强化知识产权保护的实施方案〉的通知",
                Some("淮办发〔2021〕14号")
            ),
        ]
    );

    assert_eq!(doc.measures.len(), 21);
    let key_tasks: Vec<_> = doc
        .measures
        .iter()
        .filter(|m| m.path.first().map(String::as_str) == Some("重点任务"))
        .collect();
    assert_eq!(key_tasks.len(), 17);
    let mut groups: Vec<&str> = key_tasks.iter().map(|m| m.path[1].as_str()).collect();
    groups.dedup();
    assert_eq!(
        groups,
        [
            "确立“严保护”工作机制",
            "构建“大保护”工作格局",
            "优化“快保护”工作方式",
            "营造“同保护”工作环境",
            "全力推进知识产权创造提质增效",
            "强化知识产权管理服务支撑"
        ]
    );
    assert_eq!(doc.measures.iter().filter(|m| m.path == ["组织保障"]).count(), 4);
    assert_eq!(
        titles(&doc),
        [
            "加大侵权假冒行为惩戒力度",
            "严格规范证据标准",
            "突出重点领域保护",
            "加强商业秘密保护",
            "加大执法监督力度",
            "拓宽社会共治渠道",
            "强化信用监管",
            "健全协同保护机制",
            "构建快速处理渠道和风险预警机制",
            "建立知识产权快保护机制",
            "强化海外维权援助",
            "推动合作交流",
            "推进知识产权战略工程",
            "实施知识产权运用工程",
            "提高市场主体知识产权管理水平",
            "提升知识产权服务能力",
            "完善知识产权人才队伍建设",
            "强化组织领导",
            "强化属地责任",
            "强化考核激励",
            "强化宣传引导",
        ]
    );
    let ids: Vec<&str> = doc.measures.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(&ids[..3], ["m2.1.1", "m2.1.2", "m2.1.3"]);
    assert_eq!(&ids[17..], ["m3.1", "m3.2", "m3.3", "m3.4"]);

    let first = &doc.measures[0];
    assert_eq!(first.label, "1.");
    assert!(
        first
            .text
            .starts_with("严格执行知识产权保护法律法规，持续保持高压严打态势。")
    );
    assert!(
        first
            .text
            .ends_with("对重复侵权、恶意侵权及其他严重侵权行为依法适用惩罚性赔偿。")
    );
    assert_eq!(
        mention_texts(&doc, "m2.1.1"),
        [
            "区法院",
            "区检察院",
            "相山公安分局",
            "区司法局",
            "区农业农村水利局",
            "区文旅体局",
            "区市场监管局（知识产权局）"
        ]
    );
    let ip = &first.mentions().nth(6).unwrap();
    assert_eq!(
        (ip.name.as_str(), ip.aliases.as_slice(), ip.role),
        ("区市场监管局", &["知识产权局".to_owned()][..], Role::Responsible)
    );
    assert_eq!(doc.quote(ip.span), Some("区市场监管局（知识产权局）"));
    assert_eq!(mention_texts(&doc, "m2.5.14"), ["区市场监管局（知识产权局）"]);
    assert_eq!(mention_texts(&doc, "m2.2.5")[..2], ["区人大办公室", "区政协办公室"]);
    // 三、组织保障 has no clauses; its agencies appear only in the prose.
    assert!(doc.measures[17..].iter().all(|m| m.subtasks.is_empty()));
    // Every clause is out of the text and quoted exactly from the source.
    for m in &doc.measures[..17] {
        assert_eq!(m.subtasks.len(), 1, "every key task has one clause");
        let clause = &m.subtasks[0].clause;
        assert!(!m.text.contains('〔'), "{}", m.id);
        assert_eq!(doc.quote(clause.span), Some(clause.text.as_str()));
        assert!(doc.quote(m.span).unwrap().starts_with(&m.label));
    }

    // The annex is a roster, not measures.
    let roster: Vec<_> = doc.roster().collect();
    assert_eq!(roster.len(), 27);
    assert_eq!(
        (
            roster[0].role.as_deref(),
            roster[0].name.as_str(),
            roster[0].post.as_str()
        ),
        (Some("召集人"), "左钱发", "常委、副区长")
    );
    assert_eq!(
        (
            roster[5].name.as_str(),
            roster[5].agency.as_str(),
            roster[5].post.as_str()
        ),
        ("董伟", "区发改委", "副主任（挂职）")
    );
    assert_eq!(roster[9].agency, "相山公安分局");
    assert_eq!(doc.annex_title.as_deref(), Some("相山区知识产权联席会议成员名单"));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn huizhou_parses_exactly() {
    let doc = corpus::HUIZHOU.parse().unwrap();
    assert_eq!(doc.meta.title, "惠州市关于强化知识产权保护的若干措施");
    assert_eq!(doc.meta.doc_number.as_deref(), Some("惠市委办发〔2021〕11号"));
    assert_eq!(doc.meta.date.as_deref(), Some("2021-11-22"));
    assert_eq!(doc.meta.jurisdiction.as_deref(), Some("惠州市"));
    assert_eq!(doc.meta.issuers, ["中共惠州市委办公室", "惠州市人民政府办公室"]);
    let cited: Vec<&str> = doc.cited.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        cited,
        [
            "关于强化知识产权保护的意见",
            "关于强化知识产权保护的若干措施",
            "电商平台知识产权保护管理"
        ]
    );

    assert_eq!(doc.measures.len(), 22);
    assert_eq!(
        titles(&doc),
        [
            "严厉打击侵权假冒行为",
            "健全规范证据标准",
            "完善案件执行机制",
            "加强新业态新领域保护",
            "提高执法监督效能",
            "建立健全社会共治",
            "加强专业技术指导",
            "实施源头保护措施",
            "健全跨部门跨区域协作机制",
            "构建快速处理机制",
            "建立多元化纠纷解决方案",
            "深入参与粤港澳大湾区合作",
            "提供海外维权援助服务",
            "依法实施同等保护",
            "推进对外交流合作",
            "提升便民服务水平",
            "加强人才培育提升",
            "加大资源投入支持",
            "加强组织领导",
            "狠抓贯彻落实",
            "强化考核问效",
            "加强宣传引导",
        ]
    );
    // Numbering runs on across sections: (五) is the first item of 三、.
    let m5 = &doc.measures[4];
    assert_eq!(
        (m5.id.as_str(), m5.path.as_slice()),
        ("m3.5", &["完善知识产权大保护工作体系".to_owned()][..])
    );
    assert_eq!(doc.measures[5].label, "( 六)");
    // Bodies joined across page breaks and PDF spaces.
    assert!(
        doc.measures[3]
            .text
            .contains("推广《电商平台知识产权保护管理》家标准，加强电子商务领域知识产权保护")
    );
    assert!(
        doc.measures[8]
            .text
            .contains("加强信息通报、人员交流、联合培训、业务研讨等工作。")
    );
    assert!(
        doc.measures[9]
            .text
            .contains("借鉴广交会知识产权快保护模式，开展惠州展会知识产权保护工作")
    );
    assert!(doc.measures[5].text.contains("强化维权援助机构建设"));
    assert!(doc.measures.iter().all(|m| !m.text.contains([' ', '\u{a0}', '\n'])));
    // Clauses in both bracket styles.
    assert_eq!(
        mention_texts(&doc, "m2.1"),
        [
            "市委宣传部（市版权局）",
            "市法院",
            "市检察院",
            "市公安局",
            "市农村农业局",
            "市文化广电旅游体育局",
            "市市场监管局（市知识产权局）",
            "惠州海关"
        ]
    );
    let m10 = &doc.measure("m4.10").unwrap().mentions().next().unwrap();
    assert_eq!(
        (m10.name.as_str(), m10.aliases.clone()),
        ("市委宣传部", vec!["市委网信办".to_owned(), "市版权局".to_owned()])
    );
    assert_eq!(mention_texts(&doc, "m5.15"), ["市直有关部门"]);
    assert_eq!(mention_texts(&doc, "m7.20"), ["各级党委、政府"]);
    assert_eq!(mention_texts(&doc, "m7.21").len(), 6);
    assert_eq!(
        doc.quote(doc.measure("m2.1").unwrap().mentions().nth(6).unwrap().span),
        Some("市市场监管局( 市 知识产权局 )")
    );

    // The annex task table: 8 tasks, rows 6-8 printed twice and kept once.
    let tasks: Vec<_> = doc.annex_tasks().collect();
    assert_eq!(
        tasks.iter().map(|t| t.number).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6, 7, 8]
    );
    assert_eq!(tasks[2].task, "构建知识产权侵权判定技术鉴定服务体系");
    assert_eq!(tasks[3].task, "加大侵权判赔力度破解“赔偿低”难题");
    assert!(
        tasks[6]
            .description
            .starts_with("依法加强知识产权领域自然人失信信息的采集和报送工作。")
    );
    let units: Vec<&str> = tasks[5].units.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(
        units,
        [
            "市人力资源社会保障局",
            "市商务局",
            "市市场监管局（市知识产权局）",
            "市贸促会"
        ]
    );
    for n in [6, 7, 8] {
        assert!(
            doc.warnings
                .iter()
                .any(|w| w.message.starts_with(&format!("annex task {n} ")) && w.message.contains("printed twice")),
            "{:?}",
            doc.warnings
        );
    }
    // The web page's footer is kept and reported, not taken as a task.
    assert!(doc.warnings.iter().any(|w| w.message.contains("发表评论与建议")));
}

#[test]
fn bundled_outlines_snapshot() {
    for b in corpus::BUNDLED {
        let doc = b.parse().unwrap();
        insta::assert_snapshot!(
            format!("outline_{}", b.name.split('_').next().unwrap()),
            report::TextRenderer::default()
                .documents(&[report::DocumentReport::new(&doc, None).unwrap()])
                .unwrap()
        );
    }
}

#[test]
fn bundled_json_snapshot() {
    for b in corpus::BUNDLED {
        let doc = b.parse().unwrap();
        let agencies = policy_align::AgencyRegistry::new().resolve_document(&doc);
        let view = report::DocumentReport::new(&doc, Some(&agencies)).unwrap();
        let json = serde_json::to_string_pretty(&report::document_json(&view)).unwrap();
        insta::assert_snapshot!(format!("json_{}", b.name.split('_').next().unwrap()), json);
    }
}

/// Documents as published — a national 工作要点 with a clause after each sentence group, a
/// provincial 办法 in traditional and simplified script, a pre-2018 city 任务分工 with 以下简称
/// and a 版记, a county web page with its chrome and info table — checked against labels
/// written by hand: every measure, heading, mention with its role, subtask and defined alias,
/// the metadata with the jurisdiction's source, closing lines and page chrome in no measure.
#[test]
fn published_documents_match_their_labels() {
    for name in [
        "national_work_points",
        "province_regulation_simp",
        "province_regulation_trad",
        "city_division_2016",
        "county_webpage",
    ] {
        let doc = Document::from_path(fixture(&format!("{name}.txt"))).unwrap();
        let want = expected(name);
        let m = &doc.meta;
        assert_eq!(m.title, want.title, "{name}");
        assert_eq!(m.doc_number, want.doc_number.as_deref().map(canonical_number), "{name}");
        assert_eq!(m.date, want.date, "{name}");
        assert_eq!(m.jurisdiction, want.jurisdiction, "{name}");
        assert_eq!(
            m.jurisdiction_source.map(|s| s.as_str().to_owned()),
            want.jurisdiction_source,
            "{name}"
        );
        if let Some(issuers) = &want.issuers {
            assert_eq!(&m.issuers, issuers, "{name}");
        }
        let cited: Vec<(&str, Option<String>)> = doc
            .cited
            .iter()
            .map(|c| (c.title.as_str(), c.doc_number.clone()))
            .collect();
        let want_cited: Vec<(&str, Option<String>)> = want
            .cited
            .iter()
            .map(|c| (c.title.as_str(), c.doc_number.as_deref().map(canonical_number)))
            .collect();
        assert_eq!(cited, want_cited, "{name}");
        assert_eq!(doc.measures.len(), want.measures.len(), "{name}: {:?}", titles(&doc));
        for (got, want) in doc.measures.iter().zip(&want.measures) {
            let at = format!("{name} {} {}", got.id, got.label);
            assert_eq!(got.label, want.label, "{at}");
            assert_eq!(got.title, normalize(&want.title).text, "{at}");
            assert_eq!(got.path, want.path, "{at}");
            let mentions: Vec<(&str, &str, usize)> = got
                .mentions_by_subtask()
                .map(|(k, m)| (m.text.as_str(), m.role.as_str(), k))
                .collect();
            let want_mentions: Vec<(&str, &str, usize)> = want
                .mentions
                .iter()
                .map(|m| (m.name.as_str(), m.role.as_str(), m.subtask.unwrap_or(0)))
                .collect();
            assert_eq!(mentions, want_mentions, "{at}");
            for (g, w) in got.mentions().zip(&want.mentions) {
                if !w.aliases.is_empty() {
                    assert_eq!(g.aliases, w.aliases, "{at} {}", g.text);
                }
            }
        }
        let in_measure = |f: &str| {
            doc.measures
                .iter()
                .any(|me| me.title.contains(f) || me.text.contains(f) || me.subtasks.iter().any(|s| s.text.contains(f)))
        };
        for f in &want.closing {
            assert!(
                doc.closing.iter().any(|c| c.contains(f.as_str())),
                "{name}: closing {f} in {:?}",
                doc.closing
            );
            assert!(!in_measure(f), "{name}: closing {f} in a measure");
        }
        for f in &want.chrome {
            assert!(!in_measure(f), "{name}: chrome {f} in a measure");
            assert!(
                !m.title.contains(f.as_str()) && !m.issuers.iter().chain(&m.recipients).any(|x| x.contains(f.as_str())),
                "{name}: chrome {f} in metadata"
            );
            assert!(
                doc.page.iter().any(|p| p.contains(f.as_str())),
                "{name}: chrome {f} not kept: {:?}",
                doc.page
            );
        }
    }
}

/// Documents written in other styles, checked against hand-made labels.
#[test]
fn fixtures_match_their_labels() {
    for name in ["county_articles", "province_measures", "prefecture_plan"] {
        let doc = Document::from_path(fixture(&format!("{name}.txt"))).unwrap();
        let want = expected(name);
        assert_eq!(doc.meta.title, want.title, "{name}");
        assert_eq!(
            doc.meta.doc_number,
            want.doc_number.as_deref().map(canonical_number),
            "{name}"
        );
        assert_eq!(doc.meta.date, want.date, "{name}");
        assert_eq!(doc.meta.jurisdiction, want.jurisdiction, "{name}");
        let cited: Vec<(String, Option<String>)> = doc
            .cited
            .iter()
            .map(|c| (c.title.clone(), c.doc_number.clone()))
            .collect();
        let want_cited: Vec<(String, Option<String>)> = want
            .cited
            .iter()
            .map(|c| (c.title.clone(), c.doc_number.as_deref().map(canonical_number)))
            .collect();
        assert_eq!(cited, want_cited, "{name}");
        assert_eq!(doc.measures.len(), want.measures.len(), "{name}: {:?}", titles(&doc));
        for (got, want) in doc.measures.iter().zip(&want.measures) {
            assert_eq!(got.label, want.label, "{name}");
            assert_eq!(got.title, normalize(&want.title).text, "{name} {}", got.label);
            assert_eq!(got.path, want.path, "{name} {}", got.label);
            let mentions: Vec<(&str, &str)> = got.mentions().map(|m| (m.text.as_str(), m.role.as_str())).collect();
            let want_mentions: Vec<(&str, &str)> = want
                .mentions
                .iter()
                .map(|m| (m.name.as_str(), m.role.as_str()))
                .collect();
            assert_eq!(mentions, want_mentions, "{name} {}", got.label);
        }
        let roster: Vec<(String, String)> = doc
            .roster()
            .map(|r| (r.name.clone(), format!("{}{}", r.agency, r.post)))
            .collect();
        let want_roster: Vec<(String, String)> = want
            .roster
            .iter()
            .map(|r| (r.name.clone(), r.post_and_agency.clone()))
            .collect();
        assert_eq!(roster, want_roster, "{name}");
    }
}

#[test]
fn articles_fold_their_enumerations() {
    let doc = Document::from_path(fixture("county_articles.txt")).unwrap();
    let art5 = doc.measures.iter().find(|m| m.label == "第五条").unwrap();
    assert!(
        art5.text.contains("（一）在县工商业联合会") && art5.text.contains("（三）建立知识产权维权援助联络员制度"),
        "{}",
        art5.text
    );
    assert_eq!(art5.mentions().next().unwrap().role, Role::Lead);
    assert!(
        doc.sections
            .iter()
            .any(|s| s.label == "第二章" && s.title == "保护措施")
    );
}

#[test]
fn closing_provisions_are_kept_outside_the_last_measure() {
    let doc = Document::from_path(fixture("province_measures.txt")).unwrap();
    let last = doc.measures.last().unwrap();
    assert_eq!(last.subtasks.len(), 1);
    assert!(!last.text.contains("自印发之日起施行"));
    assert!(
        doc.closing.iter().any(|c| c.contains("自印发之日起施行")),
        "{:?}",
        doc.closing
    );
    // Sub-points (1)(2) stay in their measure, the clause after them is found.
    let m = doc.measure("m1.3").unwrap();
    assert!(m.text.contains("（1）") && m.text.contains("（2）"));
    assert_eq!(m.mentions().count(), 2);
}

#[test]
fn a_signature_after_a_closing_clause_is_not_part_of_the_last_measure() {
    let text = "白石县安全生产工作要点\n\n一、排查隐患。组织专项检查，逐项整改。（责任单位：县应急局）\n\n\
                二、宣传常识。组织志愿者进村讲解。（责任单位：县消防救援大队、县融媒体中心）\n\n\
                白石县人民政府办公室\n\n2023年11月28日\n";
    let doc = Document::from_text(text, "signature.txt").unwrap();
    let last = doc.measures.last().unwrap();
    assert!(!last.text.contains("办公室"), "{}", last.text);
    assert!(
        doc.closing.iter().any(|c| c == "白石县人民政府办公室"),
        "{:?}",
        doc.closing
    );
    assert_eq!(last.mentions().count(), 2);
}

#[test]
fn a_closing_provision_after_a_clause_line_is_closing() {
    let text = "苍梧县工作措施\n\n第一条 加强耕地保护。严格落实耕地保护责任。\n牵头单位：县农业农村局；配合单位：县自然资源局\n\n\
                第二条 推进乡村建设。实施农村道路提档升级。\n牵头单位：县交通运输局；配合单位：县财政局、县乡村振兴局\n\n\
                本措施自印发之日起施行。\n\n苍梧县人民政府办公室\n2024年3月1日\n";
    let doc = Document::from_text(text, "clause_line.txt").unwrap();
    let names: Vec<&str> = doc.measures[1].mentions().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["县交通运输局", "县财政局", "县乡村振兴局"]);
    assert_eq!(doc.closing[0], "本措施自印发之日起施行。");
}

/// Role labels set in brackets, as web pages and tables print them: on a line of their own,
/// inside the measure's paragraph, two in one line, and a clause in brackets that is not a
/// label.
#[test]
fn role_labels_in_brackets_name_their_bodies() {
    let text = "青岚市防汛工作要点\n\n（一）落实防汛责任。压实各级防汛责任人。\n【责任单位】市应急管理局，市水利局\n\n\
                （二）排查风险隐患。开展汛前检查。【牵头单位】市水利局【配合单位】市自然资源局、市住房和城乡建设局\n\n\
                （三）做好物资储备。补足抢险物资。[责任单位]:市发展改革委\n\n\
                （四）强化值班值守。严格执行领导带班制度。〔责任单位：市政府办公室〕\n";
    let doc = Document::from_text(text, "brackets.txt").unwrap();
    let mentions = |k: usize| -> Vec<(String, &'static str)> {
        doc.measures[k]
            .mentions()
            .map(|m| (m.name.clone(), m.role.as_str()))
            .collect()
    };
    fn own(v: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        v.iter().map(|&(n, r)| (n.to_owned(), r)).collect()
    }
    assert_eq!(
        mentions(0),
        own(&[("市应急管理局", "responsible"), ("市水利局", "responsible")])
    );
    assert_eq!(
        mentions(1),
        own(&[
            ("市水利局", "lead"),
            ("市自然资源局", "supporting"),
            ("市住房和城乡建设局", "supporting")
        ])
    );
    assert_eq!(mentions(2), own(&[("市发展改革委", "responsible")]));
    assert_eq!(mentions(3), own(&[("市政府办公室", "responsible")]));
    // The names are the clause's, not the measure's text.
    assert!(
        doc.measures.iter().all(|m| !m.text.contains("市水利局")),
        "{:?}",
        doc.measures
    );
}

/// A UTF-8 document with a stray byte in one line and a character cut at the end is read as
/// UTF-8: each bad sequence becomes U+FFFD with a warning naming its line and byte, nothing else
/// changes; a GBK document with a bad byte is still an error naming GB18030; files of other
/// kinds are named as such.
#[test]
fn stray_bytes_in_utf8_are_warnings_that_name_the_place() {
    let text = "云溪县防汛工作措施\n一、压实防汛责任。落实各级防汛责任人。\n二、加强隐患排查。开展汛前检查。\n";
    let mut bytes = text.as_bytes().to_vec();
    let stray = text.find("汛前").unwrap();
    bytes.insert(stray, 0xE6); // a lone lead byte before 汛前
    bytes.extend_from_slice(&"三".as_bytes()[..2]); // a character cut at the end
    let doc = Document::from_bytes(&bytes, "cut.txt").unwrap();
    assert_eq!(doc.encoding, "UTF-8");
    let warnings: Vec<&str> = doc.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        warnings[..2],
        [
            format!("invalid UTF-8 byte sequence 0xE6 at line 3 (byte {stray}), read as U+FFFD"),
            format!(
                "invalid UTF-8 byte sequence 0xE4 0xB8 at line 4 (byte {}), read as U+FFFD",
                text.len() + 1
            ),
        ]
    );
    assert_eq!(doc.warnings[0].line, Some(3));
    assert_eq!(doc.measures.len(), 2);
    assert!(
        doc.measures[1].text.starts_with("开展\u{FFFD}汛前检查。"),
        "{:?}",
        doc.measures[1]
    );

    let mut gbk = encoding_rs::GBK.encode(text).0.into_owned();
    gbk.insert(19, 0xFF); // before 一, the first character of line 2
    let err = Document::from_bytes(&gbk, "gbk.txt").unwrap_err();
    assert!(
        err.to_string().starts_with("gbk.txt:2 (byte 19): invalid gb18030"),
        "{err}"
    );

    for (bytes, what) in [
        (
            &b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml word/document.xml"[..],
            "a Word document (DOCX)",
        ),
        (&b"PK\x03\x04\x14\x00\x00\x00data.csv"[..], "a ZIP archive"),
        (
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0][..],
            "a legacy Office document (DOC, XLS or WPS)",
        ),
    ] {
        let err = Document::from_bytes(bytes, "in.doc").unwrap_err();
        assert!(err.to_string().starts_with(&format!("in.doc: {what}: ")), "{err}");
    }
}

/// UTF-16 without a byte-order mark is recognised from its zero bytes, either byte order.
#[test]
fn utf16_without_a_bom_is_read() {
    let text = "云溪县防汛工作措施\r\n一、压实防汛责任。落实2024年度责任人。\r\n二、加强隐患排查。开展汛前检查。\r\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (bytes, encoding) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
        let doc = Document::from_bytes(&bytes, "utf16.txt").unwrap();
        assert_eq!((doc.encoding, doc.measures.len()), (encoding, 2));
        assert_eq!(doc.measures[0].title, "压实防汛责任");
    }
}

/// A file of several documents is said to be one, and numbering has no silent cap: items run
/// to 9999, a four-digit year is not an item, and a line numbered past the limit is warned of.
#[test]
fn several_documents_and_long_numbering_are_warned_of() {
    let one = "青岚市防汛工作措施\n\n一、压实防汛责任。落实各级防汛责任人。\n二、加强隐患排查。开展汛前检查。\n\n青岚市人民政府办公室\n2024年3月1日\n";
    let doc = Document::from_text(&one.repeat(4), "four.txt").unwrap();
    let several: Vec<&policy_align::Warning> = doc
        .warnings
        .iter()
        .filter(|w| w.kind == policy_align::WarningKind::SeveralDocuments)
        .collect();
    assert_eq!(several.len(), 1, "{:?}", doc.warnings);
    assert_eq!(
        several[0].message,
        "its title (青岚市防汛工作措施) appears 3 more times from line 8: this file looks like several documents; split it to compare them"
    );
    assert_eq!(several[0].line, Some(8));
    // A notice and the measures it issues print the title twice: no warning.
    let twice = Document::from_text(&one.repeat(2), "two.txt").unwrap();
    assert!(
        twice
            .warnings
            .iter()
            .all(|w| w.kind != policy_align::WarningKind::SeveralDocuments)
    );

    let mut text = String::from("青岚市工作要点\n一、主要任务\n");
    for i in 1..=1205 {
        text += &format!("{i}.推进第{i}项工作。落实责任。\n");
    }
    let doc = Document::from_text(&text, "long.txt").unwrap();
    assert_eq!(doc.measures.len(), 1205);
    assert_eq!(doc.measures.last().unwrap().id, "m1.1205");
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);

    let doc = Document::from_text(
        "青岚市工作要点\n一、主要任务\n1.推进工作。\n2024.全年目标如下。\n2.落实责任。\n",
        "year.txt",
    )
    .unwrap();
    assert_eq!(doc.measures.len(), 2);
    assert!(doc.measures[0].text.contains("2024.全年目标"));

    let doc = Document::from_text(
        "青岚市工作要点\n一、主要任务\n1.推进工作。\n12345.超出上限的编号。\n",
        "cap.txt",
    )
    .unwrap();
    assert_eq!(doc.measures.len(), 1);
    let w = doc.warnings.last().unwrap();
    assert_eq!(
        w.message,
        "line 4 opens with item number 12345: item numbers have at most 4 digits, so it and the lines after it are read as text of the item before"
    );
}

#[test]
fn recipients_keep_the_levels_of_one_body_together() {
    for (head, want) in [
        (
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            &["各省、自治区、直辖市人民政府", "国务院各部委", "各直属机构"][..],
        ),
        (
            "各市、县（区）人民政府，省政府各部门、各直属机构：",
            &["各市、县（区）人民政府", "省政府各部门", "各直属机构"],
        ),
        ("各镇街、开发区，区直各单位：", &["各镇街", "开发区", "区直各单位"]),
    ] {
        let text = format!(
            "关于印发某某措施的通知\n\n{head}\n现将措施印发给你们。\n\n一、加强领导。做好工作。\n二、强化考核。落实责任。\n"
        );
        let doc = Document::from_text(&text, "recipients.txt").unwrap();
        assert_eq!(doc.meta.recipients, want, "{head}");
    }
}

#[test]
fn unnumbered_document_falls_back_to_paragraphs() {
    let doc = Document::from_path(fixture("plain_paragraphs.txt")).unwrap();
    assert_eq!(doc.measures.len(), 5);
    assert_eq!(doc.measures[0].id, "p1");
    assert!(doc.warnings.iter().any(|w| w.message.contains("no numbered items")));
    assert_eq!(doc.meta.date.as_deref(), Some("2024-04-10"));
    assert_eq!(
        doc.meta.recipients,
        ["各区县市场监督管理局", "市局机关各处室", "各直属单位"]
    );
}

fn all_documents() -> Vec<(String, String)> {
    let mut docs: Vec<(String, String)> = corpus::BUNDLED
        .iter()
        .map(|b| (b.name.to_owned(), b.text.to_owned()))
        .collect();
    for name in [
        "county_articles",
        "province_measures",
        "prefecture_plan",
        "plain_paragraphs",
        "national_work_points",
        "province_regulation_simp",
        "province_regulation_trad",
        "city_division_2016",
        "county_webpage",
    ] {
        docs.push((
            name.to_owned(),
            std::fs::read_to_string(fixture(&format!("{name}.txt"))).unwrap(),
        ));
    }
    docs
}

#[test]
fn other_encodings_parse_the_same() {
    for (name, text) in all_documents() {
        let clean = Document::from_text(&text, &name).unwrap();
        // GBK cannot hold U+00A0; GB18030 can hold everything.
        let legacy = if text.contains('\u{a0}') {
            encoding_rs::GB18030
        } else {
            encoding_rs::GBK
        };
        let (bytes, _, unmappable) = legacy.encode(&text);
        assert!(!unmappable, "{name} fits {}", legacy.name());
        let doc = Document::from_bytes(&bytes, &name).unwrap();
        assert_eq!(doc.encoding, "gb18030");
        assert_same(&clean, &doc, &format!("{name} in {}", legacy.name()));

        for big_endian in [false, true] {
            let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
            for u in text.replace('\n', "\r\n").encode_utf16() {
                bytes.extend_from_slice(&if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            let doc = Document::from_bytes(&bytes, &name).unwrap();
            assert_same(
                &clean,
                &doc,
                &format!("{name} in UTF-16 (big endian: {big_endian}) with CRLF"),
            );
        }
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_same(
            &clean,
            &Document::from_bytes(&bom, &name).unwrap(),
            &format!("{name} with a UTF-8 BOM"),
        );
    }
}

#[test]
fn pdf_noised_copies_parse_the_same() {
    let noises = [
        Noise {
            wrap: 0,
            spaces: 60,
            halfwidth: true,
            page_every: 0,
            indent: false,
        },
        Noise {
            wrap: 38,
            spaces: 0,
            halfwidth: false,
            page_every: 0,
            indent: false,
        },
        Noise {
            wrap: 30,
            spaces: 40,
            halfwidth: true,
            page_every: 35,
            indent: true,
        },
        Noise {
            wrap: 44,
            spaces: 80,
            halfwidth: true,
            page_every: 23,
            indent: false,
        },
        Noise {
            wrap: 25,
            spaces: 30,
            halfwidth: false,
            page_every: 40,
            indent: true,
        },
    ];
    for (name, text) in all_documents() {
        let clean = Document::from_text(&text, &name).unwrap();
        for (k, noise) in noises.iter().enumerate() {
            for seed in 1..=3 {
                let noisy = pdf_noise(&text, seed * 7 + k as u64, *noise);
                let doc = Document::from_text(&noisy, &name).unwrap();
                assert_same(&clean, &doc, &format!("{name} with {noise:?} seed {seed}"));
                // Spans still quote the noisy source.
                for m in &doc.measures {
                    assert!(
                        doc.quote(m.span).unwrap().starts_with(m.label.trim()),
                        "{name}: {}",
                        m.id
                    );
                }
            }
        }
    }
}

#[test]
fn bad_input_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("policy-align-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let err = Document::from_path(&empty).unwrap_err();
    assert!(matches!(err, Error::Empty { .. }));
    assert!(
        err.to_string().contains("empty.txt") && err.to_string().contains("empty"),
        "{err}"
    );

    let pdf = dir.join("scan.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n\x00\x01\x02binary").unwrap();
    let err = Document::from_path(&pdf).unwrap_err();
    assert!(matches!(err, Error::Unreadable { .. }));
    assert!(
        err.to_string()
            .contains("scan.pdf: a PDF document: the PDF cannot be read ("),
        "{err}"
    );

    let binary = dir.join("data.bin");
    std::fs::write(&binary, b"abc\n\x00\x01\x02binary").unwrap();
    let err = Document::from_path(&binary).unwrap_err();
    assert!(matches!(err, Error::Binary { .. }));
    assert!(err.to_string().contains("data.bin:2 (byte 4)"), "{err}");

    let missing = dir.join("missing.txt");
    let err = Document::from_path(&missing).unwrap_err();
    assert!(matches!(err, Error::Io { .. }));
    assert!(err.to_string().contains("missing.txt"), "{err}");

    let bad_utf16 = [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00];
    let err = Document::from_bytes(&bad_utf16, "bad.txt").unwrap_err();
    assert!(err.to_string().starts_with("bad.txt:1 (byte 2)"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
