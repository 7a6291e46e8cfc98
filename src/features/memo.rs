//! The words of pieces of text already segmented, reused: documents that answer one policy
//! repeat its sentences and clauses word for word, and a repeated clause is cut once.

use crate::segment::Segmenter;
use rustc_hash::FxHashMap;
use std::hash::{BuildHasher, BuildHasherDefault};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where a text is cut into pieces: after these marks. jieba cuts words only inside runs of CJK
/// characters, ASCII letters and digits and `+#&._%-`, and none of these marks is one, so a
/// text's cut is the cuts of its pieces end to end, unless a name the segmenter learned holds one of them
/// ([`Segmenter::splits_after`]).
const PIECE_ENDS: [char; 6] = ['。', '；', '，', '：', '！', '？'];

/// How many bytes of text the memo keeps at most (besides, each piece's word spans and its
/// entry in the table): past that, pieces are cut as they come and not kept.
const MAX_BYTES: usize = 32 << 20;

/// The fewest documents a memo is kept for: two documents (a comparison) repeat few clauses
/// of each other, and cutting each text whole costs less than looking up its pieces.
const MIN_DOCUMENTS: usize = 3;

/// The shards of the memo: the threads of the pool rarely wait for one another.
const SHARDS: usize = 64;

/// The word spans of each piece cut so far (bytes into the piece).
type Shard = FxHashMap<Box<str>, Box<[(u32, u32)]>>;

/// The content words ([`Segmenter::words`]) of the pieces of text a segmenter has cut, shared
/// by the threads segmenting a set of documents. Its answers are the segmenter's own: only
/// the work of cutting a piece again is saved.
pub(crate) struct WordMemo<'s> {
    segmenter: &'s Segmenter,
    /// Whether texts may be cut into pieces at all (see [`PIECE_ENDS`]).
    enabled: bool,
    shards: Vec<Mutex<Shard>>,
    /// Bytes of text it may still keep.
    room: AtomicUsize,
}

impl<'s> WordMemo<'s> {
    /// A memo for segmenting `documents` documents: one that keeps nothing and cuts each text
    /// whole for fewer than [`MIN_DOCUMENTS`].
    pub(crate) fn for_documents(segmenter: &'s Segmenter, documents: usize) -> WordMemo<'s> {
        let enabled = documents >= MIN_DOCUMENTS && segmenter.splits_after(&PIECE_ENDS);
        WordMemo {
            segmenter,
            enabled,
            // A memo that keeps nothing has no table to keep it in.
            shards: (0..if enabled { SHARDS } else { 0 })
                .map(|_| Mutex::new(Shard::default()))
                .collect(),
            room: AtomicUsize::new(MAX_BYTES),
        }
    }

    /// The byte spans of the content words of `text`, as [`Segmenter::words`] gives them.
    pub(crate) fn words(&self, text: &str) -> Vec<(usize, usize)> {
        if !self.enabled {
            return self.cut(text);
        }
        let mut out = Vec::new();
        let mut at = 0;
        for piece in text.split_inclusive(PIECE_ENDS) {
            self.piece(piece, |a, b| out.push((at + a, at + b)));
            at += piece.len();
        }
        out
    }

    /// The words of one piece, from the memo or cut and kept.
    fn piece(&self, piece: &str, mut each: impl FnMut(usize, usize)) {
        let hash = BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(piece);
        let shard = &self.shards[(hash as usize) % SHARDS];
        if let Some(words) = lock(shard).get(piece) {
            words.iter().for_each(|&(a, b)| each(a as usize, b as usize));
            return;
        }
        let words = self.cut(piece);
        words.iter().for_each(|&(a, b)| each(a, b));
        let kept = self.room.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |room| {
            room.checked_sub(piece.len())
        });
        if kept.is_ok() && u32::try_from(piece.len()).is_ok() {
            let words: Box<[(u32, u32)]> = words.iter().map(|&(a, b)| (a as u32, b as u32)).collect();
            lock(shard).insert(piece.into(), words);
        }
    }

    /// Whether a text's words are the words of its pieces cut after `marks`, end to end
    /// ([`Segmenter::splits_after`]).
    pub(crate) fn splits_after(&self, marks: &[char]) -> bool {
        self.segmenter.splits_after(marks)
    }

    fn cut(&self, text: &str) -> Vec<(usize, usize)> {
        self.segmenter
            .words(text)
            .iter()
            .map(|t| (t.span.start, t.span.end))
            .collect()
    }
}

/// A shard, even if a thread panicked holding it (what it holds is whole either way).
fn lock(shard: &Mutex<Shard>) -> std::sync::MutexGuard<'_, Shard> {
    shard.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn direct(segmenter: &Segmenter, text: &str) -> Vec<(usize, usize)> {
        segmenter
            .words(text)
            .iter()
            .map(|t| (t.span.start, t.span.end))
            .collect()
    }

    #[test]
    fn repeated_clauses_are_cut_once_and_as_the_whole_text() {
        let segmenter = Segmenter::new();
        let memo = WordMemo::for_documents(&segmenter, MIN_DOCUMENTS);
        let a = "加强知识产权保护，建立快速维权机制。县市场监管局牵头；ＡＢ公司２０２１年！";
        let b = "健全协同机制，建立快速维权机制。";
        for text in [a, b, a, b] {
            assert_eq!(memo.words(text), direct(&segmenter, text), "{text}");
        }
        // Four pieces of the first, two of the second, 建立快速维权机制。 kept once.
        let kept: usize = memo.shards.iter().map(|s| lock(s).len()).sum();
        assert_eq!(kept, 5);
    }

    #[test]
    fn a_dictionary_word_holding_a_mark_changes_nothing() {
        // jieba never joins a mark to the characters around it: the word is never cut whole.
        let segmenter = Segmenter::builder().word("甲局，乙局").build();
        let memo = WordMemo::for_documents(&segmenter, MIN_DOCUMENTS);
        assert!(memo.enabled);
        let text = "甲局，乙局牵头。甲局，乙局配合";
        assert_eq!(memo.words(text), direct(&segmenter, text));
    }

    #[test]
    fn pieces_cut_as_the_whole_text() {
        // Random texts of words, marks, spacing and letters of other scripts (a fixed
        // generator: the same cases on every run), each cut twice, the second time from
        // the memo.
        const PARTS: [&str; 28] = [
            "知识产权",
            "保护",
            "，",
            "。",
            "；",
            "市场监管局",
            "牵头",
            "Ａ",
            "２０",
            "ab",
            "12",
            " ",
            "\n",
            "\r\n",
            "、",
            "“",
            "”",
            "建立",
            "机制",
            "县",
            "！",
            "？",
            "：",
            "ｶ",
            "é",
            "-",
            ".",
            "协同",
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) % n) as usize
        };
        let segmenter = Segmenter::new();
        let memo = WordMemo::for_documents(&segmenter, MIN_DOCUMENTS);
        let texts: Vec<String> = (0..600)
            .map(|_| (0..next(24)).map(|_| PARTS[next(PARTS.len() as u64)]).collect())
            .collect();
        for text in texts.iter().chain(&texts) {
            assert_eq!(memo.words(text), direct(&segmenter, text), "{text:?}");
        }
    }
}
