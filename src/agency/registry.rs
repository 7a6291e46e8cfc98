//! The registry of kinds of body, their functions and successions, and how one name resolves.

use super::id::AgencyBody;
use super::rules::{NameIndex, canon};
use crate::error::{Error, Location, Result};
use serde::Deserialize;
use std::collections::HashMap;

/// The built-in table of kinds of body.
const BUILTIN: &str = include_str!("../../data/agencies.json");

/// A table of bodies: `{"bodies": [...]}` (`"functions"`, the key of earlier tables, is read too).
#[derive(Deserialize)]
struct Table {
    #[serde(alias = "functions")]
    bodies: Vec<AgencyBody>,
}

/// Builds an [`AgencyRegistry`].
///
/// ```
/// let registry = policy_align::AgencyRegistry::builder()
///     .functions_json(r#"{"bodies": [{"id": "gem_lab", "name": "珠宝玉石鉴定站",
///         "gloss": "Gem Testing Station", "names": ["珠宝玉石鉴定站"]}]}"#)
///     .near_miss(0.85)
///     .build()
///     .unwrap();
/// assert_eq!(registry.resolve("惠州市珠宝玉石鉴定站", &[]).agency.to_string(), "gem_lab");
/// ```
#[derive(Debug, Clone)]
pub struct AgencyRegistryBuilder {
    builtin: bool,
    extra: Vec<String>,
    near_miss: f64,
}

impl Default for AgencyRegistryBuilder {
    fn default() -> Self {
        AgencyRegistryBuilder {
            builtin: true,
            extra: Vec::new(),
            near_miss: 0.8,
        }
    }
}

impl AgencyRegistryBuilder {
    /// Whether to start from the built-in table (`data/agencies.json`). Default: `true`.
    pub fn builtin(mut self, yes: bool) -> Self {
        self.builtin = yes;
        self
    }

    /// Adds kinds of body from JSON (`{"bodies": [{"id", "name", "gloss", "names", "central",
    /// "functions", "since", "until", "successors"}]}`, the last five optional; see
    /// [`AgencyBody`]); an id already in the table gains the new names. Default: none.
    pub fn functions_json(mut self, json: &str) -> Self {
        self.extra.push(json.to_owned());
        self
    }

    /// The normalized Levenshtein similarity from which a misspelled name (five characters or
    /// more) still matches, in `0.0..=1.0`; `1.0` turns near-miss matching off. Default: `0.8`.
    pub fn near_miss(mut self, threshold: f64) -> Self {
        self.near_miss = threshold;
        self
    }

    /// Builds the registry. Fails on a threshold outside `0..=1` or malformed JSON.
    pub fn build(self) -> Result<AgencyRegistry> {
        if !(0.0..=1.0).contains(&self.near_miss) {
            return Err(Error::InvalidOption {
                option: "near_miss",
                message: format!("{} is not in 0..=1", self.near_miss),
            });
        }
        let mut registry = AgencyRegistry {
            bodies: Vec::new(),
            exact: HashMap::new(),
            index: NameIndex::default(),
            central: Vec::new(),
            near_miss: self.near_miss,
        };
        if self.builtin {
            registry.extend_named(BUILTIN, "data/agencies.json")?;
        }
        for (k, json) in self.extra.iter().enumerate() {
            registry.extend_named(json, &format!("agency table {}", k + 1))?;
        }
        Ok(registry)
    }
}

/// The table of kinds of body, their functions and successions, and the rules that resolve
/// mentions to them.
#[derive(Debug, Clone)]
pub struct AgencyRegistry {
    pub(super) bodies: Vec<AgencyBody>,
    /// Canonical form of every name → body index.
    pub(super) exact: HashMap<String, usize>,
    /// The names arranged for the fuzzy rules.
    pub(super) index: NameIndex,
    /// Central names (`国家税务总局`) → body index, longest first.
    pub(super) central: Vec<(String, usize)>,
    pub(super) near_miss: f64,
}

impl Default for AgencyRegistry {
    fn default() -> Self {
        AgencyRegistry::builder().build().expect("the built-in table is valid")
    }
}

impl AgencyRegistry {
    /// The registry with the built-in table.
    pub fn new() -> AgencyRegistry {
        AgencyRegistry::default()
    }

    /// A builder: start from the built-in table or not, add bodies, set the near-miss threshold.
    pub fn builder() -> AgencyRegistryBuilder {
        AgencyRegistryBuilder::default()
    }

    /// The kinds of body in the table, in table order.
    pub fn bodies(&self) -> &[AgencyBody] {
        &self.bodies
    }

    /// The kind of body with this id.
    pub fn body(&self, id: &str) -> Option<&AgencyBody> {
        self.bodies.iter().find(|f| f.id == id)
    }

    /// The function with this id: the body of today that carries it, whose name and gloss
    /// name the function.
    pub fn function(&self, id: &str) -> Option<&AgencyBody> {
        self.body(id)
    }

    /// The bodies of today that took over a dissolved body, through every reform since
    /// (`health_bureau` → `health_family_planning` (2013) → `health` (2018) gives `health`),
    /// each with the year of the last step; empty for a body of today or an unknown id.
    ///
    /// ```
    /// let r = policy_align::AgencyRegistry::new();
    /// let now: Vec<(&str, u16)> = r.successors("industry_commerce").iter().map(|(b, y)| (b.id.as_str(), *y)).collect();
    /// assert_eq!(now, [("market_regulation", 2018)]);
    /// ```
    pub fn successors(&self, id: &str) -> Vec<(&AgencyBody, u16)> {
        let mut out: Vec<(&AgencyBody, u16)> = Vec::new();
        let mut todo: Vec<&str> = vec![id];
        let mut seen: Vec<&str> = Vec::new();
        while let Some(cur) = todo.pop() {
            if seen.contains(&cur) {
                continue;
            }
            seen.push(cur);
            let Some(b) = self.body(cur) else { continue };
            let Some(year) = b.until else { continue };
            for s in &b.successors {
                match self.body(s) {
                    Some(next) if next.is_current() && !out.iter().any(|(o, _)| o.id == next.id) => {
                        out.push((next, year));
                    }
                    Some(next) if !next.is_current() => todo.push(&next.id),
                    Some(_) => {}
                    None => {}
                }
            }
        }
        out
    }

    /// Adds kinds of body from JSON (`{"bodies": [...]}`, see [`AgencyBody`]); an id already in
    /// the table gains the new names. Fails, changing nothing, on malformed JSON, on a name that
    /// is already a name of another body, or on functions and successors that name no body.
    pub fn extend_from_json(&mut self, json: &str) -> Result<()> {
        self.extend_named(json, "agency table")
    }

    /// [`AgencyRegistry::extend_from_json`] with the name the table goes by in errors.
    pub(super) fn extend_named(&mut self, json: &str, source: &str) -> Result<()> {
        let table: Table = serde_json::from_str(json).map_err(|e| Error::Table {
            location: Location {
                source: source.to_owned(),
                line: Some(e.line()),
                byte: None,
            },
            message: format!("column {}: {e}", e.column()),
        })?;
        // All or nothing: a table that would merge two bodies leaves the registry as it was.
        let mut next = self.clone();
        next.apply(table, source)?;
        *self = next;
        Ok(())
    }

    fn apply(&mut self, table: Table, source: &str) -> Result<()> {
        for f in table.bodies {
            let k = match self.bodies.iter().position(|g| g.id == f.id) {
                Some(k) => {
                    let g = &mut self.bodies[k];
                    for n in f.names {
                        if !g.names.contains(&n) {
                            g.names.push(n);
                        }
                    }
                    for n in f.central {
                        if !g.central.contains(&n) {
                            g.central.push(n);
                        }
                    }
                    if !f.functions.is_empty() {
                        g.functions = f.functions;
                    }
                    if !f.successors.is_empty() {
                        g.successors = f.successors;
                    }
                    g.since = f.since.or(g.since);
                    g.until = f.until.or(g.until);
                    k
                }
                None => {
                    self.bodies.push(f);
                    self.bodies.len() - 1
                }
            };
            let b = &self.bodies[k];
            let names: Vec<String> = std::iter::once(&b.name)
                .chain(&b.names)
                .chain(&b.central)
                .cloned()
                .collect();
            for n in names {
                match self.exact.get(&canon(&n)) {
                    Some(&other) if other != k => {
                        return Err(Error::Table {
                            location: Location::file(source),
                            message: format!(
                                "name {n} of {} is already a name of {}: two bodies would merge",
                                self.bodies[k].id, self.bodies[other].id
                            ),
                        });
                    }
                    _ => {
                        self.exact.insert(canon(&n), k);
                    }
                }
            }
        }
        self.central = self
            .bodies
            .iter()
            .enumerate()
            .flat_map(|(k, b)| b.central.iter().map(move |c| (c.clone(), k)))
            .collect();
        self.central
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        self.index = NameIndex::new(&self.exact);
        self.check_links(source)
    }

    /// Every function and successor names a body of the table.
    fn check_links(&self, source: &str) -> Result<()> {
        for b in &self.bodies {
            let links = b.functions.iter().map(|f| ("function", f));
            let links = links.chain(b.successors.iter().map(|s| ("successor", s)));
            for (what, id) in links {
                if self.body(id).is_none() {
                    return Err(Error::Table {
                        location: Location::file(source),
                        message: format!("{what} {id} of {} is not a body of the table", b.id),
                    });
                }
            }
            if !b.successors.is_empty() && b.until.is_none() {
                return Err(Error::Table {
                    location: Location::file(source),
                    message: format!("{} has successors but no year (`until`)", b.id),
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::id::{AgencyStatus, MatchRule};
    use std::collections::BTreeSet;

    fn id(r: &AgencyRegistry, name: &str) -> String {
        r.resolve(name, &[]).agency.to_string()
    }

    fn id2(r: &AgencyRegistry, name: &str, places: &[&str]) -> String {
        r.resolve(name, places).agency.to_string()
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(canon("县人民法院"), "县法院");
        assert_eq!(canon("发展和改革委员会"), "发展改革局");
        assert_eq!(canon("相山公安分局"), "相山公安局");
        assert_eq!(canon("省公安厅"), "省公安局");
        assert_eq!(canon("委"), "委");
    }

    #[test]
    fn same_body_across_levels_and_places() {
        let r = AgencyRegistry::new();
        for (names, want) in [
            (
                &["区法院", "市法院", "县人民法院", "州中级人民法院", "省高级人民法院"][..],
                "court",
            ),
            (&["区检察院", "县人民检察院", "州人民检察院"], "procuratorate"),
            (&["市公安局", "省公安厅", "县公安局"], "public_security"),
            (
                &["区文旅体局", "市文化广电旅游体育局", "县文化和旅游局", "州文体旅游局"],
                "culture_tourism",
            ),
            (
                &[
                    "区人社局",
                    "市人力资源社会保障局",
                    "县人力资源和社会保障局",
                    "省人力资源和社会保障厅",
                ],
                "hr_social_security",
            ),
            (
                &["区发改委", "市发展改革局", "县发展和改革委员会", "省发展改革委"],
                "development_reform",
            ),
            (
                &["区市场监管局", "市市场监督管理局", "县市场监督管理局"],
                "market_regulation",
            ),
            (&["区人大办公室", "市人大常委会办公室"], "congress_office"),
            (&["市委宣传部", "县委宣传部", "省委宣传部"], "propaganda"),
            (&["市农业农村局", "州农牧农村局"], "agriculture_rural"),
            (
                &["区政府办", "县人民政府办公室", "省人民政府办公厅"],
                "government_office",
            ),
            (&["市委网信办"], "cyberspace"),
            (&["惠州仲裁委"], "arbitration"),
            (&["广州海关", "惠州海关"], "customs"),
            (&["镇人民政府", "县人民政府"], "government"),
        ] {
            for n in names {
                assert_eq!(id(&r, n), want, "{n}");
            }
        }
        assert_eq!(id2(&r, "相山公安分局", &["相山区", "相山"]), "public_security");
        assert_eq!(id(&r, "雪岭州公安局"), "public_security");
    }

    #[test]
    fn different_bodies_stay_apart() {
        let r = AgencyRegistry::new();
        for group in [
            ["区法院", "区检察院", "区司法局"],
            ["市委宣传部", "市委组织部", "市委统战部"],
            ["市财政局", "市发展改革局", "市审计局"],
            ["市公安局", "惠州海关", "市税务局"],
        ] {
            let ids: BTreeSet<String> = group.iter().map(|n| id(&r, n)).collect();
            assert_eq!(ids.len(), 3, "{group:?} → {ids:?}");
        }
    }

    #[test]
    fn slips_and_abbreviations_say_so() {
        let r = AgencyRegistry::new();
        let slip = r.resolve("市农村农业局", &[]);
        assert_eq!(
            (slip.agency.to_string().as_str(), slip.rule),
            ("agriculture_rural", MatchRule::Slip)
        );
        let abbr = r.resolve("区文广体旅局", &[]);
        assert_eq!(
            (abbr.agency.to_string().as_str(), abbr.rule),
            ("culture_tourism", MatchRule::Abbreviation)
        );
        let typo = r.resolve("市场监督管里局", &[]);
        assert_eq!(
            (typo.agency.to_string().as_str(), typo.rule),
            ("market_regulation", MatchRule::NearMiss)
        );
    }

    #[test]
    fn merged_bodies_keep_both_functions() {
        let r = AgencyRegistry::new();
        let m = r.resolve("区农业农村水利局", &[]);
        assert_eq!(
            (m.agency.to_string().as_str(), m.rule),
            ("agriculture_rural+water_resources", MatchRule::Merged)
        );
        assert_eq!(m.functions, ["agriculture_rural", "water_resources"]);
    }

    #[test]
    fn collective_and_unresolved() {
        let r = AgencyRegistry::new();
        for n in [
            "各级党委、政府",
            "市直有关部门",
            "各有关行政执法部门",
            "各县区政府",
            "各县（市）人民政府",
            "州直有关部门",
        ] {
            assert_eq!(r.resolve(n, &[]).status, AgencyStatus::Collective, "{n}");
        }
        let u = r.resolve("市珠宝玉石鉴定站", &[]);
        assert_eq!(
            (u.status, u.agency.to_string().as_str()),
            (AgencyStatus::Unresolved, "unresolved:珠宝玉石鉴定站")
        );
        // The same unknown body at another level keeps the same id.
        assert_eq!(r.resolve("县珠宝玉石鉴定站", &[]).agency, u.agency);
    }

    #[test]
    fn builder_validates_and_extends() {
        assert!(AgencyRegistry::builder().near_miss(1.5).build().is_err());
        assert!(AgencyRegistry::builder().functions_json("{not json").build().is_err());
        let r = AgencyRegistry::builder()
            .functions_json(
                r#"{"functions": [{"id": "customs", "name": "海关", "gloss": "Customs", "names": ["海关缉私局"]}]}"#,
            )
            .build()
            .unwrap();
        assert_eq!(id(&r, "黄埔海关缉私局"), "customs");
        let clash = AgencyRegistry::builder()
            .functions_json(r#"{"functions": [{"id": "x", "name": "法院", "gloss": "", "names": []}]}"#)
            .build()
            .unwrap_err();
        assert!(clash.to_string().contains("already a name of court"), "{clash}");
        let empty = AgencyRegistry::builder().builtin(false).build().unwrap();
        assert_eq!(empty.resolve("区法院", &[]).status, AgencyStatus::Unresolved);
    }
}
