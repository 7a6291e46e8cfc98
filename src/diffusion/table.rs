//! The diffusion tables of a set of documents: the documents in time and place, what each did
//! with the reference's measures, what each added, and the dyads.

use super::adoption::{Addition, Adoption, AdoptionOptions, AdoptionTable, adoptions_with};
use super::dyads::{Dyad, DyadPassage, cited_documents, dyad_passages_counted};
use super::places::{Level, place_of};
use crate::align::Alignment;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::reuse::{MeasureChars, document_chars};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// One document of a diffusion study: its id, where it comes from and when, and which
/// documents of the set it cites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRow {
    /// The document's id ([`document_ids`](crate::document_ids)): its file stem, never numeric
    /// (`doc-2021` for a file `2021.txt`), made unique with `-2`, `-3`… when two files share a
    /// stem.
    pub id: String,
    /// The path it was read from, as given.
    pub path: String,
    /// Its title.
    pub title: String,
    /// Its jurisdiction: the division found in the table of divisions, or the place as written.
    pub jurisdiction: Option<String>,
    /// The jurisdiction's administrative level, when known.
    pub level: Option<Level>,
    /// The province, when known (`None` for the centre).
    pub province: Option<String>,
    /// The GB/T 2260 division code, when known.
    pub code: Option<String>,
    /// Its date, ISO 8601.
    pub date: Option<String>,
    /// Its document number (发文字号).
    pub doc_number: Option<String>,
    /// The ids of the documents of the set it cites (by 《title》 or document number).
    pub cites: Vec<String>,
}

impl std::fmt::Display for DocumentRow {
    /// The id.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.id)
    }
}

/// The diffusion tables of a set of documents (see [`Diffusion::build`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diffusion {
    /// One row per document, in the order given.
    pub documents: Vec<DocumentRow>,
    /// The reference document's id, when there is one.
    pub reference: Option<String>,
    /// With a reference: for each other document (in order) and each measure of the reference
    /// (in its order), what the document did with it. Each row's `document` is a document id.
    pub adoptions: Vec<Adoption>,
    /// With a reference: each other document's measures that answer none of the reference's.
    pub additions: Vec<Addition>,
    /// Every pair of documents aligned, `(0, 1)`, `(0, 2)`, … (every pair of a small set; the
    /// candidates of a large one, see [`Diffusion::blocking`]); `earlier` and `later` are
    /// document ids.
    pub dyads: Vec<Dyad>,
    /// The passages the later document of each dyad took word for word from the earlier, dyad
    /// by dyad; `earlier` and `later` are document ids.
    pub passages: Vec<DyadPassage>,
    /// Which pairs were aligned when the set was too large for all of them
    /// ([`candidate_pairs`](super::candidate_pairs)); `None` when the caller aligned the pairs
    /// of its choice.
    pub blocking: Option<super::Blocking>,
    /// Each document's index by its id: reports look documents up for every dyad and cell.
    #[serde(skip)]
    index: HashMap<String, usize>,
}

/// The document rows of a set: places, dates, numbers and citations within the set.
fn document_rows(docs: &[&Document], ids: &[String]) -> Vec<DocumentRow> {
    let cited = cited_documents(docs);
    docs.iter()
        .zip(ids)
        .zip(&cited)
        .map(|((d, id), cites)| {
            let place = place_of(d);
            DocumentRow {
                id: id.clone(),
                path: d.name.clone(),
                title: d.meta.title.clone(),
                jurisdiction: place
                    .as_ref()
                    .map(|p| p.name.clone())
                    .or_else(|| d.meta.jurisdiction.clone()),
                level: place.as_ref().map(|p| p.level),
                province: place.as_ref().and_then(|p| p.province.clone()),
                code: place.as_ref().and_then(|p| p.code.clone()),
                date: d.meta.date.clone(),
                doc_number: d.meta.doc_number.clone(),
                cites: cites.iter().map(|&k| ids[k].clone()).collect(),
            }
        })
        .collect()
}

/// The alignments of a set's pairs, looked up by pair whichever side each document is on.
struct ByPair<'a>(HashMap<(usize, usize), &'a (usize, usize, Alignment)>);

impl<'a> ByPair<'a> {
    fn new(alignments: &'a [(usize, usize, Alignment)]) -> Self {
        ByPair(alignments.iter().map(|x| ((x.0.min(x.1), x.0.max(x.1)), x)).collect())
    }

    /// The alignment of documents `i` and `j` as `(left, right, alignment)`.
    fn get(&self, i: usize, j: usize) -> Result<(usize, usize, &'a Alignment)> {
        self.0
            .get(&(i.min(j), i.max(j)))
            .map(|x| (x.0, x.1, &x.2))
            .ok_or_else(|| Error::inconsistent(format!("no alignment of documents {i} and {j}")))
    }
}

/// Makes the dyads of a set of documents, pair by pair, the documents named by their ids and
/// each document's characters counted once.
pub(crate) struct DyadMaker<'d> {
    docs: &'d [&'d Document],
    ids: Vec<String>,
    chars: Vec<usize>,
    min_chars: usize,
}

impl<'d> DyadMaker<'d> {
    /// For `docs`, passages of `min_chars` characters or more.
    pub(crate) fn new(docs: &'d [&'d Document], min_chars: usize) -> Self {
        DyadMaker {
            docs,
            ids: crate::document::document_ids(docs),
            chars: docs.par_iter().map(|d| document_chars(d)).collect(),
            min_chars,
        }
    }

    /// The dyad of documents `l` and `r` (indices into the set) and its passages.
    /// The characters of each document's measures are kept in `chars` (`l`'s, `r`'s) for the
    /// next dyads, or the adoptions, of the same documents.
    pub(crate) fn make(
        &self,
        l: usize,
        r: usize,
        alignment: &Alignment,
        chars: &mut (MeasureChars, MeasureChars),
    ) -> (Dyad, Vec<DyadPassage>) {
        let (docs, ids) = (self.docs, &self.ids);
        let (mut d, mut ps) = dyad_passages_counted(
            (docs[l], l, &mut chars.0),
            (docs[r], r, &mut chars.1),
            alignment,
            self.min_chars,
            [self.chars[l], self.chars[r]],
        );
        let left_first = d.earlier == docs[l].name;
        let (e, later) = if left_first { (l, r) } else { (r, l) };
        (d.earlier, d.later) = (ids[e].clone(), ids[later].clone());
        for p in &mut ps {
            (p.earlier, p.later) = (ids[e].clone(), ids[later].clone());
        }
        (d, ps)
    }

    /// The adoptions of the reference `r` by document `k` (indices into the set) from their
    /// alignment, `r` on its left, the rows naming `k` by its id; the characters of the
    /// measures of each from `chars` (`r`'s, `k`'s), as [`DyadMaker::make`] keeps them.
    pub(crate) fn adoptions(
        &self,
        (r, k): (usize, usize),
        alignment: &Alignment,
        options: &AdoptionOptions,
        chars: &mut (MeasureChars, MeasureChars),
    ) -> Result<AdoptionTable> {
        let (docs, (rc, kc)) = (self.docs, chars);
        let mut t = adoptions_with((docs[r], r, rc), (docs[k], k, kc), alignment, options)?;
        t.adoptions.iter_mut().for_each(|a| a.document = self.ids[k].clone());
        t.additions.iter_mut().for_each(|a| a.document = self.ids[k].clone());
        Ok(t)
    }
}

impl Diffusion {
    /// The tables of `docs`, from the alignments of their pairs: `alignments` holds, for each
    /// pair of documents `i < j` aligned (every pair, or the candidates of
    /// [`candidate_pairs`](super::candidate_pairs)), one entry `(left, right, alignment)` with
    /// `{left, right} = {i, j}`, the reference on the left of its pairs. With a reference (an
    /// index into `docs`), adoptions and additions are filled in
    /// ([`adoptions`](super::adoptions), with `options`); a dyad is made of each pair aligned
    /// ([`dyad`](super::dyad), passages of `options.min_chars` or more), in the order `(0, 1)`,
    /// `(0, 2)`, ….
    ///
    /// Fails when a pair of the reference is missing, the reference is not one of `docs`, or an
    /// alignment names measures its documents do not have.
    pub fn build(
        docs: &[&Document],
        alignments: &[(usize, usize, Alignment)],
        reference: Option<usize>,
        options: &AdoptionOptions,
    ) -> Result<Diffusion> {
        if let Some(r) = reference.filter(|&r| r >= docs.len()) {
            return Err(Error::InvalidOption {
                option: "reference",
                message: format!("document {r} of {}", docs.len()),
            });
        }
        let maker = DyadMaker::new(docs, options.min_chars);
        let by_pair = ByPair::new(alignments);
        let mut pairs: Vec<(usize, usize)> = by_pair.0.keys().copied().collect();
        pairs.sort_unstable();
        // Each dyad on its own (rayon), collected in the order of the pairs.
        let made: Vec<(Dyad, Vec<DyadPassage>)> = pairs
            .par_iter()
            .map(|&(i, j)| {
                let (l, r, alignment) = by_pair.get(i, j)?;
                Ok(maker.make(l, r, alignment, &mut Default::default()))
            })
            .collect::<Result<_>>()?;
        // With a reference, the adoptions of each other document, in parallel, in document
        // order.
        let tables = match reference {
            None => Vec::new(),
            Some(r) => (0..docs.len())
                .into_par_iter()
                .filter(|&k| k != r)
                .map(|k| {
                    let (l, _, alignment) = by_pair.get(r, k)?;
                    if l != r {
                        return Err(Error::inconsistent(format!(
                            "the reference {} is not on the left of its alignment with {}",
                            maker.ids[r], maker.ids[k]
                        )));
                    }
                    maker.adoptions((r, k), alignment, options, &mut Default::default())
                })
                .collect::<Result<_>>()?,
        };
        Ok(Diffusion::assemble(maker, made, reference, tables))
    }

    /// The tables from the dyads of the pairs aligned (in the order `(0, 1)`, `(0, 2)`, …,
    /// from [`DyadMaker::make`]) and, with a reference, the adoptions of each other document in
    /// document order ([`DyadMaker::adoptions`]).
    pub(crate) fn assemble(
        maker: DyadMaker<'_>,
        made: Vec<(Dyad, Vec<DyadPassage>)>,
        reference: Option<usize>,
        tables: Vec<AdoptionTable>,
    ) -> Diffusion {
        let DyadMaker { docs, ids, .. } = maker;
        let documents = document_rows(docs, &ids);
        // Each table sized once: a table grown by doubling holds twice its rows at times.
        let passage_count = made.iter().map(|m| m.1.len()).sum();
        let (mut dyads, mut passages) = (Vec::with_capacity(made.len()), Vec::with_capacity(passage_count));
        for (d, ps) in made {
            dyads.push(d);
            passages.extend(ps);
        }
        let (mut rows, mut added) = (
            Vec::with_capacity(tables.iter().map(|t| t.adoptions.len()).sum()),
            Vec::with_capacity(tables.iter().map(|t| t.additions.len()).sum()),
        );
        for t in tables {
            rows.extend(t.adoptions);
            added.extend(t.additions);
        }
        Diffusion {
            documents,
            reference: reference.map(|r| ids[r].clone()),
            adoptions: rows,
            additions: added,
            dyads,
            passages,
            blocking: None,
            index: ids.into_iter().enumerate().map(|(i, id)| (id, i)).collect(),
        }
    }

    /// The row of the document with this id.
    pub fn document(&self, id: &str) -> Option<&DocumentRow> {
        self.index_of(id).and_then(|i| self.documents.get(i))
    }

    /// The index of the document with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
}
