//! The entry point: runs the stages for a caller, and owns what they produce.
//!
//! A [`Pipeline`] holds what is built once and shared (the agency registry, the aligner, the
//! segmenter's dictionary); [`Pipeline::compare`] runs stages 4 to 9 on two parsed documents and
//! returns a [`Comparison`], [`Pipeline::corpus`] runs them on N documents and returns a
//! [`CorpusComparison`], [`Pipeline::diffuse`] aligns the pairs of N documents (every pair of a small set, the
//! candidates of a large one) and returns a
//! [`DiffusionStudy`]. Each owns its documents and everything derived from them, so that a
//! report, a graph or the JSON contract takes one value ([`Comparison::report`],
//! [`Comparison::graph`]). The examples, the `policy-align` tool and users' code call this; no
//! stage calls it.

use crate::agency::{AgencyIdentity, AgencyRegistry, Crosswalk, DocumentAgencies};
use crate::align::Aligner;
use crate::diffusion::{
    AdoptionOptions, AdoptionTable, BlockingOptions, Diffusion, DyadMaker, candidate_pairs, cited_documents,
};
use crate::document::Document;
use crate::error::{Error, Location, Result};
use crate::features::{FeatureSet, Interner, texts_to_segment};
use crate::graph::{DiffusionGraph, PolicyGraph};
use crate::reuse::MeasureChars;
use crate::segment::{Segmenter, SegmenterBuilder, agency_names};
use rayon::prelude::*;
use std::sync::OnceLock;

mod outcomes;
pub use outcomes::{Comparison, CorpusComparison, DiffusionStudy};

/// Builds a [`Pipeline`].
///
/// ```
/// use policy_align::{Aligner, Pipeline, Strategy};
/// let pipeline = Pipeline::builder()
///     .aligner(Aligner::builder().strategy(Strategy::MutualBest).threshold(0.3).build()?)
///     .learn_agency_names(false)
///     .build();
/// assert_eq!(pipeline.aligner().threshold(), 0.3);
/// # Ok::<(), policy_align::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct PipelineBuilder {
    registry: Option<AgencyRegistry>,
    aligner: Option<Aligner>,
    segmenter: Option<SegmenterBuilder>,
    learn_agency_names: Option<bool>,
    identity: AgencyIdentity,
    blocking: Option<BlockingOptions>,
    dictionary_per_run: bool,
    keep_alignments: Option<bool>,
}

impl PipelineBuilder {
    /// Which pairs of documents a diffusion study aligns: all of them up to a number of
    /// documents, beyond it the candidates of [`candidate_pairs`](crate::diffusion::candidate_pairs).
    /// Default: [`BlockingOptions::default`] (every pair up to 200 documents).
    pub fn blocking(mut self, blocking: BlockingOptions) -> Self {
        self.blocking = Some(blocking);
        self
    }

    /// What makes agencies of two documents the same in a comparison's cross-walk: the same
    /// function, or the same kind of body ([`AgencyIdentity`]). Default: function.
    pub fn agency_identity(mut self, identity: AgencyIdentity) -> Self {
        self.identity = identity;
        self
    }

    /// The agency registry. Default: [`AgencyRegistry::new`], the built-in table.
    pub fn registry(mut self, registry: AgencyRegistry) -> Self {
        self.registry = Some(registry);
        self
    }

    /// The aligner (strategy, threshold, scorer). Default: [`Aligner::default`].
    pub fn aligner(mut self, aligner: Aligner) -> Self {
        self.aligner = Some(aligner);
        self
    }

    /// The segmenter's configuration; the registry's agency names are added to it.
    /// Default: [`Segmenter::builder`].
    pub fn segmenter(mut self, segmenter: SegmenterBuilder) -> Self {
        self.segmenter = Some(segmenter);
        self
    }

    /// Whether the segmenter also learns the agency names written in the documents compared
    /// (`相山公安分局` stays one word: [`Segmenter::learning`]). Default: `true`.
    pub fn learn_agency_names(mut self, yes: bool) -> Self {
        self.learn_agency_names = Some(yes);
        self
    }

    /// Whether each run ([`Pipeline::compare`], [`Pipeline::corpus`], [`Pipeline::diffuse`])
    /// loads only the dictionary words its documents can hold
    /// ([`SegmenterBuilder::for_texts`]) instead of sharing one whole dictionary. The
    /// segmentation, and every output, is the same; the command-line `compare` of the bundled
    /// pair went from 45 to 30 ms and from 22.2 to 15.9 MiB, but every run loads its own
    /// dictionary. For a process that runs once (the command-line `compare`). Default: `false`.
    pub fn dictionary_per_run(mut self, yes: bool) -> Self {
        self.dictionary_per_run = yes;
        self
    }

    /// Whether a diffusion study keeps the alignment of every pair it aligned
    /// ([`DiffusionStudy::alignments`]) or none: the tables and reports are the same (each
    /// pair's dyad, and the reference's adoptions, are made as soon as the pair is aligned),
    /// a study of thousands of documents takes less memory. Default: `true` (every alignment
    /// kept).
    pub fn keep_alignments(mut self, yes: bool) -> Self {
        self.keep_alignments = Some(yes);
        self
    }

    /// Builds the pipeline.
    pub fn build(self) -> Pipeline {
        let registry = self.registry.unwrap_or_default();
        let segmenter = self.segmenter.unwrap_or_default().agencies(&registry);
        Pipeline {
            registry,
            aligner: self.aligner.unwrap_or_default(),
            segmenter,
            learn_agency_names: self.learn_agency_names.unwrap_or(true),
            identity: self.identity,
            blocking: self.blocking.unwrap_or_default(),
            dictionary_per_run: self.dictionary_per_run,
            keep_alignments: self.keep_alignments.unwrap_or(true),
            shared: OnceLock::new(),
        }
    }
}

/// Runs the stages: agencies, segmentation, features, alignment, cross-walk, graph. Build one
/// and share it.
///
/// ```
/// use policy_align::{Pipeline, corpus, report::Format};
/// let pipeline = Pipeline::new();
/// let c = pipeline.compare(corpus::XIANGSHAN.parse()?, corpus::HUIZHOU.parse()?)?;
/// let first = &c.alignment().pairs[0];
/// assert_eq!((first.left.as_str(), first.right.as_str()), ("m2.1.1", "m2.1"));
/// assert!(c.alignment().unmatched_left.contains(&"m2.1.4".to_owned())); // 加强商业秘密保护
/// let json = c.render(&*Format::Json.renderer())?;
/// assert!(json.contains("\"unmatched_left\""));
/// # Ok::<(), policy_align::Error>(())
/// ```
#[derive(Debug)]
pub struct Pipeline {
    registry: AgencyRegistry,
    aligner: Aligner,
    segmenter: SegmenterBuilder,
    learn_agency_names: bool,
    identity: AgencyIdentity,
    blocking: BlockingOptions,
    dictionary_per_run: bool,
    keep_alignments: bool,
    /// The segmenter without document names, built when first needed.
    shared: OnceLock<Segmenter>,
}

impl Default for Pipeline {
    fn default() -> Self {
        PipelineBuilder::default().build()
    }
}

impl Pipeline {
    /// A pipeline with every default: the built-in agency table, one-to-one alignment at the
    /// default threshold, a segmenter that learns the documents' agency names.
    pub fn new() -> Pipeline {
        Pipeline::default()
    }

    /// A builder.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The agency registry.
    pub fn registry(&self) -> &AgencyRegistry {
        &self.registry
    }

    /// The aligner.
    pub fn aligner(&self) -> &Aligner {
        &self.aligner
    }

    /// Resolves the agencies of one document (for [`DocumentReport`](crate::report::DocumentReport)).
    pub fn resolve(&self, document: &Document) -> DocumentAgencies {
        self.registry.resolve_document(document)
    }

    /// The segmenter for these documents: the shared one (built once), with their agency names
    /// added when the pipeline learns them and some are new to it.
    fn segmenter_for(&self, docs: &[&Document]) -> SegmenterRef<'_> {
        if self.dictionary_per_run {
            let mut texts: Vec<String> = docs.iter().flat_map(|d| texts_to_segment(d)).collect();
            texts.extend(agency_names(docs.iter().copied()));
            let own = self
                .segmenter
                .clone()
                .for_texts(texts.iter().map(String::as_str))
                .build();
            drop(texts);
            let own = match self.learn_agency_names.then(|| own.learning(docs.iter().copied())) {
                Some(Some(learned)) => learned,
                _ => own,
            };
            return SegmenterRef::Own(Box::new(own));
        }
        let shared = self.shared.get_or_init(|| self.segmenter.clone().build());
        if self.learn_agency_names
            && let Some(learned) = shared.learning(docs.iter().copied())
        {
            return SegmenterRef::Own(Box::new(learned));
        }
        SegmenterRef::Shared(shared)
    }

    /// Compares two parsed documents. Fails when either has no measure.
    pub fn compare(&self, left: Document, right: Document) -> Result<Comparison> {
        for doc in [&left, &right] {
            require_measures(doc)?;
        }
        // The stages that do not wait for one another run side by side: the segmenter, then
        // the documents' words counted, beside each document's agencies; then the alignment
        // and the graph beside the agency cross-walk.
        let (counted, agencies) = rayon::join(
            || FeatureSet::count_pair(self.segmenter_for(&[&left, &right]).get(), [&left, &right]),
            || rayon::join(|| self.resolve(&left), || self.resolve(&right)),
        );
        let [left_agencies, right_agencies] = [agencies.0, agencies.1];
        let (aligned, crosswalk) = rayon::join(
            || -> Result<_> {
                let features = FeatureSet::from_counted(counted, &[&left, &right], &[&left_agencies, &right_agencies])?;
                let alignment = self.aligner.align(&features, 0, 1)?;
                let graph = PolicyGraph::from_pair(
                    &self.registry,
                    (&left, &left_agencies),
                    (&right, &right_agencies),
                    &alignment,
                )?;
                Ok((features, alignment, graph))
            },
            || {
                Crosswalk::with_identity(
                    self.identity,
                    &self.registry,
                    (&left, &left_agencies),
                    (&right, &right_agencies),
                )
            },
        );
        let ((features, alignment, graph), crosswalk) = (aligned?, crosswalk?);
        Ok(Comparison {
            left,
            right,
            left_agencies,
            right_agencies,
            features,
            alignment,
            crosswalk,
            graph,
        })
    }

    /// The dyads of a set of documents: every pair aligned (the candidates of a set larger than
    /// [`BlockingOptions::all_pairs_up_to`]), in the order of `documents`
    /// (`(0, 1)`, `(0, 2)`, …), each with its days apart, the relation of their places, the
    /// citation, similarity, coverage and verbatim share ([`dyad`](crate::diffusion::dyad);
    /// passages of [`DEFAULT_MIN_CHARS`](crate::reuse::DEFAULT_MIN_CHARS) characters or more),
    /// the documents named by their ids ([`DocumentRow::id`](crate::diffusion::DocumentRow)).
    /// The table researchers regress on; [`Pipeline::diffuse`] gives it with the rest. Fails
    /// with fewer than two documents, or a document without measures.
    ///
    /// ```
    /// use policy_align::{Pipeline, corpus};
    /// let docs: Vec<_> = corpus::BUNDLED.iter().map(|b| b.parse().unwrap()).collect();
    /// let dyads = Pipeline::new().dyads(&docs).unwrap();
    /// assert_eq!(dyads.len(), 1);
    /// // Xiangshan is dated 2021-10-12, Huizhou 2021-11-22.
    /// assert_eq!((dyads[0].later.as_str(), dyads[0].days_apart), ("huizhou_2021_ip_protection_measures", Some(41)));
    /// ```
    pub fn dyads(&self, documents: &[Document]) -> Result<Vec<crate::diffusion::Dyad>> {
        Ok(self.diffuse(documents.to_vec(), None)?.diffusion.dyads)
    }

    /// A diffusion study of a set of documents: every pair aligned, or beyond
    /// [`BlockingOptions::all_pairs_up_to`] documents the candidates of
    /// [`candidate_pairs`](crate::diffusion::candidate_pairs) and the reference's pairs (as [`Pipeline::compare`]
    /// aligns two, with one segmenter for all), then the tables of
    /// [`Diffusion::build`](crate::diffusion::Diffusion::build) (documents in time and place,
    /// adoptions and additions against the `reference`, an index into `documents`, when there
    /// is one; dyads) and the [`DiffusionGraph`]. Thresholds are the
    /// [`AdoptionOptions`](crate::diffusion::AdoptionOptions) defaults
    /// ([`Pipeline::diffuse_with`] takes others). Fails with fewer than two documents, a
    /// document without measures, or a reference out of range.
    ///
    /// ```
    /// use policy_align::{Pipeline, corpus, diffusion::Status};
    /// let docs: Vec<_> = corpus::BUNDLED.iter().map(|b| b.parse().unwrap()).collect();
    /// let study = Pipeline::new().diffuse(docs, Some(1))?; // Huizhou as the reference
    /// let d = study.diffusion();
    /// assert_eq!(d.reference.as_deref(), Some("huizhou_2021_ip_protection_measures"));
    /// assert_eq!(d.adoptions.len(), study.documents()[1].measures.len());
    /// assert!(d.adoptions.iter().any(|a| a.status == Status::Reworded));
    /// # Ok::<(), policy_align::Error>(())
    /// ```
    pub fn diffuse(&self, documents: Vec<Document>, reference: Option<usize>) -> Result<DiffusionStudy> {
        self.diffuse_with(documents, reference, &AdoptionOptions::default())
    }

    /// [`Pipeline::diffuse`] with adoption options of one's own.
    pub fn diffuse_with(
        &self,
        documents: Vec<Document>,
        reference: Option<usize>,
        options: &AdoptionOptions,
    ) -> Result<DiffusionStudy> {
        require_corpus(&documents)?;
        if let Some(r) = reference.filter(|&r| r >= documents.len()) {
            return Err(Error::InvalidOption {
                option: "reference",
                message: format!("document {r} of {}", documents.len()),
            });
        }
        let refs: Vec<&Document> = documents.iter().collect();
        let segmenter = self.segmenter_for(&refs);
        let agencies: Vec<DocumentAgencies> = documents.par_iter().map(|d| self.resolve(d)).collect();
        // The pairs: every one, or the candidates of a large set, and always the reference's.
        let n = documents.len();
        let mut blocking = candidate_pairs(&refs, &cited_documents(&refs), &self.blocking);
        if let Some(r) = reference.filter(|_| blocking.blocked) {
            blocking.add_pairs((0..n).filter(|&k| k != r).map(|k| (r, k)));
        }
        // The reference on the left of its pairs.
        let pairs: Vec<(usize, usize)> = blocking
            .pairs
            .iter()
            .map(|&(i, j)| if Some(j) == reference { (j, i) } else { (i, j) })
            .collect();
        // Each document segmented and interned once; each pair gets its own weights, as
        // `compare` gives them, and its dyad (and the reference's adoptions) as soon as it is
        // aligned; the alignment is kept when asked.
        let (interner, interned) = Interner::documents(segmenter.get(), &refs, &agencies)?;
        let maker = DyadMaker::new(&refs, options.min_chars);
        // Pairs come sorted by their left document: each thread keeps the characters of its
        // last left document's measures for the next pair of it, and of the right one's for
        // the pair's adoptions.
        let made = pairs
            .par_iter()
            .map_init(<(MeasureChars, MeasureChars)>::default, |chars, &(l, r)| {
                let features = interner.pair([refs[l], refs[r]], [&interned[l], &interned[r]]);
                let alignment = self.aligner.align(&features, 0, 1)?;
                let dyad = maker.make(l, r, &alignment, chars);
                // The reference's adoptions as soon as its pair is aligned (it is on the left).
                let table = match reference {
                    Some(x) if x == l => Some((r, maker.adoptions((l, r), &alignment, options, chars)?)),
                    _ => None,
                };
                let kept = self.keep_alignments.then_some((l, r, alignment));
                Ok((kept, (l.min(r), l.max(r)), dyad, table))
            })
            .collect::<Result<Vec<_>>>()?;
        drop((interner, interned));
        let (mut alignments, mut dyads, mut tables) = (Vec::new(), Vec::with_capacity(made.len()), Vec::new());
        for (alignment, key, dyad, table) in made {
            alignments.extend(alignment);
            dyads.push((key, dyad));
            tables.extend(table);
        }
        let tables = in_document_order(tables, reference, n)?;
        // Dyads in the order (0, 1), (0, 2), …
        dyads.sort_unstable_by_key(|d| d.0);
        let dyads = dyads.into_iter().map(|(_, d)| d).collect();
        let mut diffusion = Diffusion::assemble(maker, dyads, reference, tables);
        diffusion.blocking = Some(blocking);
        let graph = DiffusionGraph::new(&diffusion);
        Ok(DiffusionStudy {
            documents,
            alignments,
            diffusion,
            graph,
        })
    }

    /// Aligns a corpus: clusters of equivalent measures across the documents, their coverage,
    /// the agency graph. Fails with fewer than two documents, or a document without measures.
    pub fn corpus(&self, documents: Vec<Document>) -> Result<CorpusComparison> {
        self.corpus_with_progress(documents, &mut |_, _| {})
    }

    /// [`Pipeline::corpus`], calling `progress(done, total)` as the documents are aligned.
    pub fn corpus_with_progress(
        &self,
        documents: Vec<Document>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<CorpusComparison> {
        require_corpus(&documents)?;
        let refs: Vec<&Document> = documents.iter().collect();
        let segmenter = self.segmenter_for(&refs);
        let agencies: Vec<DocumentAgencies> = documents.par_iter().map(|d| self.resolve(d)).collect();
        let features = FeatureSet::build(segmenter.get(), &refs, &agencies)?;
        let alignment = self.aligner.align_corpus_with_progress(&features, progress);
        let graph = PolicyGraph::from_corpus(&self.registry, &refs, &agencies, &alignment)?;
        Ok(CorpusComparison {
            documents,
            agencies,
            features,
            alignment,
            graph,
        })
    }
}

/// A segmenter built for one run, or the pipeline's shared one.
enum SegmenterRef<'a> {
    Own(Box<Segmenter>),
    Shared(&'a Segmenter),
}

impl SegmenterRef<'_> {
    fn get(&self) -> &Segmenter {
        match self {
            SegmenterRef::Own(s) => s,
            SegmenterRef::Shared(s) => s,
        }
    }
}

/// The reference's adoption tables `(document, table)` in document order; fails unless there
/// is one for each document other than the reference (of `n`).
fn in_document_order(
    mut tables: Vec<(usize, AdoptionTable)>,
    reference: Option<usize>,
    n: usize,
) -> Result<Vec<AdoptionTable>> {
    tables.sort_unstable_by_key(|t| t.0);
    if let Some(r) = reference
        && !tables.iter().map(|t| t.0).eq((0..n).filter(|&k| k != r))
    {
        return Err(Error::inconsistent(format!(
            "the reference {r} was not aligned once with each other document"
        )));
    }
    Ok(tables.into_iter().map(|t| t.1).collect())
}

/// A set of documents to align: two or more, each with measures.
fn require_corpus(documents: &[Document]) -> Result<()> {
    if documents.len() < 2 {
        return Err(Error::TooFewDocuments {
            given: documents.len(),
            needed: 2,
        });
    }
    documents.iter().try_for_each(require_measures)
}

/// A document without measures cannot be compared.
fn require_measures(doc: &Document) -> Result<()> {
    if doc.measures.is_empty() {
        return Err(Error::NoMeasures {
            location: Location::file(doc.name.clone()),
            message: "no measures found".into(),
        });
    }
    Ok(())
}
