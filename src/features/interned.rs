//! Words and bigrams interned once for a set of documents: [`FeatureSet::build`], which counts
//! them as it goes, and the features of any pair of a set interned once, built without
//! segmenting or hashing text again (the dyads of a diffusion study).

use super::local::{Local, numbered};
use super::memo::WordMemo;
use super::vectors::{AgencyKeys, Counts, FeatureSet, SEGMENT_CHUNK, Segmented, Vocabulary, document_keys, segment};
use crate::agency::DocumentAgencies;
use crate::document::Document;
use crate::error::Result;
use crate::segment::Segmenter;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// One measure, its words and bigrams as ids of an [`Interner`]: each term once, in order of
/// first occurrence, with its count; and the terms that occur only inside enumerations.
pub(crate) struct InternedMeasure {
    words: Vec<(u32, u32)>,
    bigrams: Vec<(u32, u32)>,
    list_words: Vec<u32>,
    list_bigrams: Vec<u32>,
    items: Vec<Vec<String>>,
    heading_key: String,
    context: String,
    context_bigrams: Vec<u64>,
    /// Its agency keys ([`document_keys`]).
    functions: Vec<String>,
}

/// The words and bigrams of a set of documents, each given an id once, in document order.
#[derive(Default)]
pub(crate) struct Interner {
    pub(super) words: Vocabulary,
    /// Bigrams by id, two characters packed in a `u64`.
    pub(super) bigrams: Vec<u64>,
    bigram_ids: FxHashMap<u64, u32>,
}

/// Counts mapped to other ids, sorted by them.
fn remap(counts: &[(u32, u32)], f: impl Fn(u32) -> u32) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = counts.iter().map(|&(id, n)| (f(id), n)).collect();
    out.sort_unstable_by_key(|x| x.0);
    out
}

/// Ids mapped to others, sorted.
fn remap_ids(ids: &[u32], f: impl Fn(u32) -> u32) -> Vec<u32> {
    let mut out: Vec<u32> = ids.iter().map(|&id| f(id)).collect();
    out.sort_unstable();
    out
}

/// Terms with their counts, `(id, count)`.
type TermCounts = Vec<(u32, u32)>;

/// Each of `lists` of `(id, count)` (each id once in a list) with its ids mapped by `map` onto
/// `0..n`, one to one, sorted by them: [`remap`] of each, made with one counting sort of all
/// the entries, where sorting each list would compare them.
fn remap_all<'a>(lists: impl Iterator<Item = &'a [(u32, u32)]>, map: impl Fn(u32) -> u32, n: usize) -> Vec<TermCounts> {
    // Each entry as `(list, new id, count)`, and where each new id's entries start.
    let mut entries: Vec<(u32, u32, u32)> = Vec::new();
    let mut lens = Vec::new();
    for (k, list) in lists.enumerate() {
        lens.push(list.len());
        entries.extend(list.iter().map(|&(id, c)| (k as u32, map(id), c)));
    }
    let mut start = vec![0u32; n + 1];
    for e in &entries {
        start[e.1 as usize + 1] += 1;
    }
    for k in 1..=n {
        start[k] += start[k - 1];
    }
    let mut slots = vec![(0u32, 0u32); entries.len()];
    for &(list, id, c) in &entries {
        let at = &mut start[id as usize];
        slots[*at as usize] = (list, c);
        *at += 1;
    }
    // `start[id]` is now where the entries of `id + 1` start: `id`'s are the slots before.
    let mut out: Vec<TermCounts> = lens.into_iter().map(Vec::with_capacity).collect();
    let mut from = 0;
    for (id, &end) in start.iter().take(n).enumerate() {
        for &(list, c) in &slots[from..end as usize] {
            out[list as usize].push((id as u32, c));
        }
        from = end as usize;
    }
    out
}

impl InternedMeasure {
    /// The counts of the measure: its `words` and `bigrams` mapped and sorted, the rest of its
    /// ids mapped by `word` and `bigram`.
    fn counts(
        &self,
        (words, bigrams): (TermCounts, TermCounts),
        word: impl Fn(u32) -> u32 + Copy,
        bigram: impl Fn(u32) -> u32 + Copy,
    ) -> Counts {
        Counts {
            words,
            bigrams,
            list_words: remap_ids(&self.list_words, word),
            list_bigrams: remap_ids(&self.list_bigrams, bigram),
            items: self.items.clone(),
            heading_key: self.heading_key.clone(),
            context: self.context.clone(),
            context_bigrams: self.context_bigrams.clone(),
        }
    }
}

impl FeatureSet {
    /// Builds the features of every measure of `docs`. `agencies[d]` are the resolutions of
    /// `docs[d]` (for the agency component); pass an empty slice to leave agencies out. Fails
    /// when `agencies` is not empty and does not match `docs` one to one.
    pub fn build(segmenter: &Segmenter, docs: &[&Document], agencies: &[DocumentAgencies]) -> Result<FeatureSet> {
        if !agencies.is_empty() {
            DocumentAgencies::check_each(docs, agencies)?;
        }
        // Interning runs in document order, so that ids, and all output, are the same on every
        // run; a document's segmentation (its text, word spans and bigrams) is dropped once
        // interned, so that memory holds the counts of the corpus, not its segmentation.
        let mut interner = Interner::default();
        let mut counts = Vec::with_capacity(docs.len());
        // Each measure's agency keys are made on the pool beside its document's segmentation.
        let mut keys: Vec<Vec<Vec<String>>> = Vec::with_capacity(docs.len());
        each_segmented(
            segmenter,
            docs,
            |d, segmented| (document_keys(agencies.get(d), segmented.len()), numbered(segmented)),
            |_, (doc_keys, local)| {
                counts.push(interner.document_counts(local));
                keys.push(doc_keys);
            },
        );
        Ok(Counted { interner, counts }.weigh(docs, &keys))
    }

    /// The words and bigrams of two documents counted, before their agencies are known: what
    /// [`FeatureSet::from_counted`] weighs. The two are segmented side by side on the thread
    /// pool (rayon), the first interned while the second is still being segmented, so that a
    /// pipeline can resolve their agencies meanwhile.
    pub(crate) fn count_pair(segmenter: &Segmenter, docs: [&Document; 2]) -> Counted {
        let memo = WordMemo::for_documents(segmenter, docs.len());
        let ((mut interner, first), second) = rayon::join(
            || {
                let mut interner = Interner::default();
                let counts = interner.document_counts(numbered(segment(&memo, docs[0])));
                (interner, counts)
            },
            || numbered(segment(&memo, docs[1])),
        );
        let second = interner.document_counts(second);
        Counted {
            interner,
            counts: vec![first, second],
        }
    }

    /// The features of documents counted by [`FeatureSet::count_pair`], as
    /// [`FeatureSet::build`] gives them: `agencies[d]` are the resolutions of `docs[d]` (an
    /// empty slice leaves agencies out). Fails when `counted` is not of as many documents and
    /// measures as `docs`, or `agencies` does not match `docs` one to one.
    pub(crate) fn from_counted(
        counted: Counted,
        docs: &[&Document],
        agencies: &[&DocumentAgencies],
    ) -> Result<FeatureSet> {
        if !agencies.is_empty() {
            DocumentAgencies::check_each(docs, agencies)?;
        }
        let measures = |c: &Counted| c.counts.iter().map(Vec::len).collect::<Vec<_>>();
        if measures(&counted) != docs.iter().map(|d| d.measures.len()).collect::<Vec<_>>() {
            return Err(crate::error::Error::inconsistent(
                "the counts are not of these documents' measures".to_owned(),
            ));
        }
        let keys: Vec<Vec<Vec<String>>> = docs
            .iter()
            .enumerate()
            .map(|(d, doc)| document_keys(agencies.get(d).copied(), doc.measures.len()))
            .collect();
        Ok(counted.weigh(docs, &keys))
    }
}

/// The words and bigrams of documents interned and counted per measure, in document order,
/// before weighing ([`FeatureSet::count_pair`]).
pub(crate) struct Counted {
    interner: Interner,
    counts: Vec<Vec<Counts>>,
}

impl Counted {
    /// The features: the counts weighed over these documents, with each measure's agency keys
    /// (`keys[d][k]`, [`document_keys`]).
    fn weigh(self, docs: &[&Document], keys: &[Vec<Vec<String>>]) -> FeatureSet {
        let set = FeatureSet {
            words: self.interner.words,
            bigrams: self.interner.bigrams,
            docs: Vec::new(),
        };
        let functions = AgencyKeys::new(keys.iter().map(|d| d.iter().map(Vec::as_slice).collect()).collect());
        set.weigh_all(docs, self.counts, &functions)
    }
}

/// Segments `docs` (the costly part, which needs nothing shared but the segmenter and one
/// [`WordMemo`], so that a clause repeated across three documents or more is cut once) and
/// makes of each document's segmentation what `prepare` makes, a chunk of [`SEGMENT_CHUNK`]
/// documents at a time on the thread pool (rayon); hands each result to `each` with its index,
/// in document order, on this thread, one chunk while the pool makes the next (a set of one
/// chunk, from outside the pool: each document as soon as it and those before it are made).
/// What `each` keeps is allocated by this thread, apart from what the pool makes and `each`
/// drops, so that freed memory is not scattered among what is kept.
fn each_segmented<T: Send>(
    segmenter: &Segmenter,
    docs: &[&Document],
    prepare: impl Fn(usize, Vec<Segmented>) -> T + Sync,
    mut each: impl FnMut(usize, T),
) {
    let mut next_index = 0;
    let mut hand_over = |chunk: Vec<T>| {
        for prepared in chunk {
            each(next_index, prepared);
            next_index += 1;
        }
    };
    let memo = WordMemo::for_documents(segmenter, docs.len());
    if docs.len() <= SEGMENT_CHUNK && rayon::current_thread_index().is_none() && rayon::current_num_threads() > 1 {
        // One chunk, from outside the pool: this thread hands each document over as soon as
        // it and those before it are segmented, while the pool segments the rest.
        return in_order_as_made(docs.len(), |k| prepare(k, segment(&memo, docs[k])), each);
    }
    let mut pending: Vec<T> = Vec::new();
    for (c, chunk) in docs.chunks(SEGMENT_CHUNK).enumerate() {
        let previous = std::mem::take(&mut pending);
        let segment_chunk = || {
            chunk
                .par_iter()
                .enumerate()
                .map(|(k, doc)| prepare(c * SEGMENT_CHUNK + k, segment(&memo, doc)))
                .collect()
        };
        if previous.is_empty() {
            // Nothing to hand over meanwhile (the first chunk): no thread to start.
            pending = segment_chunk();
            continue;
        }
        pending = std::thread::scope(|s| {
            let next = s.spawn(segment_chunk);
            hand_over(previous);
            next.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
    }
    hand_over(pending);
}

/// `make(k)` for each `k` in `0..n`, made on the thread pool (rayon) and handed to `each` on
/// this thread in the order of `k`, each as soon as it and those before it are made. To be
/// called from outside the pool: this thread waits for what the pool makes.
fn in_order_as_made<T: Send>(n: usize, make: impl Fn(usize) -> T + Sync, mut each: impl FnMut(usize, T)) {
    let (sender, made) = std::sync::mpsc::channel();
    rayon::in_place_scope(|scope| {
        for k in 0..n {
            let (sender, make) = (sender.clone(), &make);
            scope.spawn(move |_| {
                // The receiver is read until every job has sent: a send fails only if `each`
                // panicked on this thread.
                let _ = sender.send((k, make(k)));
            });
        }
        drop(sender);
        let mut waiting: Vec<Option<T>> = std::iter::repeat_with(|| None).take(n).collect();
        let mut next = 0;
        // Ends once every job has sent or dropped its sender (a job that panics drops it; the
        // scope then resumes the panic).
        for (k, value) in made {
            waiting[k] = Some(value);
            while let Some(value) = waiting.get_mut(next).and_then(Option::take) {
                each(next, value);
                next += 1;
            }
        }
    });
}

thread_local! {
    /// Per thread, the pair ids of the interner's words and bigrams (`u32::MAX` for none):
    /// reset after each pair, so a pair costs its own occurrences, not the vocabulary.
    static PAIR_IDS: RefCell<(Vec<u32>, Vec<u32>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

impl Interner {
    /// Interns the words and bigrams of a document numbered locally, its measures with their
    /// agency keys `functions` (one list a measure). What it keeps is copied, not moved: made
    /// on this thread, it is not scattered among what the pool made and freed.
    fn document(&mut self, local: &Local, functions: &[Vec<String>]) -> Vec<InternedMeasure> {
        let (words, bigrams) = self.ids(local);
        local
            .measures
            .iter()
            .zip(functions)
            .map(|(m, functions)| InternedMeasure {
                words: m.words.iter().map(|&(id, n)| (words[id as usize], n)).collect(),
                bigrams: m.bigrams.iter().map(|&(id, n)| (bigrams[id as usize], n)).collect(),
                list_words: remap_ids(&m.list_words, |id| words[id as usize]),
                list_bigrams: remap_ids(&m.list_bigrams, |id| bigrams[id as usize]),
                items: m.items.clone(),
                heading_key: m.heading_key.clone(),
                context: m.context.clone(),
                context_bigrams: m.context_bigrams.clone(),
                functions: functions.clone(),
            })
            .collect()
    }

    /// The counts of a document numbered locally, interned here: what [`Interner::document`]
    /// keeps, without keeping it.
    pub(super) fn document_counts(&mut self, local: Local) -> Vec<Counts> {
        let (words, bigrams) = self.ids(&local);
        local
            .measures
            .into_iter()
            .map(|m| Counts {
                words: remap(&m.words, |id| words[id as usize]),
                bigrams: remap(&m.bigrams, |id| bigrams[id as usize]),
                list_words: remap_ids(&m.list_words, |id| words[id as usize]),
                list_bigrams: remap_ids(&m.list_bigrams, |id| bigrams[id as usize]),
                items: m.items,
                heading_key: m.heading_key,
                context: m.context,
                context_bigrams: m.context_bigrams,
            })
            .collect()
    }

    /// The ids here of a document's local words and bigrams, interning those that are new (in
    /// their local order: the order of first occurrence).
    fn ids(&mut self, local: &Local) -> (Vec<u32>, Vec<u32>) {
        let words = local.words.iter().map(|w| self.words.intern(w)).collect();
        let bigrams = local
            .bigrams
            .iter()
            .map(|&key| {
                *self.bigram_ids.entry(key).or_insert_with(|| {
                    self.bigrams.push(key);
                    self.bigrams.len() as u32 - 1
                })
            })
            .collect();
        (words, bigrams)
    }

    /// Segments and interns documents ([`each_segmented`]: in parallel, interned in document
    /// order, the same ids on every run). `agencies[d]` are the resolutions of `docs[d]`;
    /// fails when they do not match one to one.
    pub(crate) fn documents(
        segmenter: &Segmenter,
        docs: &[&Document],
        agencies: &[DocumentAgencies],
    ) -> Result<(Interner, Vec<Vec<InternedMeasure>>)> {
        DocumentAgencies::check_each(docs, agencies)?;
        let mut interner = Interner::default();
        let mut interned = Vec::with_capacity(docs.len());
        let prepare = |d: usize, segmented: Vec<Segmented>| {
            (document_keys(Some(&agencies[d]), segmented.len()), numbered(segmented))
        };
        each_segmented(segmenter, docs, prepare, |_, (functions, local)| {
            interned.push(interner.document(&local, &functions));
        });
        Ok((interner, interned))
    }

    /// The features of two documents interned here ([`Interner::documents`]), as
    /// [`FeatureSet::build`] gives them for the two alone: ids given anew in the order the pair
    /// first uses them, weights over the pair.
    pub(crate) fn pair(&self, docs: [&Document; 2], interned: [&[InternedMeasure]; 2]) -> FeatureSet {
        PAIR_IDS.with_borrow_mut(|(word_ids, bigram_ids)| {
            word_ids.resize(self.words.len(), u32::MAX);
            bigram_ids.resize(self.bigrams.len(), u32::MAX);
            // Ids in order of first use, words and bigrams apart, as interning the pair would.
            let (mut words, mut bigrams) = (Vec::new(), Vec::new());
            for m in interned.iter().flat_map(|d| d.iter()) {
                for &(id, _) in &m.words {
                    if word_ids[id as usize] == u32::MAX {
                        word_ids[id as usize] = words.len() as u32;
                        words.push(id);
                    }
                }
                for &(id, _) in &m.bigrams {
                    if bigram_ids[id as usize] == u32::MAX {
                        bigram_ids[id as usize] = bigrams.len() as u32;
                        bigrams.push(id);
                    }
                }
            }
            let all = || interned.iter().flat_map(|d| d.iter());
            let sorted_words = remap_all(all().map(|m| &m.words[..]), |w| word_ids[w as usize], words.len());
            let sorted_bigrams = remap_all(all().map(|m| &m.bigrams[..]), |b| bigram_ids[b as usize], bigrams.len());
            let mut sorted = sorted_words.into_iter().zip(sorted_bigrams);
            let counts: Vec<Vec<Counts>> = interned
                .iter()
                .map(|d| {
                    d.iter()
                        .zip(sorted.by_ref())
                        .map(|(m, s)| m.counts(s, |w| word_ids[w as usize], |b| bigram_ids[b as usize]))
                        .collect()
                })
                .collect();
            for &id in &words {
                word_ids[id as usize] = u32::MAX;
            }
            for &id in &bigrams {
                bigram_ids[id as usize] = u32::MAX;
            }
            let set = FeatureSet {
                words: self.words.subset(&words),
                bigrams: bigrams.iter().map(|&b| self.bigrams[b as usize]).collect(),
                docs: Vec::new(),
            };
            let functions = AgencyKeys::new(
                interned
                    .iter()
                    .map(|d| d.iter().map(|m| m.functions.as_slice()).collect())
                    .collect(),
            );
            set.weigh_all(&docs, counts, &functions)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::AgencyRegistry;
    use crate::corpus::{HUIZHOU, XIANGSHAN};

    #[test]
    fn in_order_as_made_hands_over_in_order() {
        let mut got = Vec::new();
        let slow = |k: usize| {
            if k.is_multiple_of(7) {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            k * 10
        };
        in_order_as_made(50, slow, |k, v| got.push((k, v)));
        assert_eq!(got, (0..50).map(|k| (k, k * 10)).collect::<Vec<_>>());
    }

    #[test]
    fn remap_all_sorts_each_list_as_remap_does() {
        let lists: [&[(u32, u32)]; 4] = [&[(7, 1), (2, 3), (9, 1)], &[], &[(9, 2), (4, 1)], &[(2, 5)]];
        let map = |id: u32| [0, 0, 3, 0, 1, 0, 0, 0, 0, 2][id as usize] + u32::from(id == 7) * 4;
        let all = remap_all(lists.iter().copied(), map, 5);
        let each: Vec<Vec<(u32, u32)>> = lists.iter().map(|l| remap(l, map)).collect();
        assert_eq!(all, each);
        assert_eq!(all[0], [(2, 1), (3, 3), (4, 1)]);
    }

    #[test]
    fn a_pair_counted_then_weighed_has_the_features_of_the_pair_built_at_once() {
        let (x, h) = (XIANGSHAN.parse().unwrap(), HUIZHOU.parse().unwrap());
        let registry = AgencyRegistry::new();
        let agencies = [registry.resolve_document(&x), registry.resolve_document(&h)];
        let segmenter = Segmenter::new();
        let built = FeatureSet::build(&segmenter, &[&x, &h], &agencies).unwrap();
        let counted = FeatureSet::count_pair(&segmenter, [&x, &h]);
        let weighed = FeatureSet::from_counted(counted, &[&x, &h], &[&agencies[0], &agencies[1]]).unwrap();
        assert_eq!(format!("{:?}", weighed.docs), format!("{:?}", built.docs));
        assert_eq!(weighed.bigrams, built.bigrams);
        assert_eq!(weighed.words.len(), built.words.len());
        assert_eq!(weighed.words.id("知识产权"), built.words.id("知识产权"));
        // Counts of other documents, or in another order, are an error, not features.
        let counted = FeatureSet::count_pair(&segmenter, [&h, &x]);
        let err = FeatureSet::from_counted(counted, &[&x, &h], &[&agencies[0], &agencies[1]])
            .err()
            .unwrap();
        assert!(err.to_string().contains("not of these documents"), "{err}");
    }

    #[test]
    fn a_pair_of_an_interned_set_has_the_features_of_the_pair_alone() {
        let other = Document::from_text(
            "某县措施\n一、强化保护。建立葡萄酒庄园和滑雪场知识产权快速维权机制，推进商标、专利、版权、地理标志协同保护。\n",
            "other.txt",
        )
        .unwrap();
        let (x, h) = (XIANGSHAN.parse().unwrap(), HUIZHOU.parse().unwrap());
        let docs = [&other, &x, &h];
        let registry = AgencyRegistry::new();
        let agencies: Vec<DocumentAgencies> = docs.iter().map(|d| registry.resolve_document(d)).collect();
        let segmenter = Segmenter::new();
        // The set interns `other` first: its ids are not the pair's.
        let (interner, interned) = Interner::documents(&segmenter, &docs, &agencies).unwrap();
        let pair = interner.pair([&x, &h], [&interned[1], &interned[2]]);
        let alone = FeatureSet::build(&segmenter, &[&x, &h], &agencies[1..]).unwrap();
        let terms = |s: &FeatureSet| {
            (0..s.words.len() as u32)
                .map(|i| s.words.term(i).unwrap().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(terms(&pair), terms(&alone));
        assert_eq!(pair.bigrams, alone.bigrams);
        assert_eq!(format!("{:?}", pair.docs), format!("{:?}", alone.docs));
        assert_eq!(pair.words.id("知识产权"), alone.words.id("知识产权"));
        // The ids of the set are wider than the pair's, and the scratch space was reset.
        assert!(interner.words.len() > pair.words.len());
        PAIR_IDS.with_borrow(|(w, b)| assert!(w.iter().chain(b).all(|&i| i == u32::MAX)));
    }
}
