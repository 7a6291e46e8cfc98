//! Candidate dyads: which pairs of a large set of documents are worth aligning (see
//! [`candidate_pairs`]).

use crate::document::Document;
use rayon::prelude::*;
use serde::Serialize;

/// How candidate dyads are chosen (see [`candidate_pairs`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockingOptions {
    /// Up to this many documents, every pair is a dyad (no blocking). Default 200 (19,900
    /// pairs).
    pub all_pairs_up_to: usize,
    /// A fingerprint held by at most this many documents is distinctive. Default 20: a
    /// prefecture and its counties, a province and its prefectures.
    pub max_df: usize,
    /// Characters per hashed run. Default: [`DEFAULT_MIN_CHARS`](crate::reuse::DEFAULT_MIN_CHARS).
    pub k: usize,
    /// Hashes per winnowing window. Default 8: a shared passage of 15 characters is always
    /// found.
    pub window: usize,
}

impl Default for BlockingOptions {
    fn default() -> Self {
        BlockingOptions {
            all_pairs_up_to: 200,
            max_df: 20,
            k: crate::reuse::DEFAULT_MIN_CHARS,
            window: 8,
        }
    }
}

impl BlockingOptions {
    /// Every pair, whatever the number of documents.
    pub fn all_pairs() -> BlockingOptions {
        BlockingOptions {
            all_pairs_up_to: usize::MAX,
            ..BlockingOptions::default()
        }
    }
}

/// The candidate dyads of a set of documents, and what was skipped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Blocking {
    /// The candidate pairs `(i, j)`, `i < j`, sorted.
    #[serde(skip)]
    pub pairs: Vec<(usize, usize)>,
    /// How many pairs the set has.
    pub all_pairs: u64,
    /// How many were candidates.
    pub candidates: u64,
    /// How many were skipped.
    pub skipped: u64,
    /// Whether blocking applied (`false`: every pair is a candidate).
    pub blocked: bool,
    /// The most documents a distinctive fingerprint is held by.
    pub max_df: usize,
    /// The bound on a skipped pair: it shares no passage of this many characters or more that
    /// at most `max_df` documents hold (each document's own place name read as one placeholder).
    pub passage_chars: usize,
}

impl Blocking {
    /// Makes `pairs` candidates too (the reference's pairs, say), and counts again.
    pub fn add_pairs(&mut self, pairs: impl IntoIterator<Item = (usize, usize)>) {
        self.pairs.extend(pairs.into_iter().map(|(i, j)| (i.min(j), i.max(j))));
        self.pairs.sort_unstable();
        self.pairs.dedup();
        self.candidates = self.pairs.len() as u64;
        self.skipped = self.all_pairs - self.candidates;
    }
}

/// Candidate dyads: which pairs of a large set of documents are worth aligning.
///
/// Every pair of 3,000 county answers is 4.5 million dyads, and aligning one takes a few
/// milliseconds of one core. Most pairs share only what every document of the set shares
/// (the provincial text they all answer, the genre's stock phrases), and that says nothing of
/// who took from whom. Blocking keeps the pairs that share something rarer: each document's text is reduced
/// to fingerprints ([`fingerprints`](crate::reuse::fingerprints): winnowed hashes of runs of
/// characters), a fingerprint held by at most `max_df` documents is *distinctive*, and two
/// documents that share a distinctive fingerprint are a candidate. Pairs where one cites the
/// other are always candidates.
///
/// The bound on what is skipped: with runs of `k` characters and windows of `window` hashes,
/// two documents sharing a passage of `k + window - 1` characters or more share a fingerprint;
/// so a skipped pair shares no passage that long unless every such passage is also in more
/// than `max_df` documents of the set. [`Blocking`] reports the pairs skipped with that bound.
/// Each document's own jurisdiction is one placeholder in its fingerprints (see
/// [`fingerprints`](crate::reuse::fingerprints)): two documents of one place, or of places
/// whose names share a character, are not candidates for that alone, and a passage that
/// differs only by the place that wrote it counts as shared when both documents' places are
/// known.
///
/// `cites[i]` are the documents document `i` cites (indices into `docs`). Up to
/// `options.all_pairs_up_to` documents, every pair is a candidate.
pub fn candidate_pairs(docs: &[&Document], cites: &[Vec<usize>], options: &BlockingOptions) -> Blocking {
    let n = docs.len();
    let all_pairs = (n as u64) * (n.saturating_sub(1) as u64) / 2;
    let passage_chars = options.k.max(1) + options.window.max(1) - 1;
    if n <= options.all_pairs_up_to {
        let pairs: Vec<(usize, usize)> = (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).collect();
        return Blocking {
            pairs,
            all_pairs,
            candidates: all_pairs,
            skipped: 0,
            blocked: false,
            max_df: n,
            passage_chars,
        };
    }
    let max_df = options.max_df.max(2);
    // (fingerprint, document), sorted: the documents of each fingerprint are a run.
    let mut postings: Vec<(u64, u32)> = docs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(d, doc)| {
            crate::reuse::fingerprints(doc, options.k, options.window)
                .into_iter()
                .map(move |h| (h, d as u32))
        })
        .collect();
    postings.par_sort_unstable();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for run in postings.chunk_by(|a, b| a.0 == b.0) {
        if run.len() < 2 || run.len() > max_df {
            continue;
        }
        for (x, a) in run.iter().enumerate() {
            pairs.extend(run[x + 1..].iter().map(|b| (a.1 as usize, b.1 as usize)));
        }
    }
    drop(postings);
    for (i, cited) in cites.iter().enumerate() {
        pairs.extend(
            cited
                .iter()
                .filter(|&&j| j != i && j < n)
                .map(|&j| (i.min(j), i.max(j))),
        );
    }
    pairs.par_sort_unstable();
    pairs.dedup();
    let candidates = pairs.len() as u64;
    Blocking {
        pairs,
        all_pairs,
        candidates,
        skipped: all_pairs - candidates,
        blocked: true,
        max_df,
        passage_chars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(name: &str, body: &str) -> Document {
        Document::from_text(&format!("某地措施\n一、第一项。{body}\n"), name).unwrap()
    }

    #[test]
    fn a_shared_place_name_makes_no_candidate() {
        // Two documents of one place and two of places that share a character, otherwise the
        // same text: their own names are all they share that is rare.
        let text = |place: &str| {
            format!(
                "{place}措施\n一、建设中心。推动建设{place}知识产权保护中心，面向{place}重点产业开展快速预审。\n\n\
                 {place}人民政府办公室\n2023年3月1日\n"
            )
        };
        let docs: Vec<Document> = ["东城县", "东城县", "东台市", "南台区"]
            .iter()
            .enumerate()
            .map(|(i, p)| Document::from_text(&text(p), &format!("{i}.txt")).unwrap())
            .collect();
        let refs: Vec<&Document> = docs.iter().collect();
        let options = BlockingOptions {
            all_pairs_up_to: 2,
            max_df: 2,
            ..BlockingOptions::default()
        };
        let b = candidate_pairs(&refs, &[], &options);
        assert_eq!(b.pairs, [], "{b:?}");
    }

    #[test]
    fn pairs_sharing_a_distinctive_passage_are_candidates() {
        // Every document holds the common sentence; two share a rarer one, two cite nothing
        // but the common text.
        let common = "全面加强知识产权保护工作推动高质量发展取得新成效";
        let rare = "建设东湖数字版权交易服务平台开展确权登记";
        let docs = [
            doc("a.txt", &format!("{common}。{rare}。")),
            doc("b.txt", &format!("{common}。")),
            doc("c.txt", &format!("{common}。各地{rare}，统一标准。")),
            doc(
                "d.txt",
                &format!("{common}。组织开展宣传周活动普及法律常识推动社会共治"),
            ),
        ];
        let refs: Vec<&Document> = docs.iter().collect();
        let options = BlockingOptions {
            all_pairs_up_to: 2,
            max_df: 2,
            ..BlockingOptions::default()
        };
        let b = candidate_pairs(&refs, &[vec![], vec![], vec![], vec![1]], &options);
        // (0, 2) share the rare passage; (1, 3) by citation; the common sentence, in all four,
        // makes no pair.
        assert_eq!(b.pairs, [(0, 2), (1, 3)]);
        assert_eq!((b.all_pairs, b.candidates, b.skipped), (6, 2, 4));
        assert!(b.blocked);
        assert_eq!(b.passage_chars, 15);
        // Under the size limit, every pair.
        let all = candidate_pairs(&refs, &[], &BlockingOptions::default());
        assert_eq!(all.pairs.len(), 6);
        assert!(!all.blocked);
    }
}
