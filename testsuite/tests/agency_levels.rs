//! Agencies of every level and every era, table-driven (`fixtures/agency_names.tsv`): the same
//! kind of body at every level resolves alike, distinct bodies never merge, and every body a
//! reform dissolved names its successor and the year.

use policy_align::{AgencyId, AgencyRegistry, AgencyStatus};
use std::sync::LazyLock;

static REGISTRY: LazyLock<AgencyRegistry> = LazyLock::new(AgencyRegistry::new);

const TABLE: &str = include_str!("fixtures/agency_names.tsv");

/// The table's lines of one kind, split on tabs, with their line numbers.
fn lines(kind: &str) -> Vec<(usize, Vec<&'static str>)> {
    TABLE
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(n, l)| (n + 1, l.split('\t').collect::<Vec<_>>()))
        .filter(|(_, f)| f[0] == kind)
        .map(|(n, f)| (n, f[1..].to_vec()))
        .collect()
}

/// The kind of body `name` resolves to, failing the test with the line when it is not one.
fn body(name: &str, line: usize) -> String {
    let r = REGISTRY.resolve(name, &[]);
    assert_eq!(r.status, AgencyStatus::Resolved, "line {line}: {name} → {r:?}");
    match &r.agency {
        AgencyId::Body(b) => b.clone(),
        other => panic!("line {line}: {name} is {other}, not one kind of body"),
    }
}

#[test]
fn the_table_holds_at_least_300_pairs() {
    let same: usize = lines("same").iter().map(|(_, f)| f.len() - 2).sum();
    let pairs = same + lines("distinct").len() + lines("successor").len();
    assert!(pairs >= 300, "{pairs} pairs");
    // Every level is there: central, provincial, prefecture, county.
    for marker in ["部", "总局", "省", "市", "县"] {
        assert!(TABLE.contains(marker));
    }
}

#[test]
fn the_same_body_resolves_alike_at_every_level() {
    let mut failures = Vec::new();
    for (line, fields) in lines("same") {
        let (want, names) = (fields[0], &fields[1..]);
        for name in names {
            let r = REGISTRY.resolve(name, &[]);
            if r.agency != *want {
                failures.push(format!("line {line}: {name} → {} (want {want})", r.agency));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn distinct_bodies_never_merge() {
    for (line, f) in lines("distinct") {
        let (a, b) = (body(f[0], line), body(f[1], line));
        assert_ne!(a, b, "line {line}: {} and {} are both {a}", f[0], f[1]);
    }
}

#[test]
fn predecessors_name_their_successor_and_year() {
    for (line, f) in lines("successor") {
        let (name, want, year) = (f[0], f[1], f[2].parse::<u16>().unwrap());
        let id = body(name, line);
        let dissolved = REGISTRY.body(&id).unwrap();
        assert!(!dissolved.is_current(), "line {line}: {name} ({id}) is a body of today");
        let now: Vec<(String, u16)> = REGISTRY
            .successors(&id)
            .iter()
            .map(|(b, y)| (b.id.clone(), *y))
            .collect();
        assert!(
            now.contains(&(want.to_owned(), year)),
            "line {line}: {name} ({id}) → {now:?}, want {want} ({year})"
        );
        // The successor is a body of today, and the dissolved body's functions are carried on.
        assert!(REGISTRY.body(want).unwrap().is_current());
    }
}

#[test]
fn collective_phrases_are_collective() {
    for (line, names) in lines("collective") {
        for name in names {
            let r = REGISTRY.resolve(name, &[]);
            assert_eq!(r.status, AgencyStatus::Collective, "line {line}: {name} → {r:?}");
        }
    }
}

#[test]
fn every_body_of_today_is_a_function_and_every_body_carries_one() {
    for b in REGISTRY.bodies() {
        for f in b.carries() {
            let carrier = REGISTRY
                .function(&f)
                .unwrap_or_else(|| panic!("{}: no function {f}", b.id));
            assert!(
                carrier.is_current() || f == b.id,
                "{}: function {f} is of a dissolved body",
                b.id
            );
        }
        if !b.is_current() {
            assert!(b.until.is_some());
        }
    }
}

#[test]
fn unresolved_bodies_come_with_the_closest_candidates() {
    let r = REGISTRY.resolve("市知识产权维权援助分中心", &[]);
    assert_eq!(r.status, AgencyStatus::Unresolved);
    assert!(!r.candidates.is_empty(), "{r:?}");
    assert!(r.candidates.len() <= 3);
    // A near spelling of a known body lists it first.
    let r = REGISTRY.resolve("市食品药品稽查支队", &[]);
    assert_eq!(r.status, AgencyStatus::Unresolved, "{r:?}");
    assert!(r.candidates.iter().any(|c| c == "food_drug"), "{r:?}");
}

/// The published-style fixtures: every mention resolves to the body read off the text by
/// hand (or is collective), so none is unresolved and no two bodies merge.
#[test]
fn published_fixtures_resolve_every_mention() {
    let national: &[(&str, &str)] = &[
        ("市场监管总局", "market_regulation"),
        ("国家知识产权局", "ip_office"),
        ("商务部", "commerce"),
        ("国家版权局", "copyright"),
        ("工业和信息化部", "industry_it"),
        ("公安部", "public_security"),
        ("税务总局", "taxation"),
        ("海关总署", "customs"),
        ("全国打击侵权假冒工作领导小组办公室", "anti_counterfeiting_office"),
        ("全国双打办", "anti_counterfeiting_office"),
        ("司法部", "justice"),
        ("最高人民法院", "court"),
        ("最高人民检察院", "procuratorate"),
        ("人民银行", "central_bank"),
        ("中央宣传部", "propaganda"),
        ("财政部", "finance"),
        ("各成员单位", "collective"),
        ("各有关部门", "collective"),
    ];
    let province: &[(&str, &str)] = &[
        ("省知识产权局", "ip_office"),
        ("省财政厅", "finance"),
        ("省司法厅", "justice"),
        ("省高级人民法院", "court"),
        ("省市场监管局", "market_regulation"),
        ("省公安厅", "public_security"),
        ("省商务厅", "commerce"),
        ("省发展改革委", "development_reform"),
        ("省委宣传部", "propaganda"),
        ("省人民检察院", "procuratorate"),
        ("省科技厅", "science_technology"),
        ("省贸促会", "ccpit"),
    ];
    let city_2016: &[(&str, &str)] = &[
        ("市打击侵权假冒工作领导小组办公室", "anti_counterfeiting_office"),
        ("市双打办", "anti_counterfeiting_office"),
        ("市工商局", "industry_commerce"),
        ("市质监局", "quality_supervision"),
        ("市食品药品监管局", "food_drug"),
        ("市经信委", "industry_it"),
        ("市商务局", "commerce"),
        ("市公安局", "public_security"),
        ("市检察院", "procuratorate"),
        ("市法院", "court"),
        ("市卫生计生委", "health_family_planning"),
        ("市农委", "agriculture"),
        ("市科技局", "science_technology"),
        ("市文广新局", "culture_press"),
        ("市网信办", "cyberspace"),
        ("市财政局", "finance"),
        ("市政府法制办", "legal_affairs_office"),
        ("市发展改革委", "development_reform"),
        ("市委宣传部", "propaganda"),
    ];
    let county: &[(&str, &str)] = &[
        ("县市场监管局", "market_regulation"),
        ("县公安局", "public_security"),
        ("县农业农村局", "agriculture_rural"),
        ("县商务局", "commerce"),
        ("县委宣传部", "propaganda"),
        ("县旅游和文化广电体育局", "culture_tourism+radio_tv+sports"),
        ("县人民法院", "court"),
        ("县人民检察院", "procuratorate"),
        ("县综合行政执法局", "urban_management"),
        ("县司法局", "justice"),
        ("县工商联", "federation_industry_commerce"),
        ("县科学技术和工业信息化局", "science_technology+industry_it"),
        ("县发展和改革委员会", "development_reform"),
        ("县财政局", "finance"),
        ("各乡镇人民政府", "collective"),
        ("县直有关部门", "collective"),
    ];
    let files = [
        ("national_work_points.txt", national),
        ("province_regulation_simp.txt", province),
        ("province_regulation_trad.txt", province),
        ("city_division_2016.txt", city_2016),
        ("county_webpage.txt", county),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (file, want) in files {
        let doc = policy_align::Document::from_path(dir.join(file)).unwrap();
        let res = REGISTRY.resolve_document(&doc);
        let mut seen = 0;
        for (mention, r) in res.mentions(&doc).unwrap() {
            // Traditional names are looked up by their simplified form.
            let name = simplified(&mention.name);
            let expected = want.iter().find(|(n, _)| *n == name).map(|(_, id)| *id);
            let got = match r.status {
                AgencyStatus::Collective => "collective".to_owned(),
                _ => r.agency.to_string(),
            };
            assert_eq!(Some(got.as_str()), expected, "{file}: {}", mention.name);
            seen += 1;
        }
        assert!(seen >= want.len(), "{file}: {seen} mentions");
    }
}

/// The simplified spelling of the traditional names of the fixtures.
fn simplified(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '識' => '识',
            '產' => '产',
            '財' => '财',
            '廳' => '厅',
            '級' => '级',
            '場' => '场',
            '監' => '监',
            '務' => '务',
            '發' => '发',
            '傳' => '传',
            '檢' => '检',
            '貿' => '贸',
            '會' => '会',
            '區' => '区',
            '權' => '权',
            '縣' => '县',
            _ => c,
        })
        .collect()
}
