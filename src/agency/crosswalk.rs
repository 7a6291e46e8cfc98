//! The agency cross-walk of two documents: which functions both name, which only one.

use super::id::{AgencyId, AgencyStatus, Resolution};
use super::registry::AgencyRegistry;
use super::resolve::DocumentAgencies;
use crate::document::Document;
use crate::error::Result;
use serde::Serialize;
use std::collections::BTreeMap;

/// What makes mentions on the two sides the same agency in a cross-walk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AgencyIdentity {
    /// The same function: 市工商局 and 市质监局 of 2016 and 市市场监管局 of 2022 are one row,
    /// `market_regulation`, with the reform noted; a merged bureau counts for each function.
    /// The default, and what the reports use.
    #[default]
    Function,
    /// The same kind of body: 市工商局, 市质监局 and 市市场监管局 are three rows, each dissolved
    /// body naming its successor; 区法院 and 市法院 are still one (`court`).
    Body,
}

/// A reform seen in a cross-walk row: bodies a reform dissolved, named on either side, and
/// the body of today that took them over (`市工商局、市质监局 → 市场监督管理局 (2018)`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Succession {
    /// The dissolved kinds of body, by id, in the order first seen.
    pub bodies: Vec<String>,
    /// Their mentions as written.
    pub names: Vec<String>,
    /// The body of today that took them over, by id.
    pub successor: String,
    /// Its Chinese name.
    pub successor_name: String,
    /// The year of the reform (the last step, for a body reformed twice).
    pub year: u16,
}

impl std::fmt::Display for Succession {
    /// `市工商局、市质监局 → 市场监督管理局 (2018)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} → {} ({})", self.names.join("、"), self.successor_name, self.year)
    }
}

/// One row of an agency cross-walk: a function, and the names each side gives the bodies that
/// carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CrosswalkRow {
    /// The function id, or the id of a collective or unresolved body.
    pub id: AgencyId,
    /// Its Chinese name.
    pub name: String,
    /// Its English gloss.
    pub gloss: String,
    /// Resolved, collective or unresolved.
    pub status: AgencyStatus,
    /// The mentions on the left, as written.
    pub left: Vec<String>,
    /// The mentions on the right, as written.
    pub right: Vec<String>,
    /// Bodies a reform dissolved among the mentions, and what took them over; empty when
    /// every body is of today.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub successions: Vec<Succession>,
    /// For a body the table does not know, the closest kinds of body (by id, closest first).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<String>,
}

/// Which agencies two documents share and which only one names, by function (a merged body,
/// 农业农村水利局, counts for each of its functions) or by kind of body ([`AgencyIdentity`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Crosswalk {
    /// How rows were made.
    #[serde(skip)]
    pub identity: AgencyIdentity,
    /// Functions both documents name.
    pub shared: Vec<CrosswalkRow>,
    /// Functions only the left document names.
    pub left_only: Vec<CrosswalkRow>,
    /// Functions only the right document names.
    pub right_only: Vec<CrosswalkRow>,
    /// Collective mentions (`市直有关部门`), on either side: not agencies, kept so that nothing
    /// is dropped.
    pub collective: Vec<CrosswalkRow>,
    /// Bodies (and collectives) named only in annex task tables, in no measure of either
    /// document. The counts above are of bodies named in measures, as the graph's are; these
    /// are listed apart so that nothing is dropped.
    pub annex_only: Vec<CrosswalkRow>,
}

impl Crosswalk {
    /// The cross-walk of two resolved documents by function. Fails when a side's agencies
    /// are not its document's.
    pub fn new(
        registry: &AgencyRegistry,
        left: (&Document, &DocumentAgencies),
        right: (&Document, &DocumentAgencies),
    ) -> Result<Crosswalk> {
        Crosswalk::with_identity(AgencyIdentity::Function, registry, left, right)
    }

    /// The cross-walk of two resolved documents, rows made by function or by kind of body.
    /// Fails when a side's agencies are not its document's.
    pub fn with_identity(
        identity: AgencyIdentity,
        registry: &AgencyRegistry,
        (left, left_res): (&Document, &DocumentAgencies),
        (right, right_res): (&Document, &DocumentAgencies),
    ) -> Result<Crosswalk> {
        left_res.check(left)?;
        right_res.check(right)?;
        let mut rows: BTreeMap<AgencyId, CrosswalkRow> = BTreeMap::new();
        let mut annex: BTreeMap<AgencyId, CrosswalkRow> = BTreeMap::new();
        for (side, doc, res) in [(0, left, left_res), (1, right, right_res)] {
            let in_measures = doc
                .measures
                .iter()
                .zip(&res.measures)
                .flat_map(|(m, r)| m.mentions().zip(r));
            let in_annex = doc
                .annex_tasks()
                .zip(&res.annex)
                .flat_map(|(t, r)| t.units.iter().zip(r));
            for (from_annex, (mention, r)) in in_measures.map(|x| (false, x)).chain(in_annex.map(|x| (true, x))) {
                let keys = match identity {
                    AgencyIdentity::Function => r.keys(),
                    AgencyIdentity::Body => body_keys(r),
                };
                for key in keys {
                    let table = if from_annex { &mut annex } else { &mut rows };
                    let row = table.entry(key.clone()).or_insert_with(|| new_row(registry, &key, r));
                    let names = if side == 0 { &mut row.left } else { &mut row.right };
                    if !names.contains(&mention.text) {
                        names.push(mention.text.clone());
                    }
                    note_succession(identity, registry, row, &mention.text, r);
                }
            }
        }
        // Bodies of annex tables that some measure names too are counted with the measures.
        annex.retain(|k, _| !rows.contains_key(k));
        // Functions in table order, then collective and unresolved bodies by id.
        let order = |id: &AgencyId| match id {
            AgencyId::Body(f) => registry.bodies().iter().position(|g| &g.id == f).unwrap_or(usize::MAX),
            _ => usize::MAX,
        };
        let mut rows: Vec<CrosswalkRow> = rows.into_values().collect();
        rows.sort_by(|a, b| order(&a.id).cmp(&order(&b.id)).then_with(|| a.id.cmp(&b.id)));
        let mut annex_only: Vec<CrosswalkRow> = annex.into_values().collect();
        annex_only.sort_by(|a, b| order(&a.id).cmp(&order(&b.id)).then_with(|| a.id.cmp(&b.id)));
        let mut walk = Crosswalk {
            identity,
            shared: Vec::new(),
            left_only: Vec::new(),
            right_only: Vec::new(),
            collective: Vec::new(),
            annex_only,
        };
        for row in rows {
            if row.status == AgencyStatus::Collective {
                walk.collective.push(row);
                continue;
            }
            match (row.left.is_empty(), row.right.is_empty()) {
                (false, false) => walk.shared.push(row),
                (false, true) => walk.left_only.push(row),
                _ => walk.right_only.push(row),
            }
        }
        Ok(walk)
    }

    /// The rows of bodies the table does not know.
    pub fn unresolved(&self) -> impl Iterator<Item = &CrosswalkRow> {
        let rows = self.shared.iter().chain(&self.left_only).chain(&self.right_only);
        rows.filter(|r| r.status == AgencyStatus::Unresolved)
    }

    /// Every reform seen in the cross-walk, row by row.
    pub fn successions(&self) -> impl Iterator<Item = &Succession> {
        let rows = self.shared.iter().chain(&self.left_only).chain(&self.right_only);
        rows.flat_map(|r| &r.successions)
    }
}

/// What a mention counts as when agencies are compared by kind of body: each body of a merged
/// bureau, or its own id (collective and unresolved bodies).
fn body_keys(r: &Resolution) -> Vec<AgencyId> {
    match r.agency.bodies() {
        [] | [_] => vec![r.agency.clone()],
        bodies => bodies.iter().cloned().map(AgencyId::Body).collect(),
    }
}

/// A row without mentions yet: named after its function or kind of body, or as written.
fn new_row(registry: &AgencyRegistry, key: &AgencyId, r: &Resolution) -> CrosswalkRow {
    let body = match key {
        AgencyId::Body(f) => registry.body(f),
        _ => None,
    };
    let (name, gloss) = match body {
        Some(f) => (f.name.clone(), f.gloss.clone()),
        None => (
            key.written_name().map_or_else(|| key.to_string(), str::to_owned),
            String::new(),
        ),
    };
    CrosswalkRow {
        id: key.clone(),
        name,
        gloss,
        status: r.status,
        left: Vec::new(),
        right: Vec::new(),
        successions: Vec::new(),
        candidates: r.candidates.clone(),
    }
}

/// Notes in `row` the dissolved bodies of a mention and their successors: by function, the
/// successor that carries the row's function (every successor, when the dissolved body
/// carried the function but none of them is named after it); by body, every successor of the
/// row's own body.
fn note_succession(
    identity: AgencyIdentity,
    registry: &AgencyRegistry,
    row: &mut CrosswalkRow,
    written: &str,
    r: &Resolution,
) {
    let row_id = row.id.to_string();
    for body in r.agency.bodies() {
        let today = registry.successors(body);
        let chosen: Vec<_> = match identity {
            AgencyIdentity::Body if *body == row_id => today.iter().collect(),
            AgencyIdentity::Body => continue,
            AgencyIdentity::Function => {
                let fitting: Vec<_> = today.iter().filter(|(b, _)| b.id == row_id).collect();
                let carried = registry.body(body).is_some_and(|b| b.carries().contains(&row_id));
                if fitting.is_empty() && carried {
                    today.iter().collect()
                } else {
                    fitting
                }
            }
        };
        for (successor, year) in chosen {
            let at = row
                .successions
                .iter()
                .position(|s| s.successor == successor.id && s.year == *year);
            let s = match at {
                Some(k) => &mut row.successions[k],
                None => {
                    row.successions.push(Succession {
                        bodies: Vec::new(),
                        names: Vec::new(),
                        successor: successor.id.clone(),
                        successor_name: successor.name.clone(),
                        year: *year,
                    });
                    row.successions.last_mut().expect("just pushed")
                }
            };
            if !s.bodies.iter().any(|b| b == body) {
                s.bodies.push(body.clone());
            }
            if !s.names.iter().any(|n| n == written) {
                s.names.push(written.to_owned());
            }
        }
    }
}
