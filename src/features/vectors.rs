//! Feature vectors: vocabulary, TF-IDF weighting, the features of each measure.

use super::lists::enumerations;
use super::memo::WordMemo;
use crate::agency::{AgencyStatus, DocumentAgencies};
use crate::document::Document;
use crate::error::{Error, Result};
use rustc_hash::FxHashMap;
use std::sync::{Arc, OnceLock};

/// A sparse vector: `(term id, weight)` sorted by term id.
pub type SparseVector = Vec<(u32, f32)>;

/// Interned terms: one allocation per distinct term, shared by the lookup table and the list.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Built when first needed: a vocabulary taken from another ([`Vocabulary::subset`]) is
    /// mostly read by id.
    ids: OnceLock<FxHashMap<Arc<str>, u32>>,
    terms: Vec<Arc<str>>,
}

impl Vocabulary {
    fn ids(&self) -> &FxHashMap<Arc<str>, u32> {
        self.ids.get_or_init(|| {
            self.terms
                .iter()
                .enumerate()
                .map(|(i, t)| (Arc::clone(t), i as u32))
                .collect()
        })
    }

    /// The id of a term, interning it if new.
    pub fn intern(&mut self, term: &str) -> u32 {
        self.ids();
        let ids = self.ids.get_mut().expect("built above");
        if let Some(&id) = ids.get(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        let shared: Arc<str> = Arc::from(term);
        ids.insert(Arc::clone(&shared), id);
        self.terms.push(shared);
        id
    }

    /// The terms of `ids`, in that order, as a vocabulary of their own (`ids[k]` becomes `k`).
    pub(crate) fn subset(&self, ids: &[u32]) -> Vocabulary {
        Vocabulary {
            ids: OnceLock::new(),
            terms: ids.iter().map(|&id| Arc::clone(&self.terms[id as usize])).collect(),
        }
    }

    /// The id of a known term.
    pub fn id(&self, term: &str) -> Option<u32> {
        self.ids().get(term).copied()
    }

    /// The term of an id, `None` for an id this vocabulary did not give.
    pub fn term(&self, id: u32) -> Option<&str> {
        self.terms.get(id as usize).map(|t| &**t)
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Cosine of two L2-normalized sparse vectors (their dot product), by merging.
pub fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += f64::from(a[i].1) * f64::from(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    dot.clamp(0.0, 1.0)
}

/// The features of one measure.
#[derive(Debug, Clone)]
pub struct MeasureFeatures {
    /// Index of the document in the compared set.
    pub doc: usize,
    /// Index of the measure in its document.
    pub measure: usize,
    /// The measure's id.
    pub id: String,
    /// Word TF-IDF vector.
    pub words: SparseVector,
    /// Character-bigram TF-IDF vector.
    pub bigrams: SparseVector,
    /// The word ids found only inside enumerations (`茶叶、油茶、中药材…`: three or more items
    /// in one clause), sorted. See [`list_cosine`](super::list_cosine).
    pub list_words: Vec<u32>,
    /// The bigram ids found only inside enumerations, sorted.
    pub list_bigrams: Vec<u32>,
    /// The items of each enumeration, in order.
    pub lists: Vec<Vec<String>>,
    /// The heading sentence.
    pub title: String,
    /// The heading's content words (stop words such as 加强, 强化, 机制 left out), joined.
    pub heading_key: String,
    /// The innermost enclosing group heading's content words, joined (empty when none).
    pub context: String,
    /// The character bigrams of `context`, each two characters packed in a `u64`, sorted.
    pub context_bigrams: Vec<u64>,
    /// Where the measure sits in its document: `(index + 0.5) / count`, in `(0, 1)`.
    pub position: f64,
    /// The canonical functions of its responsible agencies (collective mentions left out), sorted.
    pub functions: Vec<String>,
    /// For each of `functions`, its inverse document frequency over the measures that name
    /// agencies (`ln((1 + N) / (1 + df))`): a bureau named in every clause weighs little.
    pub function_weights: Vec<f32>,
}

/// Feature vectors for the measures of several documents, over one vocabulary.
#[derive(Debug, Clone)]
pub struct FeatureSet {
    /// Word vocabulary.
    pub words: Vocabulary,
    /// Character bigrams by id, each two characters packed in a `u64` (see [`FeatureSet::bigram`]).
    pub bigrams: Vec<u64>,
    /// `docs[d][m]`: features of measure `m` of document `d`.
    pub docs: Vec<Vec<MeasureFeatures>>,
}

/// A measure segmented: its text, word byte ranges, packed CJK bigrams, and heading contents.
pub(crate) struct Segmented {
    pub(super) text: String,
    pub(super) words: Vec<(usize, usize)>,
    pub(super) bigrams: Vec<u64>,
    /// For each bigram, whether it lies inside an enumeration.
    pub(super) bigram_in_list: Vec<bool>,
    /// Enumerations of `text` (byte ranges).
    lists: Vec<(usize, usize)>,
    /// The items of each enumeration.
    pub(super) items: Vec<Vec<String>>,
    pub(super) heading_key: String,
    pub(super) context: String,
}

impl Segmented {
    /// Whether the bytes `a..b` of the text lie inside an enumeration.
    pub(super) fn word_in_list(&self, a: usize, b: usize) -> bool {
        self.lists.iter().any(|&(s, e)| s <= a && b <= e)
    }
}

/// How many documents are segmented at once by [`FeatureSet::build`]: enough to keep both
/// cores busy, few enough that their segmentation weighs little in memory.
pub(super) const SEGMENT_CHUNK: usize = 256;

/// Counts of terms in one measure, before weighting, with what else its features keep of its
/// segmentation (so that the segmentation itself can be dropped).
pub(super) struct Counts {
    pub(super) words: Vec<(u32, u32)>,
    pub(super) bigrams: Vec<(u32, u32)>,
    /// Ids found only inside enumerations, sorted.
    pub(super) list_words: Vec<u32>,
    pub(super) list_bigrams: Vec<u32>,
    pub(super) items: Vec<Vec<String>>,
    pub(super) heading_key: String,
    pub(super) context: String,
    /// [`char_bigrams`] of `context`.
    pub(super) context_bigrams: Vec<u64>,
}

/// The character bigrams of a text (white space skipped), packed and sorted: a multiset.
pub fn char_bigrams(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut v: Vec<u64> = chars
        .windows(2)
        .map(|p| (u64::from(p[0]) << 32) | u64::from(p[1]))
        .collect();
    v.sort_unstable();
    v
}

/// Sørensen-Dice coefficient of two bigram multisets from [`char_bigrams`]: twice the shared
/// bigrams over all bigrams, counted in characters (CJK text included).
pub fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return if a == b && !a.is_empty() { 1.0 } else { 0.0 };
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (2 * shared) as f64 / (a.len() + b.len()) as f64
}

/// The content words of a heading, joined: what is left to compare once 加强, 强化, 机制… are gone.
fn content(memo: &WordMemo, heading: &str) -> String {
    joined_or_whole(heading, memo.words(heading).iter().map(|&(a, b)| &heading[a..b]))
}

/// `words` joined, or the whole `heading` when there are none.
fn joined_or_whole<'a>(heading: &str, words: impl Iterator<Item = &'a str>) -> String {
    let words: String = words.collect();
    if words.is_empty() { heading.to_owned() } else { words }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// The inverse document frequency of every term: `ln((1 + n) / (1 + df)) + 1`, each value
/// computed once (a document frequency is at most `n`).
fn idf(df: &[u32], n: usize) -> Vec<f64> {
    let of = |d: u32| ((1.0 + n as f64) / (1.0 + f64::from(d))).ln() + 1.0;
    let table: Vec<f64> = (0..=n as u32).map(of).collect();
    df.iter()
        .map(|&d| table.get(d as usize).copied().unwrap_or_else(|| of(d)))
        .collect()
}

/// The sublinear weight of a term frequency, `1 + ln tf` (1 for 1).
fn sublinear(tf: u32) -> f64 {
    /// The weights of the small frequencies, which nearly every term has.
    static SMALL: std::sync::OnceLock<[f64; 64]> = std::sync::OnceLock::new();
    let of = |tf: u32| if tf == 1 { 1.0 } else { 1.0 + f64::from(tf).ln() };
    let small = SMALL.get_or_init(|| std::array::from_fn(|k| of(k as u32)));
    small.get(tf as usize).copied().unwrap_or_else(|| of(tf))
}

/// A measure's TF-IDF vector (sublinear term frequency), L2-normalized.
fn weigh(counts: &[(u32, u32)], idf: &[f64]) -> SparseVector {
    let mut v: SparseVector = counts
        .iter()
        .map(|&(id, tf)| (id, (sublinear(tf) * idf[id as usize]) as f32))
        .collect();
    let norm = v.iter().map(|&(_, w)| f64::from(w) * f64::from(w)).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut v {
            *w = (f64::from(*w) / norm) as f32;
        }
    }
    v
}

/// The texts [`segment`] cuts of a document: of each measure, its heading and body (which
/// holds the heading) and its enclosing group headings, in the simplified script. A segmenter
/// built [`for_texts`](crate::segment::SegmenterBuilder::for_texts) these segments the
/// document as one with the whole dictionary.
pub(crate) fn texts_to_segment(doc: &Document) -> Vec<String> {
    let mut texts = Vec::new();
    for m in &doc.measures {
        texts.push(measure_text(m));
        texts.extend(m.path.iter().map(|g| crate::script::simplify(g).into_owned()));
    }
    texts
}

/// What ends a measure's heading in its text ([`measure_text`]).
const HEADING_END: char = '。';

/// A measure's heading and body, as one text in the simplified script: the heading, then
/// [`HEADING_END`], then the body.
fn measure_text(m: &crate::document::Measure) -> String {
    crate::script::simplify(&format!("{}{HEADING_END}{}", m.title, m.text)).into_owned()
}

/// Segments every measure of a document, the pieces of text segmented before taken from `memo`.
pub(crate) fn segment(memo: &WordMemo, doc: &Document) -> Vec<Segmented> {
    // When the segmenter never joins characters across the end of the heading, the words of
    // the heading are the first words of the measure's text.
    let heading_first = memo.splits_after(&[HEADING_END]);
    // The innermost group heading of the measure before, and its content words: the measures
    // of a group share it.
    let mut group: Option<(&str, String)> = None;
    doc.measures
        .iter()
        .map(|m| {
            // Matching reads the simplified script (the same words in both scripts).
            let simple = |t: &str| crate::script::simplify(t).into_owned();
            let text = measure_text(m);
            let words = memo.words(&text);
            let lists = enumerations(&text);
            let (bigrams, bigram_in_list) = bigrams_of(&text, &lists);
            let heading_key = if heading_first {
                // Simplifying keeps the byte length: the heading is `text[..m.title.len()]`.
                let title = &text[..m.title.len()];
                joined_or_whole(
                    title,
                    words
                        .iter()
                        .take_while(|&&(_, b)| b <= title.len())
                        .map(|&(a, b)| &text[a..b]),
                )
            } else {
                content(memo, &simple(&m.title))
            };
            let context = match m.path.last() {
                None => String::new(),
                Some(g) => match &group {
                    Some((last, context)) if last == g => context.clone(),
                    _ => {
                        let context = content(memo, &simple(g));
                        group = Some((g, context.clone()));
                        context
                    }
                },
            };
            let items = lists
                .iter()
                .map(|&(a, b)| text[a..b].split('、').map(|i| i.trim().to_owned()).collect())
                .collect();
            Segmented {
                text,
                words,
                bigrams,
                bigram_in_list,
                lists,
                items,
                heading_key,
                context,
            }
        })
        .collect()
}

/// The bigrams of adjacent CJK characters of `text`, two characters packed in a `u64`, each with
/// whether it lies inside one of the enumerations `lists` (byte spans).
fn bigrams_of(text: &str, lists: &[(usize, usize)]) -> (Vec<u64>, Vec<bool>) {
    // Two CJK characters take six bytes: a third of the bytes bounds the count.
    let (mut bigrams, mut inside) = (Vec::with_capacity(text.len() / 3), Vec::with_capacity(text.len() / 3));
    let mut before: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        if let Some((j, b)) = before
            && is_cjk(b)
            && is_cjk(c)
        {
            bigrams.push((u64::from(b) << 32) | u64::from(c));
            inside.push(lists.iter().any(|&(s, e)| s <= j && i < e));
        }
        before = Some((i, c));
    }
    (bigrams, inside)
}

/// The agency keys of each of a document's `measures` measures ([`measure_keys`]).
pub(super) fn document_keys(agencies: Option<&DocumentAgencies>, measures: usize) -> Vec<Vec<String>> {
    (0..measures).map(|k| measure_keys(agencies, k)).collect()
}

/// The agency keys of measure `k` of a document (collective mentions left out), sorted,
/// without repeats: what its features compare of its responsible agencies.
fn measure_keys(agencies: Option<&DocumentAgencies>, k: usize) -> Vec<String> {
    let mut keys: Vec<String> = agencies
        .and_then(|a| a.measures.get(k))
        .into_iter()
        .flatten()
        .filter(|r| r.status != AgencyStatus::Collective)
        .flat_map(|r| r.keys())
        .map(|id| id.to_string())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The agency keys of every measure of a set of documents ([`measure_keys`]) and how often
/// each is named.
pub(super) struct AgencyKeys<'a> {
    /// `keys[d][k]`: the keys of measure `k` of document `d`.
    keys: Vec<Vec<&'a [String]>>,
    /// Measures that name each key.
    df: FxHashMap<&'a str, u32>,
    /// Measures that name any agency.
    with_agencies: u32,
}

impl<'a> AgencyKeys<'a> {
    /// From the keys of each measure of each document.
    pub(super) fn new(keys: Vec<Vec<&'a [String]>>) -> AgencyKeys<'a> {
        let mut df: FxHashMap<&str, u32> = FxHashMap::default();
        let mut with_agencies = 0u32;
        for measure in keys.iter().flat_map(|d| d.iter()) {
            with_agencies += u32::from(!measure.is_empty());
            for f in measure.iter() {
                *df.entry(f.as_str()).or_default() += 1;
            }
        }
        AgencyKeys {
            keys,
            df,
            with_agencies,
        }
    }

    /// The keys of measure `k` of document `d` (none when out of range), and the weight of
    /// each: its inverse document frequency over the measures that name agencies.
    fn of(&self, d: usize, k: usize) -> (Vec<String>, Vec<f32>) {
        let keys = self
            .keys
            .get(d)
            .and_then(|m| m.get(k))
            .map_or_else(Vec::new, |m| m.to_vec());
        let weights = keys
            .iter()
            .map(|f| ((1.0 + f64::from(self.with_agencies)) / (1.0 + f64::from(self.df[f.as_str()]))).ln() as f32)
            .collect();
        (keys, weights)
    }
}

impl FeatureSet {
    /// The features of every measure from its counts: TF-IDF weights over the whole set.
    pub(super) fn weigh_all(
        mut self,
        docs: &[&Document],
        counts: Vec<Vec<Counts>>,
        functions: &AgencyKeys,
    ) -> FeatureSet {
        let n: usize = counts.iter().map(Vec::len).sum();
        let mut df_words = vec![0u32; self.words.len()];
        let mut df_bigrams = vec![0u32; self.bigrams.len()];
        for c in counts.iter().flatten() {
            for &(id, _) in &c.words {
                df_words[id as usize] += 1;
            }
            for &(id, _) in &c.bigrams {
                df_bigrams[id as usize] += 1;
            }
        }
        let (idf_words, idf_bigrams) = (idf(&df_words, n), idf(&df_bigrams, n));
        self.docs = docs
            .iter()
            .zip(counts)
            .enumerate()
            .map(|(d, (doc, counts))| {
                doc.measures
                    .iter()
                    .zip(counts)
                    .enumerate()
                    .map(|(k, (m, c))| {
                        let (functions, function_weights) = functions.of(d, k);
                        MeasureFeatures {
                            doc: d,
                            measure: k,
                            id: m.id.clone(),
                            words: weigh(&c.words, &idf_words),
                            bigrams: weigh(&c.bigrams, &idf_bigrams),
                            list_words: c.list_words,
                            list_bigrams: c.list_bigrams,
                            lists: c.items,
                            title: m.title.clone(),
                            context_bigrams: c.context_bigrams,
                            heading_key: c.heading_key,
                            context: c.context,
                            position: (k as f64 + 0.5) / doc.measures.len() as f64,
                            functions,
                            function_weights,
                        }
                    })
                    .collect()
            })
            .collect();
        self
    }

    /// The characters of a bigram id, `None` for an id this set did not give.
    pub fn bigram(&self, id: u32) -> Option<String> {
        let key = *self.bigrams.get(id as usize)?;
        Some(
            [(key >> 32) as u32, key as u32]
                .into_iter()
                .filter_map(char::from_u32)
                .collect(),
        )
    }

    /// The features of measure `measure` of document `doc`, `None` when out of range.
    pub fn measure(&self, doc: usize, measure: usize) -> Option<&MeasureFeatures> {
        self.docs.get(doc)?.get(measure)
    }

    /// The words two measures of this set share, heaviest first (by the product of their
    /// weights), at most `k`. Fails when `a` or `b` is not a measure of this set.
    pub fn shared_terms(&self, a: &MeasureFeatures, b: &MeasureFeatures, k: usize) -> Result<Vec<String>> {
        for f in [a, b] {
            if self.measure(f.doc, f.measure).is_none_or(|g| g.id != f.id) {
                return Err(Error::inconsistent(format!(
                    "measure {} (document {}) is not one of this feature set",
                    f.id, f.doc
                )));
            }
        }
        Ok(self.shared_terms_unchecked(a, b, k))
    }

    /// [`FeatureSet::shared_terms`] for measures the crate took from this set.
    pub(crate) fn shared_terms_unchecked(&self, a: &MeasureFeatures, b: &MeasureFeatures, k: usize) -> Vec<String> {
        let mut shared: Vec<(f32, u32)> = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < a.words.len() && j < b.words.len() {
            match a.words[i].0.cmp(&b.words[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared.push((a.words[i].1 * b.words[j].1, a.words[i].0));
                    i += 1;
                    j += 1;
                }
            }
        }
        // Heaviest first; ties by the term itself, so that output is the same on every run.
        // Only the first `k` are kept: they are picked out before they are sorted.
        let order = |x: &(f32, u32), y: &(f32, u32)| {
            y.0.total_cmp(&x.0)
                .then_with(|| self.words.term(x.1).cmp(&self.words.term(y.1)))
        };
        if k == 0 {
            return Vec::new();
        }
        if shared.len() > k {
            shared.select_nth_unstable_by(k - 1, order);
            shared.truncate(k);
        }
        shared.sort_by(order);
        shared
            .into_iter()
            .take(k)
            .filter_map(|(_, id)| self.words.term(id).map(str::to_owned))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headings_words_are_the_first_words_of_its_measure() {
        let segmenter = crate::segment::Segmenter::new();
        let memo = WordMemo::for_documents(&segmenter, 1);
        for bundled in crate::corpus::BUNDLED {
            let doc = bundled.parse().unwrap();
            for (m, seg) in doc.measures.iter().zip(segment(&memo, &doc)) {
                let simple = |t: &str| crate::script::simplify(t).into_owned();
                assert_eq!(seg.heading_key, content(&memo, &simple(&m.title)), "{}", m.id);
                let context = m.path.last().map_or(String::new(), |g| content(&memo, &simple(g)));
                assert_eq!(seg.context, context, "{}", m.id);
            }
        }
    }

    #[test]
    fn cosine_of_sorted_vectors() {
        let a = vec![(1, 0.6), (3, 0.8)];
        let b = vec![(1, 0.6), (2, 0.8)];
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-6);
        assert!((cosine(&a, &b) - 0.36).abs() < 1e-6);
        assert_eq!(cosine(&a, &[]), 0.0);
    }

    #[test]
    fn dice_counts_characters() {
        let (a, b) = (char_bigrams("知识产权快保护"), char_bigrams("知识产权保护"));
        // 知识 识产 产权 保护 are shared, of 6 + 5 bigrams.
        assert!((dice(&a, &b) - 8.0 / 11.0).abs() < 1e-12);
        assert_eq!(dice(&a, &a), 1.0);
        assert_eq!(dice(&a, &[]), 0.0);
    }

    #[test]
    fn tf_idf_is_normalized_and_sublinear() {
        let counts = vec![(0, 1), (1, 4)];
        let df = vec![1, 1];
        let v = weigh(&counts, &idf(&df, 2));
        let norm: f32 = v.iter().map(|(_, w)| w * w).sum();
        assert!((norm - 1.0).abs() < 1e-5);
        // tf 4 weighs 1 + ln 4 ≈ 2.39 times tf 1, not 4 times.
        assert!((v[1].1 / v[0].1 - (1.0 + 4f32.ln())).abs() < 1e-4);
    }
}
