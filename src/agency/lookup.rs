//! How one name resolves: the document's places and the levels stripped, central offices,
//! the exact and fuzzy rules, merged bureaus, aliases and abbreviations defined in the text.

use super::id::{AgencyId, AgencyStatus, MatchRule, Resolution};
use super::registry::AgencyRegistry;
use super::rules::{canon, closest, is_collective, match_fuzzy, merged, unknown_place};
use crate::document::Mention;
use crate::lexicon::places::{is_alone_level, place_prefix};

impl AgencyRegistry {
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
            if let Some(p) = place_prefix(&cur).filter(|p| p.len() < cur.len()) {
                next.push(cur[p.len()..].to_owned());
            }
            if let Some(first) = cur.chars().next()
                && ((chars >= 2 && is_alone_level(first)) || (chars >= 3 && first == '委'))
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
    /// assert_eq!(r.resolve("县人民法院", &[]).agency.to_string(), "court");
    /// assert_eq!(r.resolve("相山公安分局", &["相山区", "相山"]).agency.to_string(), "public_security");
    /// assert_eq!(r.resolve("区文旅体局", &[]).agency.to_string(), "culture_tourism");
    /// assert_eq!(r.resolve("区农业农村水利局", &[]).functions, ["agriculture_rural", "water_resources"]);
    /// assert_eq!(r.resolve("市直有关部门", &[]).status, policy_align::AgencyStatus::Collective);
    /// ```
    pub fn resolve(&self, name: &str, places: &[&str]) -> Resolution {
        // Traditional script resolves through its simplified form (`市場監管局`).
        let simple = crate::script::simplify(name);
        let name: &str = &simple;
        if is_collective(name) {
            return Resolution {
                agency: AgencyId::Collective(name.to_owned()),
                functions: Vec::new(),
                status: AgencyStatus::Collective,
                rule: MatchRule::Collective,
                candidates: Vec::new(),
            };
        }
        if let Some(r) = self.central_branch(name, places) {
            return r;
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
                    .find_map(|c| merged(&self.index, c))
                    .map(|parts| (parts, MatchRule::Merged))
            })
            .or_else(|| match_fuzzy(&self.index, self.near_miss, &canons))
            .or_else(|| unknown_place(&self.exact, name))
            .or_else(|| self.part_of(&candidates).map(|k| (vec![k], MatchRule::Part)));
        match found.map(|(bodies, rule)| (self.merged_of_today(bodies, rule), rule)) {
            Some((bodies, rule)) => {
                let ids: Vec<String> = bodies.iter().map(|&k| self.bodies[k].id.clone()).collect();
                let mut functions: Vec<String> = Vec::new();
                for f in bodies.iter().flat_map(|&k| self.bodies[k].carries()) {
                    if !functions.contains(&f) {
                        functions.push(f);
                    }
                }
                let agency = match ids.as_slice() {
                    [one] => AgencyId::Body(one.clone()),
                    _ => AgencyId::Merged(ids),
                };
                Resolution {
                    agency,
                    functions,
                    status: AgencyStatus::Resolved,
                    rule,
                    candidates: Vec::new(),
                }
            }
            None => {
                // The most stripped candidate that is still a name keeps the same id across levels.
                let core = candidates
                    .iter()
                    .rev()
                    .find(|c| c.chars().count() >= 2)
                    .unwrap_or(&candidates[0]);
                let near = closest(&self.exact, &canon(core), 3);
                Resolution {
                    agency: AgencyId::Unresolved(core.clone()),
                    functions: Vec::new(),
                    status: AgencyStatus::Unresolved,
                    rule: MatchRule::Unresolved,
                    candidates: near.into_iter().map(|k| self.bodies[k].id.clone()).collect(),
                }
            }
        }
    }

    /// A local office named after its central body (`国家税务总局青禾市税务局`,
    /// `中国人民银行青禾市中心支行`, `国家金融监督管理总局岚江监管局`): a central name, then a
    /// place and either the same kind of body or a branch word (`data/lexicon/branches.txt`).
    fn central_branch(&self, name: &str, places: &[&str]) -> Option<Resolution> {
        let (k, rest) = self
            .central
            .iter()
            .filter(|(c, _)| name.len() > c.len() && name.starts_with(c.as_str()))
            .map(|(c, k)| (*k, &name[c.len()..]))
            .next()?;
        let tail = self.resolve(rest, places);
        let same = tail.agency.bodies() == [self.bodies[k].id.clone()];
        let branch = || {
            let stripped = self.candidates(rest, places);
            stripped.iter().any(|c| crate::lexicon::orgs::is_branch(c)) || crate::lexicon::orgs::is_place_branch(rest)
        };
        (same || branch()).then(|| Resolution {
            agency: AgencyId::Body(self.bodies[k].id.clone()),
            functions: self.bodies[k].carries(),
            status: AgencyStatus::Resolved,
            rule: MatchRule::Exact,
            candidates: Vec::new(),
        })
    }

    /// A merged bureau whose name mixes bodies of today with bodies a reform dissolved
    /// (`旅游和文化广电体育局`: 旅游, 文化, 广电, 体育) was named after that reform: its dissolved
    /// parts stand for their successors (`culture_tourism+radio_tv+sports`). A bureau made only
    /// of dissolved bodies (`工商质监局`) keeps them.
    fn merged_of_today(&self, bodies: Vec<usize>, rule: MatchRule) -> Vec<usize> {
        let current = |k: &usize| self.bodies[*k].is_current();
        if rule != MatchRule::Merged || bodies.iter().all(current) || !bodies.iter().any(current) {
            return bodies;
        }
        let mut out: Vec<usize> = Vec::new();
        for k in bodies {
            let today: Vec<usize> = if current(&k) {
                vec![k]
            } else {
                self.successors(&self.bodies[k].id)
                    .iter()
                    .filter_map(|(b, _)| self.bodies.iter().position(|x| x.id == b.id))
                    .collect()
            };
            for t in today {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        out
    }

    /// Resolves a mention: its main name gives the id, and its aliases add their functions
    /// (see [`AgencyRegistry::resolve_mention`]); a name the document defined as short for
    /// another (`以下简称市双打办`, in `abbreviations` as `(short, full)`) resolves as the full name.
    pub fn resolve_mention_in(
        &self,
        mention: &Mention,
        places: &[&str],
        abbreviations: &[(String, String)],
    ) -> Resolution {
        let full = abbreviations
            .iter()
            .find(|(short, _)| *short == mention.name)
            .map(|(_, full)| full);
        match full {
            Some(full) => {
                let expanded = Mention {
                    name: full.clone(),
                    aliases: vec![mention.name.clone()],
                    ..mention.clone()
                };
                self.resolve_mention(&expanded, places)
            }
            None => self.resolve_mention(mention, places),
        }
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

    /// A unit inside a known body: the longest start of a candidate that is a name of the table
    /// and ends like a body (局, 院, 部…), followed by at most twelve characters ending like a
    /// unit (`data/lexicon/units.txt`).
    fn part_of(&self, candidates: &[String]) -> Option<usize> {
        candidates.iter().find_map(|c| {
            c.char_indices().rev().map(|(i, _)| i).filter(|&i| i > 0).find_map(|i| {
                let (body, unit) = c.split_at(i);
                let short = unit.chars().count() <= 12;
                (short && crate::lexicon::orgs::ends_like_agency(body) && crate::lexicon::orgs::ends_like_unit(unit))
                    .then(|| self.exact.get(&canon(body)).copied())
                    .flatten()
            })
        })
    }
}
