//! Lists copied word for word: enumerations (`茶叶、油茶、中药材…`), the runs of items two
//! measures share, and a cosine in which a copied list weighs as one of its terms.

use super::vectors::MeasureFeatures;

/// The fewest consecutive items two enumerations must share, word for word, to be one list
/// copied (see [`list_cosine`]).
pub const MIN_LIST_ITEMS: usize = 3;

/// Cosine of two measures' L2-normalized sparse vectors (`a`, `b`; `la`, `lb` the ids each uses
/// only inside enumerations, sorted) in which a list copied word for word weighs as one of its
/// terms: when the two measures share a run of [`MIN_LIST_ITEMS`] or more items of an
/// enumeration (`copied`, see [`shares_a_list`]), the `k` terms both use only inside
/// enumerations have their weights divided by `√k` in both vectors, which are then compared by
/// cosine as usual.
///
/// Two measures that open with the same six industries, or the same kinds of premises, share
/// one piece of wording, however many items it has, and may still do different things. Terms
/// shared outside the list count in full, and so do lists that are not copied (the same
/// procedures named in other words and another order): those are content. A measure copied
/// whole, list and all, still scores 1 with its copy.
pub fn list_cosine(a: &[(u32, f32)], b: &[(u32, f32)], la: &[u32], lb: &[u32], copied: bool) -> f64 {
    let (mut i, mut j) = (0, 0);
    let (mut dot, mut list, mut k) = (0.0f64, 0.0f64, 0usize);
    // The squared weights of the list terms in each vector.
    let (mut na, mut nb) = (0.0f64, 0.0f64);
    while i < a.len() && j < b.len() {
        let (s, t) = (a[i].0, b[j].0);
        if s != t {
            // Most terms are not shared: step past the smaller id without a branch to guess.
            i += usize::from(s < t);
            j += usize::from(t < s);
            continue;
        }
        let (x, y) = (f64::from(a[i].1), f64::from(b[j].1));
        if copied && la.binary_search(&t).is_ok() && lb.binary_search(&t).is_ok() {
            list += x * y;
            na += x * x;
            nb += y * y;
            k += 1;
        } else {
            dot += x * y;
        }
        i += 1;
        j += 1;
    }
    if k < 2 {
        return (dot + list).clamp(0.0, 1.0);
    }
    let k = k as f64;
    // Both vectors have norm 1: their list part is `na` (`nb`), the rest `1 - na`.
    let norm = ((1.0 - na + na / k) * (1.0 - nb + nb / k)).sqrt();
    if norm > 0.0 {
        ((dot + list / k) / norm).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Whether two measures share a run of [`MIN_LIST_ITEMS`] consecutive items of an
/// enumeration, word for word. The first item of a run may differ in the words before it
/// (`依托县级物流配送中心`, `健全县级物流配送中心`), the last in the words after it
/// (`特色水果等六大特色产业`, `特色水果`): they match when at least half of the shorter one, and
/// two characters, are the same at their inner end.
pub fn shares_a_list(a: &MeasureFeatures, b: &MeasureFeatures) -> bool {
    a.lists.iter().any(|x| b.lists.iter().any(|y| copied_run(x, y)))
}

/// Whether two items agree over at least half of the shorter, and two characters, counted
/// from their end (`from_end`) or their start.
fn items_agree(p: &str, q: &str, from_end: bool) -> bool {
    let shorter = p.chars().count().min(q.chars().count());
    let same = if from_end {
        p.chars().rev().zip(q.chars().rev()).take_while(|(x, y)| x == y).count()
    } else {
        p.chars().zip(q.chars()).take_while(|(x, y)| x == y).count()
    };
    same >= 2 && 2 * same >= shorter
}

fn copied_run(x: &[String], y: &[String]) -> bool {
    let n = MIN_LIST_ITEMS;
    (0..(x.len() + 1).saturating_sub(n)).any(|i| {
        (0..(y.len() + 1).saturating_sub(n)).any(|j| {
            // The inner items, which must be equal, first: the cheapest test, and the one
            // most pairs fail.
            let inner = (1..n - 1).all(|k| {
                let (p, q) = (x[i + k].as_str(), y[j + k].as_str());
                p == q && p.chars().count() >= 2
            });
            inner && items_agree(&x[i], &y[j], true) && items_agree(&x[i + n - 1], &y[j + n - 1], false)
        })
    })
}

/// The byte ranges of the enumerations of `text`: the stretches between clause punctuation
/// (，。；：！？ and brackets) that hold two or more 、.
pub(super) fn enumerations(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut start, mut commas) = (0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '、' => commas += 1,
            '，' | '。' | '；' | '：' | '！' | '？' | '（' | '）' | '(' | ')' | '〔' | '〕' | '【' | '】' =>
            {
                if commas >= 2 {
                    out.push((start, i));
                }
                start = i + c.len_utf8();
                commas = 0;
            }
            _ => {}
        }
    }
    if commas >= 2 {
        out.push((start, text.len()));
    }
    out
}

/// The ids of `occurrences` (`(id, inside an enumeration?)`) that occur only inside
/// enumerations, sorted.
pub(super) fn only_in_lists(occurrences: &[(u32, bool)]) -> Vec<u32> {
    // Most measures hold no enumeration.
    if !occurrences.iter().any(|o| o.1) {
        return Vec::new();
    }
    let mut inside: Vec<u32> = occurrences.iter().filter(|o| o.1).map(|o| o.0).collect();
    let mut outside: Vec<u32> = occurrences.iter().filter(|o| !o.1).map(|o| o.0).collect();
    inside.sort_unstable();
    inside.dedup();
    outside.sort_unstable();
    inside.retain(|id| outside.binary_search(id).is_err());
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(s: &str) -> Vec<String> {
        s.split('、').map(str::to_owned).collect()
    }

    #[test]
    fn enumerations_are_clauses_of_three_items_or_more() {
        let text = "围绕茶叶、油茶、中药材等特色产业，建设园区、基地。推进A、B、C。";
        let lists: Vec<&str> = enumerations(text).into_iter().map(|(a, b)| &text[a..b]).collect();
        assert_eq!(lists, ["围绕茶叶、油茶、中药材等特色产业", "推进A、B、C"]);
    }

    #[test]
    fn a_list_copied_word_for_word_is_one_run() {
        let province = items("健全县级物流配送中心、乡镇快递服务站、村级寄递服务点三级物流网络");
        let county = items("依托县级物流配送中心、乡镇快递服务站、村级寄递服务点布局");
        assert!(copied_run(&province, &county));
        // The same kinds of procedure named in other words, or only two items shared: not a
        // copied list.
        assert!(!copied_run(
            &items("压覆矿产资源、地质灾害危险性、水土保持、文物保护等区域评估"),
            &items("统一组织地质灾害、水土保持、文物勘探等评价")
        ));
        assert!(!copied_run(&items("推进甲、乙、丙"), &items("推进甲、乙、丁戊")));
        assert!(copied_run(
            &items("推进甲乙、丙丁、戊己"),
            &items("推进甲乙、丙丁、戊己庚辛")
        ));
    }

    #[test]
    fn a_copied_list_weighs_as_one_of_its_terms() {
        // Three terms shared only inside a copied list (ids 1–3) and one outside it (id 4).
        let w = 0.5f32;
        let a = [(1, w), (2, w), (3, w), (4, w)];
        let lists = [1, 2, 3];
        let b = [(1, w), (2, w), (3, w), (5, w)];
        assert!((list_cosine(&a, &b, &lists, &lists, false) - 0.75).abs() < 1e-6);
        // Each vector: list 0.75 of its squared norm, the rest 0.25; the list divided by 3.
        let copied = list_cosine(&a, &b, &lists, &lists, true);
        assert!((copied - 0.25 / 0.5).abs() < 1e-6, "{copied}");
        // A measure copied whole still scores 1 with its copy.
        assert!((list_cosine(&a, &a, &lists, &lists, true) - 1.0).abs() < 1e-6);
        // A term only one side uses inside a list counts in full.
        assert!((list_cosine(&a, &a, &lists, &[1], true) - 1.0).abs() < 1e-6);
    }
}
