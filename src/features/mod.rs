//! Stage 6: measures to feature vectors over the documents being compared.
//!
//! Each measure (its heading and body, the responsibility clause left out) gets two TF-IDF
//! vectors: one over words (from the [`Segmenter`]) and one over character bigrams of its CJK
//! text, which still match where segmentation errs. Weights use sublinear term frequency
//! (`1 + ln tf`) and smoothed inverse document frequency (`ln((1 + N) / (1 + df)) + 1`, N the
//! number of measures), and vectors are L2-normalized. Terms are interned as `u32` ids and
//! vectors are sorted sparse lists, so a cosine is one merge.
//!
//! A list copied word for word from one measure into another (the same six industries, the
//! same kinds of premises) weighs as one of its terms in the word and bigram cosines
//! ([`list_cosine`]): two measures may open with the same list and do different things.

mod interned;
mod lists;
mod local;
mod memo;
mod vectors;

pub(crate) use interned::Interner;
pub use lists::{MIN_LIST_ITEMS, list_cosine, shares_a_list};
pub(crate) use vectors::texts_to_segment;
pub use vectors::{FeatureSet, MeasureFeatures, SparseVector, Vocabulary, cosine, dice};
