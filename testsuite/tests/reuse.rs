//! Text reuse: the passages two measures share word for word, quoted exactly in both documents.

mod common;

use policy_align::reuse::{DEFAULT_MIN_CHARS, copied_passages};
use policy_align::{Document, Pipeline};
use proptest::prelude::*;

/// A passage's characters as compared: letters and digits only, lower-cased, full-width folded.
fn compared(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// On the bundled pair, the passages the two documents share word for word are found in the
/// aligned measures and quoted exactly from both sources.
#[test]
fn the_bundled_pair_shares_passages_word_for_word() {
    let c = Pipeline::new()
        .compare(common::DOCS[0].clone(), common::DOCS[1].clone())
        .unwrap();
    let (left, right) = (c.left(), c.right());
    let mut quotes: Vec<(String, String)> = Vec::new();
    for p in &c.alignment().pairs {
        let (lm, rm) = (left.measure(&p.left).unwrap(), right.measure(&p.right).unwrap());
        let reuse = copied_passages((left, lm), (right, rm), DEFAULT_MIN_CHARS);
        for passage in &reuse.passages {
            let (l, r) = (left.quote(passage.left).unwrap(), right.quote(passage.right).unwrap());
            // The same characters on both sides, at least the minimum, inside each measure.
            assert_eq!(compared(l), compared(r));
            assert!(compared(r).chars().count() >= DEFAULT_MIN_CHARS);
            assert_eq!(compared(r).chars().count(), passage.chars);
            assert!(lm.span.start <= passage.left.start && passage.left.end <= lm.span.end);
            assert!(rm.span.start <= passage.right.start && passage.right.end <= rm.span.end);
            quotes.push((l.to_owned(), r.to_owned()));
        }
        assert!((0.0..=1.0).contains(&reuse.verbatim_share) && (0.0..=1.0).contains(&reuse.reference_share));
    }
    // Xiangshan writes it on one line; Huizhou's text, extracted from a PDF, breaks the line
    // inside it: the quote is the source as it is, line break included.
    let wanted = "严格执行行政执法过程中的商标、专利侵权判断标准";
    assert!(
        quotes.iter().any(|(l, r)| l.contains(wanted)
            && r.starts_with("严格执行行政执法过程中的商标、专利侵权")
            && compared(r).contains(&compared(wanted))),
        "{quotes:#?}"
    );
    assert!(quotes.len() >= 10, "{} passages", quotes.len());
}

fn pieces() -> impl proptest::strategy::Strategy<Value = String> {
    prop::sample::select(vec![
        "加强知识产权保护",
        "严格执行",
        "行政执法过程中的",
        "商标、专利",
        "侵权判断标准",
        "，",
        "。",
        "（市场监管局负责）",
        " ",
        "\n",
        "ＡＢＣ",
        "2024年",
    ])
    .prop_map(str::to_owned)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever two measures say: no panic, passages inside each measure's span on character
    /// boundaries, at least the minimum long, the same characters on both sides, never
    /// overlapping, and shares in [0, 1].
    #[test]
    fn passages_are_always_inside_the_text(a in prop::collection::vec(pieces(), 1..20), b in prop::collection::vec(pieces(), 1..20), min in 1usize..12) {
        let left = Document::from_text(&format!("甲省措施\n一、工作要求。{}\n", a.concat()), "a.txt").unwrap();
        let right = Document::from_text(&format!("乙市措施\n1.工作安排。{}\n", b.concat()), "b.txt").unwrap();
        for lm in &left.measures {
            for rm in &right.measures {
                let reuse = copied_passages((&left, lm), (&right, rm), min);
                let mut seen: Vec<(usize, usize)> = Vec::new();
                for p in &reuse.passages {
                    let l = left.quote(p.left);
                    let r = right.quote(p.right);
                    prop_assert!(l.is_some() && r.is_some(), "{p:?}");
                    let (l, r) = (l.unwrap(), r.unwrap());
                    prop_assert_eq!(compared(l), compared(r));
                    prop_assert!(p.chars >= min);
                    prop_assert!(lm.span.start <= p.left.start && p.left.end <= lm.span.end);
                    prop_assert!(rm.span.start <= p.right.start && p.right.end <= rm.span.end);
                    prop_assert!(seen.iter().all(|&(s, e)| p.right.end <= s || e <= p.right.start));
                    seen.push((p.right.start, p.right.end));
                }
                prop_assert!((0.0..=1.0).contains(&reuse.verbatim_share));
                prop_assert!((0.0..=1.0).contains(&reuse.reference_share));
            }
        }
    }
}

/// A county's answer to Xiangshan's plan, made for the test: two measures copied (one with two
/// words changed), one reworded (Huizhou's own text for the same measure), one of its
/// own, the rest dropped. Every status as written down, copied passages quoted from both.
#[test]
fn adoption_statuses_of_a_made_answer() {
    use policy_align::diffusion::{AdoptionOptions, Status, adoptions};
    let xs = &common::DOCS[0];
    let hz = &common::DOCS[1];
    let m = |d: &Document, id: &str| d.measure(id).unwrap().clone();
    let (m1, m2) = (m(xs, "m2.1.1"), m(xs, "m2.1.2"));
    let reworded = hz
        .measures
        .iter()
        .find(|x| x.title == "加强新业态新领域保护")
        .unwrap()
        .clone();
    let county = format!(
        "桐川县关于强化知识产权保护的工作措施\n一、主要措施\n\
         1.{}。{}（县市场监管局负责）\n2.{}。{}（县法院、县检察院负责）\n3.{}。{}（县市场监管局负责）\n\
         4.做好数据统计报送。建立月度统计台账，按季度向县政府报送专利授权、商标注册数量变化情况。（县统计局负责）\n",
        m1.title,
        m1.text.replace("持续保持", "始终保持").replace("有效净化", "切实净化"),
        m2.title,
        m2.text,
        reworded.title,
        reworded.text
    );
    let county = Document::from_text(&county, "tongchuan.txt").unwrap();
    assert_eq!(county.measures.len(), 4);
    let c = Pipeline::new().compare(xs.clone(), county).unwrap();
    let t = adoptions(c.left(), c.right(), c.alignment(), &AdoptionOptions::default()).unwrap();
    let status = |id: &str| t.adoptions.iter().find(|a| a.reference_measure == id).unwrap();
    assert_eq!(status("m2.1.1").status, Status::Copied, "{:?}", status("m2.1.1"));
    assert_eq!(status("m2.1.2").status, Status::Copied);
    assert!((status("m2.1.2").verbatim_share - 1.0).abs() < 1e-9);
    assert_eq!(status("m2.1.3").status, Status::Reworded, "{:?}", status("m2.1.3"));
    assert!(status("m2.1.3").verbatim_share < 0.3);
    let dropped = t.adoptions.iter().filter(|a| a.status == Status::Dropped).count();
    assert_eq!(
        dropped,
        xs.measures.len() - 3,
        "{:#?}",
        c.alignment()
            .pairs
            .iter()
            .map(|p| (&p.left, &p.right, p.score, p.kind))
            .collect::<Vec<_>>()
    );
    let additions: Vec<&str> = t.additions.iter().map(|a| a.measure.as_str()).collect();
    assert_eq!(additions, ["m1.4"]);
    // The copy with two words changed: the passages stop at them, and quote both sides.
    let copy = status("m2.1.1");
    assert!(
        copy.spans.len() > 1 && copy.verbatim_share > 0.9 && copy.verbatim_share < 1.0,
        "{copy:?}"
    );
    for p in &copy.spans {
        assert_eq!(
            compared(c.left().quote(p.left).unwrap()),
            compared(c.right().quote(p.right).unwrap())
        );
    }
}
