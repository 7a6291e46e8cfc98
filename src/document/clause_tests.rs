//! Tests of clause finding and mention parsing.

use super::*;

fn names(clause: &str) -> Vec<(String, Vec<String>, Role)> {
    parse_mentions(clause)
        .into_iter()
        .map(|m| {
            (
                clause[m.name].to_owned(),
                m.aliases.into_iter().map(|a| clause[a].to_owned()).collect(),
                m.role,
            )
        })
        .collect()
}

#[test]
fn finds_clauses() {
    let p = "加强宣传。〔责任单位：区法院、区检察院按职责分工负责〕";
    assert_eq!(
        &p[find_clauses(p)[0].clone()],
        "〔责任单位：区法院、区检察院按职责分工负责〕"
    );
    let p = "加强宣传。（市直有关部门按职责分工负责）";
    assert_eq!(&p[find_clauses(p)[0].clone()], "（市直有关部门按职责分工负责）");
    let p = "牵头单位：县市场监督管理局；配合单位：县公安局";
    assert_eq!(find_clauses(p), std::iter::once(0..p.len()).collect::<Vec<_>>());
    assert!(find_clauses("通过国家企业信用信息公示系统（广东）").is_empty());
    assert!(find_clauses("（此件公开发布）").is_empty());
    // A label after a sentence, without brackets, to the end of the paragraph.
    let p = "组织农资打假行动（含种子、化肥）。责任单位：县农业农村局（以下简称县农业局）、县公安局。";
    assert_eq!(
        &p[find_clauses(p)[0].clone()],
        "责任单位：县农业农村局（以下简称县农业局）、县公安局。"
    );
    assert_eq!(find_clauses(p).len(), 1);
    let p = "推进联合惩戒。（县发改局负责）建立名录。牵头单位：县市场监管局；配合单位：县税务局";
    let got: Vec<&str> = find_clauses(p).into_iter().map(|r| &p[r]).collect();
    assert_eq!(got, ["（县发改局负责）", "牵头单位：县市场监管局；配合单位：县税务局"]);
    // Without a colon, or inside a sentence, a label is a word of the text.
    assert!(find_clauses("明确责任。责任单位要按期报送进展情况。").is_empty());
    assert!(find_clauses("各责任单位：要按期报送。").is_empty());
    // Federations and associations end a bare list as bureaus do.
    for list in [
        "（市财政局、市妇联）",
        "（县科协、县工商联、县侨联）",
        "（团县委、县总工会、县残联）",
    ] {
        let p = format!("组织宣传活动。{list}");
        assert_eq!(find_clauses(&p).len(), 1, "{p}");
    }
    assert!(find_clauses("某某管理办法（试行）").is_empty());
    assert!(find_clauses("本办法由省人民政府（法制办）负责解释。").is_empty());
    // Clauses between sentences, bare lists after a sentence, in order.
    let p = "完善配套制度。（发展改革委、工业和信息化部按职责分工负责）推进修订。（司法部牵头，各成员单位按职责分工负责）加强口岸执法。（大连海关）";
    let got: Vec<&str> = find_clauses(p).into_iter().map(|r| &p[r]).collect();
    assert_eq!(
        got,
        [
            "（发展改革委、工业和信息化部按职责分工负责）",
            "（司法部牵头，各成员单位按职责分工负责）",
            "（大连海关）"
        ]
    );
}

#[test]
fn splits_mentions_with_aliases_and_roles() {
    use Role::*;
    let got = names("〔市委宣传部（市委网信办、市版权局）、市法院、市市场监管局（市知识产权局）按职责分工负责〕");
    assert_eq!(
        got,
        vec![
            (
                "市委宣传部".into(),
                vec!["市委网信办".into(), "市版权局".into()],
                Responsible
            ),
            ("市法院".into(), vec![], Responsible),
            ("市市场监管局".into(), vec!["市知识产权局".into()], Responsible),
        ]
    );
    let got = names("（牵头单位：省知识产权局；配合单位：省公安厅、省高级人民法院）");
    assert_eq!(
        got.iter().map(|g| (g.0.as_str(), g.2)).collect::<Vec<_>>(),
        [
            ("省知识产权局", Lead),
            ("省公安厅", Supporting),
            ("省高级人民法院", Supporting)
        ]
    );
    let got = names("〔市委组织部、市市场监管局（市知识产权局）等市直有关部门，各级党委、政府按职责分工负责〕");
    assert_eq!(
        got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
        ["市委组织部", "市市场监管局", "市直有关部门", "各级党委、政府"]
    );
    let got = names("（市公安局牵头，市法院、市检察院配合）");
    assert_eq!(
        got.iter().map(|g| (g.0.as_str(), g.2)).collect::<Vec<_>>(),
        [("市公安局", Lead), ("市法院", Supporting), ("市检察院", Supporting)]
    );
    let got = names("（牵头单位：市打击侵权假冒工作领导小组办公室，以下简称市双打办；配合单位：市工商局、市质监局）");
    assert_eq!(
        got,
        vec![
            ("市打击侵权假冒工作领导小组办公室".into(), vec!["市双打办".into()], Lead),
            ("市工商局".into(), vec![], Supporting),
            ("市质监局".into(), vec![], Supporting),
        ]
    );
    let got = names("（公安部牵头，最高人民检察院、最高人民法院参与）");
    assert_eq!(
        got.iter().map(|g| (g.0.as_str(), g.2)).collect::<Vec<_>>(),
        [
            ("公安部", Lead),
            ("最高人民检察院", Supporting),
            ("最高人民法院", Supporting)
        ]
    );
    let got = names("（全国打击侵权假冒工作领导小组办公室（以下简称“全国双打办”）牵头）");
    assert_eq!(got[0].1, ["全国双打办"]);
    let got = names("〔各县（市）人民政府、州直有关部门按职责分工负责〕");
    assert_eq!(
        got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
        ["各县（市）人民政府", "州直有关部门"]
    );
}

#[test]
fn reads_roles_and_fields_of_county_task_lists() {
    use Role::*;
    let got = names("（牵头单位：县人社局，配合单位：县财政局、县税务局）");
    assert_eq!(
        got.iter().map(|g| (g.0.as_str(), g.2)).collect::<Vec<_>>(),
        [("县人社局", Lead), ("县财政局", Supporting), ("县税务局", Supporting)]
    );
    // Other fields of the clause are not bodies.
    for clause in [
        "（责任单位：县人社局；完成时限：2023年12月底前）",
        "（责任领导：副县长王某；责任单位：县人社局）",
        "（牵头领导：王某；责任单位：县人社局）",
        "（责任单位：县人社局，2023年底前完成）",
        "（县人社局负责，时间节点：2023年6月）",
    ] {
        assert_eq!(
            names(clause).iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
            ["县人社局"],
            "{clause}"
        );
        assert!(!find_clauses(&format!("开展培训。{clause}")).is_empty(), "{clause}");
    }
    let got = names("（县卫健局负责，县市场监管局、县农业农村局配合）");
    assert_eq!(
        got.iter().map(|g| (g.0.as_str(), g.2)).collect::<Vec<_>>(),
        [
            ("县卫健局", Lead),
            ("县市场监管局", Supporting),
            ("县农业农村局", Supporting)
        ]
    );
    let got = names("（县人社局会同县财政局负责）");
    assert_eq!(
        got.iter().map(|g| (g.0.as_str(), g.2)).collect::<Vec<_>>(),
        [("县人社局", Lead), ("县财政局", Supporting)]
    );
    let got = names("（县人社局（牵头）、县财政局、县医保局按职能分工负责）");
    assert_eq!(
        got.iter().map(|g| (g.0.as_str(), g.2)).collect::<Vec<_>>(),
        [("县人社局", Lead), ("县财政局", Responsible), ("县医保局", Responsible)]
    );
    let got = names("（县人社局、县民政局等部门按职责分工负责）");
    assert_eq!(
        got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
        ["县人社局", "县民政局"]
    );
    let got = names("（县人社局及相关部门，各乡镇人民政府按职责落实）");
    assert_eq!(
        got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
        ["县人社局", "相关部门", "各乡镇人民政府"]
    );
}

#[test]
fn aliases_defined_in_the_text() {
    let p = "为推进此项工作，桐溪县生态环境局石门分局（以下简称石门分局）、国家税务总局桐溪县税务局（以下简称“县税务局”）要密切配合，加强宣传（以下简称宣传工作）。";
    assert_eq!(
        aliases_in_text(p),
        [
            ("石门分局".to_owned(), "桐溪县生态环境局石门分局".to_owned()),
            ("县税务局".to_owned(), "国家税务总局桐溪县税务局".to_owned()),
        ]
    );
    assert!(aliases_in_text("本办法（以下简称办法）自印发之日起施行。").is_empty());
}

#[test]
fn clauses_run_into_the_sentences() {
    let found = |p: &'static str| -> Vec<&'static str> { find_clauses(p).into_iter().map(|r| &p[r]).collect() };
    assert_eq!(
        found("全面推行承诺制，由省发展改革委牵头，省财政厅、省自然资源厅配合。简化审批程序。省教育厅负责。"),
        ["由省发展改革委牵头，省财政厅、省自然资源厅配合。", "省教育厅负责。"]
    );
    assert_eq!(
        found("推进直接结算。省卫生健康委、省财政厅按职责分工负责，各市县人民政府落实。"),
        ["省卫生健康委、省财政厅按职责分工负责，各市县人民政府落实。"]
    );
    // Sentences that assign nothing to a body, or whose subject is no body, stay text.
    for p in [
        "各级人民政府负责本行政区域内的就业工作。",
        "企业主体负责，政府监管到位。",
        "坚持政府引导、市场主导，形成工作合力。",
        "由省委网信办会同省公安厅组织实施。",
        "各乡镇、各成员单位要明确一名分管负责同志具体抓落实。",
    ] {
        assert!(found(p).is_empty(), "{p}: {:?}", found(p));
    }
    assert_eq!(found("推行资格认定全程网办，省教育厅负责。"), ["省教育厅负责。"]);
    let got = names("由省发展改革委牵头，省财政厅、省自然资源厅配合。");
    assert_eq!(
        got.iter().map(|g| (g.0.as_str(), g.2)).collect::<Vec<_>>(),
        [
            ("省发展改革委", Role::Lead),
            ("省财政厅", Role::Supporting),
            ("省自然资源厅", Role::Supporting)
        ]
    );
}
