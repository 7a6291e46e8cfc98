//! What a mention resolves to: the canonical id of a body, its functions, how it was matched.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

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

/// The canonical id of a body, as every report and export writes it.
///
/// Its text form ([`Display`](std::fmt::Display), JSON, CSV) is the function id for a body with
/// one function (`court`), the function ids joined by `+` for a merged bureau
/// (`agriculture_rural+water_resources`), `collective:` and the words written for a collective
/// mention (`collective:市直有关部门`), and `unresolved:` and the body's name without its
/// jurisdiction for a body the table does not know (`unresolved:珠宝玉石鉴定站`). Ids order by
/// that text form. [`AgencyId::parse`] reads it back.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AgencyId {
    /// A body carrying one canonical function.
    Function(String),
    /// A merged bureau carrying several functions, in the order its name gives them.
    Merged(Vec<String>),
    /// Several bodies at once (`各级党委、政府`), by the words written.
    Collective(String),
    /// A body no rule resolved, by its name without jurisdiction.
    Unresolved(String),
}

impl AgencyId {
    /// The text form (see the type's documentation).
    pub fn as_text(&self) -> Cow<'_, str> {
        match self {
            AgencyId::Function(f) => Cow::Borrowed(f),
            AgencyId::Merged(fs) => Cow::Owned(fs.join("+")),
            AgencyId::Collective(n) => Cow::Owned(format!("collective:{n}")),
            AgencyId::Unresolved(n) => Cow::Owned(format!("unresolved:{n}")),
        }
    }

    /// Reads an id back from its text form.
    ///
    /// ```
    /// use policy_align::AgencyId;
    /// assert_eq!(AgencyId::parse("court"), AgencyId::Function("court".into()));
    /// assert_eq!(AgencyId::parse("unresolved:鉴定站"), AgencyId::Unresolved("鉴定站".into()));
    /// let merged = AgencyId::parse("agriculture_rural+water_resources");
    /// assert_eq!(merged.functions(), ["agriculture_rural", "water_resources"]);
    /// assert_eq!(merged.to_string(), "agriculture_rural+water_resources");
    /// ```
    pub fn parse(text: &str) -> AgencyId {
        if let Some(n) = text.strip_prefix("collective:") {
            AgencyId::Collective(n.to_owned())
        } else if let Some(n) = text.strip_prefix("unresolved:") {
            AgencyId::Unresolved(n.to_owned())
        } else if text.contains('+') {
            AgencyId::Merged(text.split('+').map(str::to_owned).collect())
        } else {
            AgencyId::Function(text.to_owned())
        }
    }

    /// The functions the id names (none for collective and unresolved bodies).
    pub fn functions(&self) -> &[String] {
        match self {
            AgencyId::Function(f) => std::slice::from_ref(f),
            AgencyId::Merged(fs) => fs,
            _ => &[],
        }
    }

    /// The name written for a collective or unresolved body; `None` for functions.
    pub fn written_name(&self) -> Option<&str> {
        match self {
            AgencyId::Collective(n) | AgencyId::Unresolved(n) => Some(n),
            _ => None,
        }
    }
}

impl std::fmt::Display for AgencyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.as_text())
    }
}

impl PartialEq<str> for AgencyId {
    /// Compares the text form: `id == "court"`.
    fn eq(&self, other: &str) -> bool {
        self.as_text() == other
    }
}

impl PartialEq<&str> for AgencyId {
    fn eq(&self, other: &&str) -> bool {
        self.as_text() == *other
    }
}

impl Serialize for AgencyId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_text())
    }
}

impl PartialOrd for AgencyId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for AgencyId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_text().cmp(&other.as_text())
    }
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

impl AgencyStatus {
    /// The status's name in JSON, CSV and GraphML (`resolved`, `collective`, `unresolved`).
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyStatus::Resolved => "resolved",
            AgencyStatus::Collective => "collective",
            AgencyStatus::Unresolved => "unresolved",
        }
    }
}

/// The resolution of one mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolution {
    /// The canonical id of the body.
    pub agency: AgencyId,
    /// Every canonical function the body carries (its own, its aliases', a merged body's).
    pub functions: Vec<String>,
    /// Resolved, collective or unresolved.
    pub status: AgencyStatus,
    /// How the main name was matched.
    pub rule: MatchRule,
}

impl Resolution {
    /// What the mention counts as in cross-walks, graphs and features: each of its functions,
    /// or its own id when it has none (collective and unresolved bodies).
    pub fn keys(&self) -> Vec<AgencyId> {
        if self.functions.is_empty() {
            vec![self.agency.clone()]
        } else {
            self.functions.iter().cloned().map(AgencyId::Function).collect()
        }
    }
}
