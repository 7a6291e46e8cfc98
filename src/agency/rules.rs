//! The rules that resolve a name: collective mentions, canonical forms, abbreviations, slips,
//! near misses and merged bureaus.

use super::id::MatchRule;
use crate::lexicon::places;
use std::collections::BTreeSet;
use std::collections::HashMap;

/// Words that make a mention collective.
pub(crate) fn is_collective(text: &str) -> bool {
    let t = text.trim();
    t.starts_with('各')
        || t.ends_with("成员单位")
        || t.contains("有关")
        || t.contains("相关部门")
        || t.contains("相关单位")
        || t.ends_with("各部门")
        || t.ends_with("各单位")
        || (places::is_level_direct(t) && t.ends_with("部门"))
}

/// Suffixes taken as one (委/委员会/厅/局), and the other suffixes a name may end with.
pub(super) fn canon(name: &str) -> String {
    // 人民 goes (人民法院 = 法院) except in 人民银行, which is not 银行. Most names hold none
    // of 人, 和 and 分: nothing to replace.
    let mut s: String = if name.contains(['人', '和', '分']) {
        name.replace("人民银行", "\u{1}")
            .replace("人民", "")
            .replace('\u{1}', "人民银行")
            .replace('和', "")
            .replace("分局", "局")
            .replace("分院", "院")
    } else {
        name.to_owned()
    };
    // 监察委员会 (since 2018) is not the 监察局 it replaced, and 监委 is not 市监局 (市场监管局)
    // once a 市 stands before it.
    if s.chars().count() >= 2 && !s.ends_with("监察委员会") && !s.ends_with("监委") {
        for (from, to) in [("委员会", "局"), ("办公厅", "办公室"), ("厅", "局"), ("委", "局")] {
            if s.ends_with(from) && s.len() > from.len() {
                s.truncate(s.len() - from.len());
                s.push_str(to);
                break;
            }
        }
    }
    s
}

/// Is `short` a subsequence of `long`?
fn subsequence(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().all(|c| it.any(|l| l == c))
}

/// A place name the rules do not know (`广州海关`): a prefix of two to four characters whose
/// rest is a name of the table.
pub(super) fn unknown_place(exact: &HashMap<String, usize>, name: &str) -> Option<(Vec<usize>, MatchRule)> {
    name.char_indices()
        .skip(2)
        .take(3)
        .filter(|&(i, _)| name[i..].chars().count() >= 2)
        .find_map(|(i, _)| exact.get(&canon(&name[i..])))
        .map(|&k| (vec![k], MatchRule::Exact))
}

/// Names of the table with their length in characters, and the body of each.
type Named = Vec<(String, usize, usize)>;

/// The table's canonical names arranged for the fuzzy rules, built once with the registry.
#[derive(Debug, Clone, Default)]
pub(super) struct NameIndex {
    /// (first, last character) → (name, its length in characters, body).
    ends: HashMap<(char, char), Named>,
    /// The characters of a name, sorted → the bodies with a name of those characters.
    anagrams: HashMap<Vec<char>, BTreeSet<usize>>,
    /// Last character → (name, its length in characters, body).
    by_last: HashMap<char, Named>,
    /// The stems of bureau names (`农业农村` of `农业农村局`), two characters or more.
    pub(super) stems: Vec<(String, usize)>,
}

impl NameIndex {
    /// The index of canonical names → body.
    pub(super) fn new(exact: &HashMap<String, usize>) -> NameIndex {
        let mut index = NameIndex::default();
        let mut names: Vec<(&String, &usize)> = exact.iter().collect();
        names.sort();
        for (name, &k) in names {
            let (Some(first), Some(last)) = (name.chars().next(), name.chars().next_back()) else {
                continue;
            };
            let n = name.chars().count();
            index.ends.entry((first, last)).or_default().push((name.clone(), n, k));
            let mut sorted: Vec<char> = name.chars().collect();
            sorted.sort_unstable();
            index.anagrams.entry(sorted).or_default().insert(k);
            index.by_last.entry(last).or_default().push((name.clone(), n, k));
            if let Some(stem) = name.strip_suffix('局').filter(|s| s.chars().count() >= 2) {
                index.stems.push((stem.to_owned(), k));
            }
        }
        index
    }
}

pub(super) fn match_fuzzy(index: &NameIndex, near_miss: f64, canons: &[String]) -> Option<(Vec<usize>, MatchRule)> {
    for c in canons {
        let n = c.chars().count();
        if n < 3 {
            continue;
        }
        let (first, last) = (c.chars().next()?, c.chars().next_back()?);
        // Abbreviation: ordered characters of a longer name with the same first and last.
        let mut best: Option<(usize, usize)> = None; // (length, body)
        let mut tie = false;
        for (name, m, k) in index.ends.get(&(first, last)).into_iter().flatten() {
            let (m, k) = (*m, *k);
            if m > n && subsequence(c, name) {
                match best {
                    Some((len, f)) if m == len && f != k => tie = true,
                    Some((len, _)) if m >= len => {}
                    _ => {
                        best = Some((m, k));
                        tie = false;
                    }
                }
            }
        }
        if let (Some((_, k)), false) = (best, tie) {
            return Some((vec![k], MatchRule::Abbreviation));
        }
        // Slip: the same characters in another order.
        if n >= 4 {
            let mut sorted: Vec<char> = c.chars().collect();
            sorted.sort_unstable();
            if let Some(slips) = index.anagrams.get(&sorted)
                && slips.len() == 1
            {
                return Some((slips.iter().copied().collect(), MatchRule::Slip));
            }
        }
        // Near miss: a spelling close to a name of the same suffix.
        if n >= 5 && near_miss < 1.0 {
            let mut scored: Vec<(f64, usize, &String)> = index
                .by_last
                .get(&last)
                .into_iter()
                .flatten()
                // The similarity cannot reach the threshold when the lengths differ too much.
                .filter(|(_, m, _)| n.abs_diff(*m) as f64 <= (1.0 - near_miss) * n.max(*m) as f64)
                .map(|(name, _, k)| (strsim::normalized_levenshtein(c, name), *k, name))
                .filter(|&(s, _, _)| s >= near_miss)
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.2.cmp(b.2)));
            if let Some(&(score, k, _)) = scored.first()
                && scored.iter().all(|&(s, f, _)| f == k || s < score)
            {
                return Some((vec![k], MatchRule::NearMiss));
            }
        }
    }
    None
}

/// The bodies whose names are closest to `key` (a canonical form), closest first, at most
/// `n`: a normalized Levenshtein or Sørensen-Dice (character bigrams) similarity of 0.4 or
/// more, ties by table order.
pub(super) fn closest(exact: &HashMap<String, usize>, key: &str, n: usize) -> Vec<usize> {
    let mut best: HashMap<usize, f64> = HashMap::new();
    for (name, &k) in exact {
        let s = strsim::normalized_levenshtein(key, name).max(dice(key, name));
        if s >= 0.4 {
            let e = best.entry(k).or_insert(0.0);
            *e = e.max(s);
        }
    }
    let mut ranked: Vec<(usize, f64)> = best.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(n).map(|(k, _)| k).collect()
}

/// The Sørensen-Dice similarity of two names' character bigrams.
fn dice(a: &str, b: &str) -> f64 {
    let bigrams = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        let mut v: Vec<(char, char)> = c.windows(2).map(|w| (w[0], w[1])).collect();
        v.sort_unstable();
        v
    };
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let mut shared = 0;
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (x.len() + y.len()) as f64
}

/// A name made of several bodies' names (`农业农村水利局` = 农业农村 + 水利).
pub(super) fn merged(index: &NameIndex, c: &str) -> Option<Vec<usize>> {
    let stem = c.strip_suffix('局')?;
    if stem.is_empty() {
        return None;
    }
    // Longest-first segmentation of the stem into table stems.
    let mut parts = Vec::new();
    let mut rest = stem;
    while !rest.is_empty() {
        let (s, k) = index
            .stems
            .iter()
            .filter(|(s, _)| rest.starts_with(s.as_str()))
            .max_by_key(|(s, _)| s.len())?;
        if !parts.contains(k) {
            parts.push(*k);
        }
        rest = &rest[s.len()..];
    }
    (parts.len() >= 2).then_some(parts)
}
