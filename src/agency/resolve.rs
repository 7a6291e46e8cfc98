//! One document's mentions resolved, and the agencies of several documents indexed.

use super::id::{AgencyBody, AgencyId, AgencyStatus, Resolution};
use super::registry::AgencyRegistry;
use crate::document::{Document, Mention};
use crate::error::{Error, Result};
use crate::lexicon::places;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

impl AgencyRegistry {
    /// Resolves every mention of a document: measures' clauses and annex task units.
    pub fn resolve_document(&self, doc: &Document) -> DocumentAgencies {
        let places = document_places(doc);
        let places: Vec<&str> = places.iter().map(String::as_str).collect();
        // A document names the same bodies again and again: resolve each written form once.
        // The same text gives the same name and aliases, so the text keys the cache.
        let mut seen: FxHashMap<String, Resolution> = FxHashMap::with_capacity_and_hasher(64, Default::default());
        let mut resolve = |x: &Mention| -> Resolution {
            if let Some(r) = seen.get(&x.text) {
                return r.clone();
            }
            let r = self.resolve_mention_in(x, &places, &doc.abbreviations);
            seen.insert(x.text.clone(), r.clone());
            r
        };
        DocumentAgencies {
            document: doc.name.clone(),
            measures: doc
                .measures
                .iter()
                .map(|m| m.mentions().map(&mut resolve).collect())
                .collect(),
            annex: doc
                .annex_tasks()
                .map(|t| t.units.iter().map(&mut resolve).collect())
                .collect(),
        }
    }
}

/// The document's own place names, stripped from mentions: its jurisdiction and the issuers'
/// places, each also without its level (`相山区`, `相山`).
fn document_places(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let bodies = doc.meta.issuers.iter().chain(std::iter::once(&doc.meta.title));
    let own = doc.meta.jurisdiction.iter().cloned();
    let bodies = bodies.map(|b| crate::script::simplify(b).into_owned());
    let own = own.map(|j| crate::script::simplify(&j).into_owned());
    for place in own.chain(bodies.filter_map(|b| places::jurisdiction_of(&b))) {
        for form in places::short_forms(&place) {
            if !out.contains(&form) {
                out.push(form);
            }
        }
    }
    out
}

/// The resolutions of one document's mentions, parallel to its measures and annex tasks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentAgencies {
    /// The document's name.
    pub document: String,
    /// For each measure, the resolution of each mention of its clause.
    pub measures: Vec<Vec<Resolution>>,
    /// For each annex task, the resolution of each responsible unit.
    pub annex: Vec<Vec<Resolution>>,
}

impl DocumentAgencies {
    /// Checks that `agencies[i]` are the resolutions of `docs[i]`, one list per document.
    pub fn check_each<A: std::borrow::Borrow<DocumentAgencies>>(docs: &[&Document], agencies: &[A]) -> Result<()> {
        if docs.len() != agencies.len() {
            return Err(Error::inconsistent(format!(
                "{} documents but {} lists of agencies",
                docs.len(),
                agencies.len()
            )));
        }
        docs.iter().zip(agencies).try_for_each(|(doc, a)| a.borrow().check(doc))
    }

    /// Checks that these are the resolutions of `doc`: made for a document of its name, one
    /// list per measure and annex task, one resolution per mention.
    pub fn check(&self, doc: &Document) -> Result<()> {
        let fits = self.document == doc.name
            && self.measures.len() == doc.measures.len()
            && doc
                .measures
                .iter()
                .zip(&self.measures)
                .all(|(m, r)| m.mentions().count() == r.len())
            && self.annex.len() == doc.annex_tasks().count()
            && doc
                .annex_tasks()
                .zip(&self.annex)
                .all(|(t, r)| t.units.len() == r.len());
        if fits {
            Ok(())
        } else {
            Err(Error::inconsistent(format!(
                "the agencies of {} are not those of {}",
                self.document, doc.name
            )))
        }
    }

    /// Every mention of `doc` (measures' clauses, then annex task units) with its resolution.
    /// Fails when these are not the resolutions of `doc` ([`DocumentAgencies::check`]).
    pub fn mentions<'a>(
        &'a self,
        doc: &'a Document,
    ) -> Result<impl Iterator<Item = (&'a Mention, &'a Resolution)> + 'a> {
        self.check(doc)?;
        Ok(self.mentions_unchecked(doc))
    }

    /// [`DocumentAgencies::mentions`] for pairs the crate made itself.
    pub(crate) fn mentions_unchecked<'a>(
        &'a self,
        doc: &'a Document,
    ) -> impl Iterator<Item = (&'a Mention, &'a Resolution)> + 'a {
        let measures = doc
            .measures
            .iter()
            .zip(&self.measures)
            .flat_map(|(m, r)| m.mentions().zip(r));
        let annex = doc
            .annex_tasks()
            .zip(&self.annex)
            .flat_map(|(t, r)| t.units.iter().zip(r));
        measures.chain(annex)
    }
}

/// A canonical agency with the names seen for it in each document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agency {
    /// The canonical id.
    pub id: AgencyId,
    /// Chinese name: the function's, or the name as written for unresolved and collective bodies.
    pub name: String,
    /// English gloss (empty for unresolved and collective bodies).
    pub gloss: String,
    /// Its functions.
    pub functions: Vec<String>,
    /// Resolved, collective or unresolved.
    pub status: AgencyStatus,
    /// Document name → the mentions written for it there.
    pub names: BTreeMap<String, BTreeSet<String>>,
}

/// The agencies of several documents, from one registry: same body, same id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AgencyIndex {
    /// Agencies by id.
    pub agencies: BTreeMap<AgencyId, Agency>,
}

impl AgencyIndex {
    /// Collects the agencies of documents already resolved (`resolved[i]` for `docs[i]`).
    /// Fails when the lists differ in length or a resolution is not of its document.
    pub fn build(registry: &AgencyRegistry, docs: &[&Document], resolved: &[DocumentAgencies]) -> Result<AgencyIndex> {
        DocumentAgencies::check_each(docs, resolved)?;
        let mut index = AgencyIndex::default();
        for (doc, res) in docs.iter().zip(resolved) {
            for (mention, r) in res.mentions(doc)? {
                let agency = index
                    .agencies
                    .entry(r.agency.clone())
                    .or_insert_with(|| new_agency(registry, r));
                for f in &r.functions {
                    if !agency.functions.contains(f) {
                        agency.functions.push(f.clone());
                    }
                }
                agency
                    .names
                    .entry(doc.name.clone())
                    .or_default()
                    .insert(mention.text.clone());
            }
        }
        Ok(index)
    }

    /// The agencies no rule resolved.
    pub fn unresolved(&self) -> impl Iterator<Item = &Agency> {
        self.agencies.values().filter(|a| a.status == AgencyStatus::Unresolved)
    }
}

/// The agency of a resolution, without names yet: a resolved body is named after its kinds
/// of body (a merged bureau's) or, failing that, its functions.
fn new_agency(registry: &AgencyRegistry, r: &Resolution) -> Agency {
    let (name, gloss) = match r.status {
        AgencyStatus::Resolved => {
            let fs: Vec<&AgencyBody> = r.functions.iter().filter_map(|f| registry.function(f)).collect();
            let main: Vec<&AgencyBody> = r.agency.bodies().iter().filter_map(|f| registry.function(f)).collect();
            let pick = if main.is_empty() { fs } else { main };
            (
                pick.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join("、"),
                pick.iter().map(|f| f.gloss.as_str()).collect::<Vec<_>>().join(" + "),
            )
        }
        _ => (
            r.agency
                .written_name()
                .map_or_else(|| r.agency.to_string(), str::to_owned),
            String::new(),
        ),
    };
    Agency {
        id: r.agency.clone(),
        name,
        gloss,
        functions: Vec::new(),
        status: r.status,
        names: BTreeMap::new(),
    }
}
