//! A document's terms numbered within the document: what interning needs of a segmented
//! document, made on the thread pool, so that the thread that interns a set of documents (in
//! document order, for ids that are the same on every run) looks up each distinct term of a
//! document once and does nothing else per occurrence.

use super::lists::only_in_lists;
use super::vectors::{Counts, Segmented, char_bigrams};
use rustc_hash::FxHashMap;

/// A document's words and bigrams, each distinct one once, in order of first occurrence over
/// its measures in order (words and bigrams apart), and its measures in those local ids.
pub(super) struct Local {
    /// The distinct words.
    pub(super) words: Vec<Box<str>>,
    /// The distinct bigrams, two characters packed in a `u64`.
    pub(super) bigrams: Vec<u64>,
    /// Its measures' counts in local ids, words and bigrams each once in order of first
    /// occurrence (not sorted), list-only ids sorted.
    pub(super) measures: Vec<Counts>,
}

/// Terms of a measure in order, as `(local id, inside an enumeration?)`.
type Occurrences = Vec<(u32, bool)>;

/// Numbers the terms of a segmented document.
pub(super) fn numbered(segmented: Vec<Segmented>) -> Local {
    // Sized for half the document's occurrences (a guess at its distinct terms), so that the
    // tables seldom grow; they are dropped once the document is interned.
    let word_count: usize = segmented.iter().map(|s| s.words.len()).sum();
    let bigram_count: usize = segmented.iter().map(|s| s.bigrams.len()).sum();
    let mut word_ids: FxHashMap<&str, u32> = FxHashMap::with_capacity_and_hasher(word_count / 2, Default::default());
    let mut words: Vec<&str> = Vec::with_capacity(word_count / 2);
    let mut bigram_ids: FxHashMap<u64, u32> = FxHashMap::with_capacity_and_hasher(bigram_count / 2, Default::default());
    let mut bigrams: Vec<u64> = Vec::with_capacity(bigram_count / 2);
    // Per measure, its words and bigrams.
    let occurrences: Vec<(Occurrences, Occurrences)> = segmented
        .iter()
        .map(|seg| {
            let words = seg
                .words
                .iter()
                .map(|&(a, b)| {
                    let word = &seg.text[a..b];
                    let id = *word_ids.entry(word).or_insert_with(|| {
                        words.push(word);
                        words.len() as u32 - 1
                    });
                    (id, seg.word_in_list(a, b))
                })
                .collect();
            let measure_bigrams = seg
                .bigrams
                .iter()
                .zip(&seg.bigram_in_list)
                .map(|(&key, &inside)| {
                    let id = *bigram_ids.entry(key).or_insert_with(|| {
                        bigrams.push(key);
                        bigrams.len() as u32 - 1
                    });
                    (id, inside)
                })
                .collect();
            (words, measure_bigrams)
        })
        .collect();
    let words: Vec<Box<str>> = words.into_iter().map(Box::from).collect();
    let mut at = vec![u32::MAX; words.len().max(bigrams.len())];
    let measures = segmented
        .into_iter()
        .zip(occurrences)
        .map(|(seg, (w, b))| Counts {
            words: tally(&w, &mut at),
            bigrams: tally(&b, &mut at),
            list_words: only_in_lists(&w),
            list_bigrams: only_in_lists(&b),
            items: seg.items,
            heading_key: seg.heading_key,
            context_bigrams: char_bigrams(&seg.context),
            context: seg.context,
        })
        .collect();
    Local {
        words,
        bigrams,
        measures,
    }
}

/// Each id of `occurrences` once, in order of first occurrence, with how often it occurs.
/// `at` is scratch space indexed by id, `u32::MAX` everywhere (as it is left).
fn tally(occurrences: &[(u32, bool)], at: &mut [u32]) -> Vec<(u32, u32)> {
    // Dropped once interned: sized for every occurrence rather than grown.
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(occurrences.len());
    for &(id, _) in occurrences {
        let id_at = id as usize;
        if at[id_at] == u32::MAX {
            at[id_at] = out.len() as u32;
            out.push((id, 0));
        }
        out[at[id_at] as usize].1 += 1;
    }
    for &(id, _) in &out {
        at[id as usize] = u32::MAX;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tally_counts_in_order_of_first_occurrence_and_resets_its_scratch() {
        let mut at = vec![u32::MAX; 5];
        let got = tally(&[(3, false), (1, true), (3, true), (4, false), (1, false)], &mut at);
        assert_eq!(got, [(3, 2), (1, 2), (4, 1)]);
        assert!(at.iter().all(|&x| x == u32::MAX));
    }
}
