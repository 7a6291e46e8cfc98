//! Stage 4: agency mentions to canonical agencies, the same body with the same id in every
//! jurisdiction.
//!
//! An [`AgencyRegistry`] holds a table of canonical agency *functions* (courts, public security,
//! market regulation…), loaded from `data/agencies.json` and extendable at run time. A mention
//! (`区市场监管局（知识产权局）`, `相山公安分局`, `县人民法院`) resolves by rules, not by a list of
//! known spellings:
//!
//! 1. collective mentions (`各级党委、政府`, `市直有关部门`, `各有关行政执法部门`) are marked as such;
//! 2. jurisdiction prefixes are stripped: the document's own place (`相山`, `惠州`), any chain of
//!    place names ending in 省/市/州/县/区/镇/街道…, a level character (`区法院` → `法院`), and the
//!    party-committee 委 (`市委宣传部` → `宣传部`);
//! 3. names are compared in canonical form: 人民 and 和 dropped, 分局 → 局, and 委/委员会/厅/局
//!    taken as one suffix (`县人民法院` = `区法院`, `发展和改革委员会` = `发展改革局`);
//! 4. a name matches a function exactly; or is several functions merged (`农业农村水利局`); or an
//!    abbreviation by ordered characters (`文旅体局` within `文化广电旅游体育局`, `人社局` within
//!    `人力资源和社会保障局`); or a slip with the same characters in another order
//!    (`农村农业局`); or a near-miss spelling (normalized Levenshtein, strsim);
//! 5. a body with several names (`市委宣传部（市委网信办、市版权局）`) carries every function its
//!    names resolve to.
//!
//! A mention that resolves to nothing keeps an id of its own (`unresolved:…`) and is listed as
//! unresolved: never dropped.

use crate::document::{Document, Mention};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The built-in table of agency functions.
const BUILTIN: &str = include_str!("../data/agencies.json");

/// A canonical agency function: what a body does, whatever it is called where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyFunction {
    /// Stable id (`court`, `market_regulation`).
    pub id: String,
    /// The Chinese name of the function.
    pub name: String,
    /// An English gloss.
    pub gloss: String,
    /// Names a body carrying it is written with, without jurisdiction prefix.
    pub names: Vec<String>,
}

#[derive(Deserialize)]
struct Table {
    functions: Vec<AgencyFunction>,
}

/// How a mention was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MatchRule {
    /// A name of the function, after prefixes were stripped and the form made canonical.
    Exact,
    /// Several functions in one body (`农业农村水利局`).
    Merged,
    /// An abbreviation by ordered characters (`文旅体局`).
    Abbreviation,
    /// The same characters in another order (`农村农业局`).
    Slip,
    /// A near-miss spelling.
    NearMiss,
    /// A collective mention, not one body.
    Collective,
    /// Nothing matched.
    Unresolved,
}

/// Whether a mention names one body, many, or an unknown one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AgencyStatus {
    /// A body whose functions are known.
    Resolved,
    /// Several bodies at once (`各级党委、政府`, `市直有关部门`).
    Collective,
    /// A body the table does not know; it keeps an id of its own.
    Unresolved,
}

/// The resolution of one mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolution {
    /// The canonical id of the body: a function id (`court`), functions joined by `+` for a merged
    /// body (`agriculture_rural+water_resources`), `collective:…` or `unresolved:…`.
    pub agency: String,
    /// Every canonical function the body carries (its own, its aliases', a merged body's).
    pub functions: Vec<String>,
    /// Resolved, collective or unresolved.
    pub status: AgencyStatus,
    /// How the main name was matched.
    pub rule: MatchRule,
}

/// Builds an [`AgencyRegistry`].
///
/// ```
/// let registry = policy_align::AgencyRegistry::builder()
///     .functions_json(r#"{"functions": [{"id": "ip_center", "name": "知识产权保护中心",
///         "gloss": "IP Protection Center", "names": ["知识产权保护中心"]}]}"#)
///     .near_miss(0.85)
///     .build()
///     .unwrap();
/// assert_eq!(registry.resolve("惠州市知识产权保护中心", &[]).agency, "ip_center");
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

    /// Adds functions from JSON (`{"functions": [{"id", "name", "gloss", "names"}]}`); an id
    /// already in the table gains the new names. Default: none.
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
            functions: Vec::new(),
            exact: HashMap::new(),
            near_miss: self.near_miss,
        };
        if self.builtin {
            registry.extend_from_json(BUILTIN)?;
        }
        for json in &self.extra {
            registry.extend_from_json(json)?;
        }
        Ok(registry)
    }
}

/// The table of canonical agency functions and the rules that resolve mentions to them.
#[derive(Debug, Clone)]
pub struct AgencyRegistry {
    functions: Vec<AgencyFunction>,
    /// Canonical form of every name → function index.
    exact: HashMap<String, usize>,
    near_miss: f64,
}

impl Default for AgencyRegistry {
    fn default() -> Self {
        AgencyRegistry::builder().build().expect("the built-in table is valid")
    }
}

/// Words that make a mention collective.
pub(crate) fn is_collective(text: &str) -> bool {
    let t = text.trim();
    t.starts_with('各')
        || t.contains("有关")
        || t.contains("相关部门")
        || t.contains("相关单位")
        || t.ends_with("各部门")
        || t.ends_with("各单位")
        || ["市直", "区直", "县直", "州直", "省直"]
            .iter()
            .any(|p| t.starts_with(p) && t.ends_with("部门"))
}

/// Suffixes taken as one (委/委员会/厅/局), and the other suffixes a name may end with.
fn canon(name: &str) -> String {
    let mut s: String = name
        .replace("人民", "")
        .replace('和', "")
        .replace("分局", "局")
        .replace("分院", "院");
    if s.chars().count() >= 2 {
        for (from, to) in [("委员会", "局"), ("办公厅", "办公室"), ("厅", "局"), ("委", "局")] {
            if s.ends_with(from) && s.len() > from.len() {
                s.truncate(s.len() - from.len());
                s.push_str(to);
                break;
            }
        }
    }
    s
}

/// Is `short` a subsequence of `long`?
fn subsequence(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().all(|c| it.any(|l| l == c))
}

const LEVELS: [char; 8] = ['省', '市', '州', '县', '区', '镇', '乡', '旗'];

impl AgencyRegistry {
    /// The registry with the built-in table.
    pub fn new() -> AgencyRegistry {
        AgencyRegistry::default()
    }

    /// A builder: start from the built-in table or not, add functions, set the near-miss threshold.
    pub fn builder() -> AgencyRegistryBuilder {
        AgencyRegistryBuilder::default()
    }

    /// The functions in the table.
    pub fn functions(&self) -> &[AgencyFunction] {
        &self.functions
    }

    /// The function with this id.
    pub fn function(&self, id: &str) -> Option<&AgencyFunction> {
        self.functions.iter().find(|f| f.id == id)
    }

    /// Adds functions from JSON (`{"functions": [...]}`); an id already in the table gains the
    /// new names. Fails, changing nothing, on malformed JSON or on a name that is already a name
    /// of another function.
    pub fn extend_from_json(&mut self, json: &str) -> Result<()> {
        let table: Table = serde_json::from_str(json).map_err(|e| Error::InvalidOption {
            option: "agency table",
            message: format!("line {}, column {}: {e}", e.line(), e.column()),
        })?;
        // All or nothing: a table that would merge two functions leaves the registry as it was.
        let mut next = self.clone();
        next.apply(table)?;
        *self = next;
        Ok(())
    }

    fn apply(&mut self, table: Table) -> Result<()> {
        for f in table.functions {
            let k = match self.functions.iter().position(|g| g.id == f.id) {
                Some(k) => {
                    let g = &mut self.functions[k];
                    for n in f.names {
                        if !g.names.contains(&n) {
                            g.names.push(n);
                        }
                    }
                    k
                }
                None => {
                    self.functions.push(f);
                    self.functions.len() - 1
                }
            };
            let names = std::iter::once(self.functions[k].name.clone()).chain(self.functions[k].names.clone());
            for n in names {
                match self.exact.get(&canon(&n)) {
                    Some(&other) if other != k => {
                        return Err(Error::InvalidOption {
                            option: "agency table",
                            message: format!(
                                "name {n} of {} is already a name of {}: two functions would merge",
                                self.functions[k].id, self.functions[other].id
                            ),
                        });
                    }
                    _ => {
                        self.exact.insert(canon(&n), k);
                    }
                }
            }
        }
        Ok(())
    }

    /// The names to try for a mention, least stripped first: the document's places, chains of
    /// place names, a level character, the party-committee 委.
    fn candidates(&self, name: &str, places: &[&str]) -> Vec<String> {
        // Every way of stripping, breadth first: a chain of places can swallow part of a name
        // (`区住房和城乡|建设局`), so the level character alone is tried too.
        let mut out = vec![name.to_owned()];
        let mut k = 0;
        while k < out.len() && out.len() < 16 {
            let cur = out[k].clone();
            k += 1;
            let chars = cur.chars().count();
            let mut next: Vec<String> = places
                .iter()
                .filter(|p| !p.is_empty() && cur.starts_with(**p) && cur.len() > p.len())
                .map(|p| cur[p.len()..].to_owned())
                .collect();
            if let Some(p) = crate::document::place_prefix(&cur).filter(|p| p.len() < cur.len()) {
                next.push(cur[p.len()..].to_owned());
            }
            if let Some(first) = cur.chars().next()
                && ((chars >= 2 && LEVELS.contains(&first)) || (chars >= 3 && first == '委'))
            {
                next.push(cur[first.len_utf8()..].to_owned());
            }
            for n in next {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        // Least stripped first.
        out.sort_by_key(|c| std::cmp::Reverse(c.len()));
        out
    }

    /// Resolves one name (no aliases). `places` are the document's own place names (`相山区`,
    /// `相山`), stripped as prefixes.
    ///
    /// ```
    /// let r = policy_align::AgencyRegistry::new();
    /// assert_eq!(r.resolve("县人民法院", &[]).agency, "court");
    /// assert_eq!(r.resolve("相山公安分局", &["相山区", "相山"]).agency, "public_security");
    /// assert_eq!(r.resolve("区文旅体局", &[]).agency, "culture_tourism");
    /// assert_eq!(r.resolve("区农业农村水利局", &[]).functions, ["agriculture_rural", "water_resources"]);
    /// assert_eq!(r.resolve("市直有关部门", &[]).status, policy_align::AgencyStatus::Collective);
    /// ```
    pub fn resolve(&self, name: &str, places: &[&str]) -> Resolution {
        if is_collective(name) {
            return Resolution {
                agency: format!("collective:{name}"),
                functions: Vec::new(),
                status: AgencyStatus::Collective,
                rule: MatchRule::Collective,
            };
        }
        let candidates = self.candidates(name, places);
        let canons: Vec<String> = candidates.iter().map(|c| canon(c)).collect();
        let found = canons
            .iter()
            .find_map(|c| self.exact.get(c))
            .map(|&k| (vec![k], MatchRule::Exact))
            .or_else(|| {
                canons
                    .iter()
                    .find_map(|c| self.merged(c))
                    .map(|parts| (parts, MatchRule::Merged))
            })
            .or_else(|| self.match_fuzzy(&canons))
            .or_else(|| self.unknown_place(name));
        match found {
            Some((functions, rule)) => {
                let ids: Vec<String> = functions.iter().map(|&k| self.functions[k].id.clone()).collect();
                Resolution {
                    agency: ids.join("+"),
                    functions: ids,
                    status: AgencyStatus::Resolved,
                    rule,
                }
            }
            None => {
                // The most stripped candidate that is still a name keeps the same id across levels.
                let core = candidates
                    .iter()
                    .rev()
                    .find(|c| c.chars().count() >= 2)
                    .unwrap_or(&candidates[0]);
                Resolution {
                    agency: format!("unresolved:{core}"),
                    functions: Vec::new(),
                    status: AgencyStatus::Unresolved,
                    rule: MatchRule::Unresolved,
                }
            }
        }
    }

    /// A place name the rules do not know (`广州海关`): a prefix of two to four characters whose
    /// rest is a name of the table.
    fn unknown_place(&self, name: &str) -> Option<(Vec<usize>, MatchRule)> {
        name.char_indices()
            .skip(2)
            .take(3)
            .filter(|&(i, _)| name[i..].chars().count() >= 2)
            .find_map(|(i, _)| self.exact.get(&canon(&name[i..])))
            .map(|&k| (vec![k], MatchRule::Exact))
    }

    fn match_fuzzy(&self, canons: &[String]) -> Option<(Vec<usize>, MatchRule)> {
        for c in canons {
            let n = c.chars().count();
            if n < 3 {
                continue;
            }
            let (first, last) = (c.chars().next()?, c.chars().next_back()?);
            // Abbreviation: ordered characters of a longer name with the same first and last.
            let mut best: Option<(usize, usize)> = None; // (length, function)
            let mut tie = false;
            for (name, &k) in &self.exact {
                let m = name.chars().count();
                if m > n && name.starts_with(first) && name.ends_with(last) && subsequence(c, name) {
                    match best {
                        Some((len, f)) if m == len && f != k => tie = true,
                        Some((len, _)) if m >= len => {}
                        _ => {
                            best = Some((m, k));
                            tie = false;
                        }
                    }
                }
            }
            if let (Some((_, k)), false) = (best, tie) {
                return Some((vec![k], MatchRule::Abbreviation));
            }
            // Slip: the same characters in another order.
            if n >= 4 {
                let mut sorted: Vec<char> = c.chars().collect();
                sorted.sort_unstable();
                let slips: BTreeSet<usize> = self
                    .exact
                    .iter()
                    .filter(|(name, _)| {
                        name.len() == c.len() && {
                            let mut s: Vec<char> = name.chars().collect();
                            s.sort_unstable();
                            s == sorted
                        }
                    })
                    .map(|(_, &k)| k)
                    .collect();
                if slips.len() == 1 {
                    return Some((slips.into_iter().collect(), MatchRule::Slip));
                }
            }
            // Near miss: a spelling close to a name of the same suffix.
            if n >= 5 && self.near_miss < 1.0 {
                let mut scored: Vec<(f64, usize, &String)> = self
                    .exact
                    .iter()
                    .filter(|(name, _)| name.ends_with(last))
                    .map(|(name, &k)| (strsim::normalized_levenshtein(c, name), k, name))
                    .filter(|&(s, _, _)| s >= self.near_miss)
                    .collect();
                scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.2.cmp(b.2)));
                if let Some(&(score, k, _)) = scored.first()
                    && scored.iter().all(|&(s, f, _)| f == k || s < score)
                {
                    return Some((vec![k], MatchRule::NearMiss));
                }
            }
        }
        None
    }

    /// A name made of several functions' names (`农业农村水利局` = 农业农村 + 水利).
    fn merged(&self, c: &str) -> Option<Vec<usize>> {
        let stem = c.strip_suffix('局')?;
        if stem.is_empty() {
            return None;
        }
        // Stems of the table's bureau names.
        let stems: Vec<(&str, usize)> = self
            .exact
            .iter()
            .filter_map(|(n, &k)| n.strip_suffix('局').filter(|s| s.chars().count() >= 2).map(|s| (s, k)))
            .collect();
        // Longest-first segmentation of the stem into table stems.
        let mut parts = Vec::new();
        let mut rest = stem;
        while !rest.is_empty() {
            let (s, k) = stems
                .iter()
                .filter(|(s, _)| rest.starts_with(s))
                .max_by_key(|(s, _)| s.len())?;
            if !parts.contains(k) {
                parts.push(*k);
            }
            rest = &rest[s.len()..];
        }
        (parts.len() >= 2).then_some(parts)
    }

    /// Resolves a mention: its main name gives the id, and its aliases add their functions
    /// (`区市场监管局（知识产权局）` → `market_regulation` with `market_regulation`, `ip_office`).
    pub fn resolve_mention(&self, mention: &Mention, places: &[&str]) -> Resolution {
        let mut r = self.resolve(&mention.name, places);
        for alias in &mention.aliases {
            let a = self.resolve(alias, places);
            if r.status != AgencyStatus::Resolved && a.status == AgencyStatus::Resolved {
                r.agency = a.agency.clone();
                r.status = AgencyStatus::Resolved;
                r.rule = a.rule;
            }
            for f in a.functions {
                if !r.functions.contains(&f) {
                    r.functions.push(f);
                }
            }
        }
        r
    }

    /// Resolves every mention of a document: measures' clauses and annex task units.
    pub fn resolve_document(&self, doc: &Document) -> DocumentAgencies {
        let places = document_places(doc);
        let places: Vec<&str> = places.iter().map(String::as_str).collect();
        // A document names the same bodies again and again: resolve each written form once.
        // The same text gives the same name and aliases, so the text keys the cache.
        let mut seen: HashMap<String, Resolution> = HashMap::new();
        let mut resolve = |x: &Mention| -> Resolution {
            if let Some(r) = seen.get(&x.text) {
                return r.clone();
            }
            let r = self.resolve_mention(x, &places);
            seen.insert(x.text.clone(), r.clone());
            r
        };
        DocumentAgencies {
            document: doc.name.clone(),
            measures: doc
                .measures
                .iter()
                .map(|m| m.mentions().iter().map(&mut resolve).collect())
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
    let mut out = Vec::new();
    let bodies = doc.meta.issuers.iter().chain(std::iter::once(&doc.meta.title));
    for place in doc
        .meta
        .jurisdiction
        .iter()
        .cloned()
        .chain(bodies.filter_map(|b| crate::document::jurisdiction_of(b)))
    {
        for suffix in [
            "自治州",
            "自治县",
            "自治区",
            "地区",
            "街道",
            "省",
            "市",
            "州",
            "县",
            "区",
            "镇",
            "乡",
            "旗",
            "",
        ] {
            if let Some(short) = place.strip_suffix(suffix)
                && short.chars().count() >= 2
                && !out.contains(&short.to_owned())
            {
                out.push(short.to_owned());
            }
        }
        if !out.contains(&place) {
            out.push(place);
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
    /// Every mention of `doc` (measures' clauses, then annex task units) with its resolution.
    /// `doc` must be the document these resolutions were made for.
    pub fn mentions<'a>(&'a self, doc: &'a Document) -> impl Iterator<Item = (&'a Mention, &'a Resolution)> {
        let measures = doc
            .measures
            .iter()
            .zip(&self.measures)
            .flat_map(|(m, r)| m.mentions().iter().zip(r));
        let annex = doc
            .annex_tasks()
            .zip(&self.annex)
            .flat_map(|(t, r)| t.units.iter().zip(r));
        measures.chain(annex)
    }
}

impl Resolution {
    /// What the mention counts as in cross-walks, graphs and features: its functions, or its
    /// own id when it has none (collective and unresolved bodies).
    pub fn keys(&self) -> Vec<String> {
        if self.functions.is_empty() {
            vec![self.agency.clone()]
        } else {
            self.functions.clone()
        }
    }
}

/// A canonical agency with the names seen for it in each document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agency {
    /// The canonical id.
    pub id: String,
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
    pub agencies: BTreeMap<String, Agency>,
}

impl AgencyIndex {
    /// Collects the agencies of documents already resolved (`resolved[i]` for `docs[i]`).
    pub fn build(registry: &AgencyRegistry, docs: &[&Document], resolved: &[DocumentAgencies]) -> AgencyIndex {
        let mut index = AgencyIndex::default();
        for (doc, res) in docs.iter().zip(resolved) {
            for (mention, r) in res.mentions(doc) {
                let agency = index.agencies.entry(r.agency.clone()).or_insert_with(|| {
                    let (name, gloss) = match r.status {
                        AgencyStatus::Resolved => {
                            let fs: Vec<&AgencyFunction> =
                                r.functions.iter().filter_map(|f| registry.function(f)).collect();
                            let main: Vec<&AgencyFunction> =
                                r.agency.split('+').filter_map(|f| registry.function(f)).collect();
                            let pick = if main.is_empty() { fs } else { main };
                            (
                                pick.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join("、"),
                                pick.iter().map(|f| f.gloss.as_str()).collect::<Vec<_>>().join(" + "),
                            )
                        }
                        _ => (
                            r.agency.split_once(':').map_or(r.agency.clone(), |(_, n)| n.to_owned()),
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
                });
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
        index
    }

    /// The agencies no rule resolved.
    pub fn unresolved(&self) -> impl Iterator<Item = &Agency> {
        self.agencies.values().filter(|a| a.status == AgencyStatus::Unresolved)
    }
}

/// One row of an agency cross-walk: a function, and the names each side gives the bodies that
/// carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CrosswalkRow {
    /// The function id, or the id of a collective or unresolved body.
    pub id: String,
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
    /// The cross-walk of two resolved documents.
    pub fn new(
        registry: &AgencyRegistry,
        (left, left_res): (&Document, &DocumentAgencies),
        (right, right_res): (&Document, &DocumentAgencies),
    ) -> Crosswalk {
        let mut rows: BTreeMap<String, CrosswalkRow> = BTreeMap::new();
        for (side, doc, res) in [(0, left, left_res), (1, right, right_res)] {
            for (mention, r) in res.mentions(doc) {
                let keys = r.keys();
                for key in keys {
                    let row = rows.entry(key.clone()).or_insert_with(|| {
                        let (name, gloss) = match registry.function(&key) {
                            Some(f) => (f.name.clone(), f.gloss.clone()),
                            None => (
                                key.split_once(':').map_or(key.clone(), |(_, n)| n.to_owned()),
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
        let order = |id: &str| {
            registry
                .functions()
                .iter()
                .position(|f| f.id == id)
                .unwrap_or(usize::MAX)
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
        walk
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(r: &AgencyRegistry, name: &str) -> String {
        r.resolve(name, &[]).agency
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
        assert_eq!(r.resolve("相山公安分局", &["相山区", "相山"]).agency, "public_security");
        assert_eq!(r.resolve("雪岭州公安局", &[]).agency, "public_security");
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
            (slip.agency.as_str(), slip.rule),
            ("agriculture_rural", MatchRule::Slip)
        );
        let abbr = r.resolve("区文广体旅局", &[]);
        assert_eq!(
            (abbr.agency.as_str(), abbr.rule),
            ("culture_tourism", MatchRule::Abbreviation)
        );
        let typo = r.resolve("市场监督管里局", &[]);
        assert_eq!(
            (typo.agency.as_str(), typo.rule),
            ("market_regulation", MatchRule::NearMiss)
        );
    }

    #[test]
    fn merged_bodies_keep_both_functions() {
        let r = AgencyRegistry::new();
        let m = r.resolve("区农业农村水利局", &[]);
        assert_eq!(
            (m.agency.as_str(), m.rule),
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
            (u.status, u.agency.as_str()),
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
        assert_eq!(r.resolve("黄埔海关缉私局", &[]).agency, "customs");
        let clash = AgencyRegistry::builder()
            .functions_json(r#"{"functions": [{"id": "x", "name": "法院", "gloss": "", "names": []}]}"#)
            .build()
            .unwrap_err();
        assert!(clash.to_string().contains("already a name of court"), "{clash}");
        let empty = AgencyRegistry::builder().builtin(false).build().unwrap();
        assert_eq!(empty.resolve("区法院", &[]).status, AgencyStatus::Unresolved);
    }
}
