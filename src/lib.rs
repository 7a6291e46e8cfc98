//! # policy-align
//!
//! Comparative analysis of Chinese policy documents. Local governments answer the same central
//! policy with their own documents (a district's 实施方案, a city's 若干措施); policy-align reads
//! them, splits each into its numbered measures with their responsibility clauses, finds which
//! measure of one jurisdiction corresponds to which of another (and which have no counterpart),
//! and resolves the agencies that carry them to one canonical id across jurisdictions.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! 1. [`decode`]: bytes to text (UTF-8, GB18030/GBK, UTF-16), stray bytes of UTF-8 warned of,
//!    PDF, Word and other files named as such;
//! 2. [`normalize()`]: PDF-extraction repairs and punctuation unification, with a map back to
//!    source offsets;
//! 3. [`Document`]: numbered measures, group headings, responsibility clauses and their agency
//!    mentions, metadata, citations and annexes;
//! 4. [`AgencyRegistry`]: each mention resolved to a canonical agency, the same body with the
//!    same id in every jurisdiction ([`Crosswalk`] of two documents);
//! 5. [`Segmenter`]: jieba-rs with the domain dictionary, the agency names and stop words;
//! 6. [`FeatureSet`]: word and character-bigram TF-IDF vectors of every measure;
//! 7. [`Scorer`]: similarity components, content first (its docs give the weights, how they
//!    combine and how they were chosen), each pair with its explanation;
//! 8. [`Aligner`]: pairs of two documents with p-values against the background of unrelated
//!    pairs, merges and splits; clusters of a corpus; [`evaluate`] against a gold (its docs
//!    give the decision rule and how to check the defaults on documents of your own);
//! 9. [`PolicyGraph`]: documents, measures and agencies linked (petgraph), with queries and
//!    DOT, GraphML and node-link JSON exports;
//! 10. [`reuse`] and [`diffusion`]: passages copied word for word, what each document did with
//!     a reference's measures, documents in time and place, the dyads of a set of documents;
//!     [`DiffusionGraph`] of citations and reuse;
//! 11. [`report`]: outlines, comparisons, corpora, diffusion studies and graphs as text,
//!     Markdown, CSV, JSON, HTML.
//!
//! Below the stages, a leaf layer (`lexicon`) holds what several of them recognise: numbering,
//! document numbers and dates, administrative levels, organisation suffixes, role labels.
//! Above them, a [`Pipeline`] runs stages 4 to 10 and returns a [`Comparison`] of two documents,
//! a [`CorpusComparison`] of many or a [`DiffusionStudy`], which own everything derived and hand it to reports.
//! Every offset is a [`Span`] of a document's decoded source text.
//!
//! ```
//! use policy_align::{AgencyId, Document, Pipeline, report::Format};
//!
//! let left = Document::from_text("\
//! 某某县关于强化知识产权保护的工作措施
//! 一、加强保护
//! （一）严格行政执法。加大商标侵权和假冒专利行政处罚力度。〔责任单位：县市场监管局（知识产权局）、县公安局按职责分工负责〕
//! （二）强化宣传引导。开展知识产权宣传周活动。（牵头单位：县委宣传部；配合单位：县司法局）", "county.txt")?;
//! let right = Document::from_text("\
//! 某某市知识产权保护若干措施
//! 一、严格执法
//! 1.加强行政执法。加大商标侵权和假冒专利案件查处力度。〔责任单位：市市场监督管理局、市公安局按职责分工负责〕
//! 2.发展知识产权服务业。培育知识产权服务机构。〔责任单位：市市场监督管理局〕", "city.txt")?;
//! assert_eq!(left.meta.jurisdiction.as_deref(), Some("某某县"));
//! let m = &left.measures[0];
//! assert_eq!((m.id.as_str(), m.label.as_str(), m.title.as_str()), ("m1.1", "（一）", "严格行政执法"));
//! assert_eq!(left.quote(m.mentions().nth(1).unwrap().span), Some("县公安局"));
//!
//! // Build the pipeline once and share it: it holds the agency table and jieba's dictionary.
//! let pipeline = Pipeline::new();
//! let c = pipeline.compare(left, right)?;
//! let first = &c.alignment().pairs[0];
//! assert_eq!((first.left.as_str(), first.right.as_str()), ("m1.1", "m1.1"));
//! // 县公安局 and 市公安局 are one body: public_security.
//! let public_security = AgencyId::Body("public_security".into());
//! assert!(c.crosswalk().shared.iter().any(|row| row.id == public_security));
//! let text = c.render(&*Format::Text.renderer())?;
//! assert!(text.contains("县公安局"));
//! # Ok::<(), policy_align::Error>(())
//! ```
#![deny(missing_docs)]

mod agency;
mod align;
pub mod corpus;
mod decode;
pub mod diffusion;
mod document;
mod error;
mod extract;
mod features;
mod graph;
mod lexicon;
mod normalize;
mod pipeline;
pub mod report;
pub mod reuse;
mod script;
mod segment;
mod similarity;
mod span;

pub use agency::{
    Agency, AgencyBody, AgencyId, AgencyIdentity, AgencyIndex, AgencyRegistry, AgencyRegistryBuilder, AgencyStatus,
    Crosswalk, CrosswalkRow, DocumentAgencies, MatchRule, Resolution, Succession,
};
pub use align::{
    Aligner, AlignerBuilder, Alignment, Background, Cluster, CorpusAlignment, Evaluation, Gold, GoldLink, GoldPair,
    LinkKind, ManyToOne, Pair, Strategy, Strength, choose_pairs, evaluate, read_gold,
};
pub use decode::{Decoded, Replaced, decode};
pub use document::{
    AnnexEntry, AnnexNote, AnnexTask, Citation, Clause, Document, JurisdictionSource, Measure, Mention, Metadata,
    NumberingStyle, Role, RosterEntry, Section, Subtask, Warning, WarningKind, display_names, document_ids,
};
pub use error::{Error, Location, Result};
pub use extract::SourceFormat;
pub use features::{
    FeatureSet, MIN_LIST_ITEMS, MeasureFeatures, SparseVector, Vocabulary, cosine, list_cosine, shares_a_list,
};
pub use graph::{
    AgencyChange, AgencyLoad, Centrality, DiffusionEdge, DiffusionGraph, Edge, GraphmlEdge, GraphmlNode, Load, Node,
    PolicyGraph, read_graphml,
};
pub use normalize::{Normalized, Paragraph, is_space, normalize};
pub use pipeline::{Comparison, CorpusComparison, DiffusionStudy, Pipeline, PipelineBuilder};
pub use segment::{Segmenter, SegmenterBuilder, Token};
pub use similarity::{
    AgencyOverlap, BigramCosine, Component, ContextSimilarity, HeadingSimilarity, PairScore, PositionSimilarity,
    ScoreMatrix, Scorer, ScorerBuilder, WordCosine,
};
pub use span::Span;

/// The README's Rust code, compiled as a doctest so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
