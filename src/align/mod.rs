//! Stage 8: which measure of one document corresponds to which of another, and which measures
//! are equivalent across many.
//!
//! An [`Aligner`] pairs the measures of two documents with one of three [`Strategy`]s, under a
//! threshold: measures without a counterpart are reported as unmatched, never forced into a pair.
//! [`Aligner::align_corpus`] clusters the measures of N documents (at most one measure per
//! document in a cluster) and gives a coverage matrix of clusters × documents; candidates come
//! from an inverted index over the clusters' heaviest terms, so the cost grows linearly with the
//! number of documents. [`evaluate`] scores an alignment against a gold file.

mod background;
mod corpus;
mod eval;
mod many;
mod order;
mod pairs;

pub use background::Background;
pub use corpus::{Cluster, CorpusAlignment};
pub use eval::{Evaluation, Gold, GoldLink, GoldPair, Strength, evaluate, read_gold};
pub use many::LinkKind;
pub use pairs::{Aligner, AlignerBuilder, Alignment, ManyToOne, Pair, Strategy, choose_pairs};
