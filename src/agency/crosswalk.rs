//! The agency cross-walk of two documents: which functions both name, which only one.

use super::id::{AgencyId, AgencyStatus};
use super::registry::AgencyRegistry;
use super::resolve::DocumentAgencies;
use crate::document::Document;
use crate::error::Result;
use serde::Serialize;
use std::collections::BTreeMap;

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
}

/// Which agencies two documents share and which only one names, by function: a merged body
/// (农业农村水利局) counts for each of its functions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Crosswalk {
    /// Functions both documents name.
    pub shared: Vec<CrosswalkRow>,
    /// Functions only the left document names.
    pub left_only: Vec<CrosswalkRow>,
    /// Functions only the right document names.
    pub right_only: Vec<CrosswalkRow>,
    /// Collective mentions (`市直有关部门`), on either side: not agencies, kept so that nothing
    /// is dropped.
    pub collective: Vec<CrosswalkRow>,
}

impl Crosswalk {
    /// The cross-walk of two resolved documents. Fails when a side's agencies are not its
    /// document's.
    pub fn new(
        registry: &AgencyRegistry,
        (left, left_res): (&Document, &DocumentAgencies),
        (right, right_res): (&Document, &DocumentAgencies),
    ) -> Result<Crosswalk> {
        left_res.check(left)?;
        right_res.check(right)?;
        let mut rows: BTreeMap<AgencyId, CrosswalkRow> = BTreeMap::new();
        for (side, doc, res) in [(0, left, left_res), (1, right, right_res)] {
            for (mention, r) in res.mentions_unchecked(doc) {
                let keys = r.keys();
                for key in keys {
                    let row = rows.entry(key.clone()).or_insert_with(|| {
                        let function = match &key {
                            AgencyId::Function(f) => registry.function(f),
                            _ => None,
                        };
                        let (name, gloss) = match function {
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
                        }
                    });
                    let names = if side == 0 { &mut row.left } else { &mut row.right };
                    if !names.contains(&mention.text) {
                        names.push(mention.text.clone());
                    }
                }
            }
        }
        // Functions in table order, then collective and unresolved bodies by id.
        let order = |id: &AgencyId| match id {
            AgencyId::Function(f) => registry
                .functions()
                .iter()
                .position(|g| &g.id == f)
                .unwrap_or(usize::MAX),
            _ => usize::MAX,
        };
        let mut rows: Vec<CrosswalkRow> = rows.into_values().collect();
        rows.sort_by(|a, b| order(&a.id).cmp(&order(&b.id)).then_with(|| a.id.cmp(&b.id)));
        let mut walk = Crosswalk {
            shared: Vec::new(),
            left_only: Vec::new(),
            right_only: Vec::new(),
            collective: Vec::new(),
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
}
