//! What a mention resolves to: the canonical id of a body, its functions, how it was matched.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A kind of body (a public security bureau, a court, an administration for industry and
/// commerce), the same at every level and in every jurisdiction, with the functions it
/// carries and, for a body a reform dissolved, the bodies that took it over.
///
/// Two identities follow from it: the *body* (`industry_commerce` and `quality_supervision`
/// are two bodies; 区法院 and 市法院 are the same kind of body, `court`, at two levels) and the
/// *function* (both bureaus carried `market_regulation`). A function is named by the id of
/// the body of today that carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyBody {
    /// Stable id (`court`, `market_regulation`, `industry_commerce`).
    pub id: String,
    /// The Chinese name of the body.
    pub name: String,
    /// An English gloss.
    pub gloss: String,
    /// Names a body of this kind is written with below the centre, without jurisdiction
    /// prefix (`公安局`, `公安厅`, `公安分局`).
    pub names: Vec<String>,
    /// Names of its central counterpart (`公安部`, `海关总署`, `最高人民法院`). Default: none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub central: Vec<String>,
    /// The functions it carries, as ids of bodies of today. Default: its own id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<String>,
    /// The year a reform created it, when known. Default: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<u16>,
    /// The year a reform dissolved it (`工商局`: 2018). Default: none (a body of today).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<u16>,
    /// The bodies that took it over, by id (`industry_commerce` → `market_regulation`).
    /// Default: none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub successors: Vec<String>,
}

impl AgencyBody {
    /// The functions it carries: [`AgencyBody::functions`], or its own id when that is empty.
    pub fn carries(&self) -> Vec<String> {
        if self.functions.is_empty() {
            vec![self.id.clone()]
        } else {
            self.functions.clone()
        }
    }

    /// Whether it is a body of today (no reform dissolved it).
    pub fn is_current(&self) -> bool {
        self.until.is_none()
    }
}

/// The canonical id of a body, as every report and export writes it.
///
/// Its text form ([`Display`](std::fmt::Display), JSON, CSV) is the body's id for one kind of
/// body (`court`, `industry_commerce`), the ids joined by `+` for a merged bureau
/// (`agriculture_rural+water_resources`), `collective:` and the words written for a collective
/// mention (`collective:市直有关部门`), and `unresolved:` and the body's name without its
/// jurisdiction for a body the table does not know (`unresolved:珠宝玉石鉴定站`). Ids order by
/// that text form. [`AgencyId::parse`] reads it back.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AgencyId {
    /// One kind of body ([`AgencyBody`]), by its id.
    Body(String),
    /// A merged bureau: several kinds of body in one, in the order its name gives them.
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
            AgencyId::Body(f) => Cow::Borrowed(f),
            AgencyId::Merged(fs) => Cow::Owned(fs.join("+")),
            AgencyId::Collective(n) => Cow::Owned(format!("collective:{n}")),
            AgencyId::Unresolved(n) => Cow::Owned(format!("unresolved:{n}")),
        }
    }

    /// Reads an id back from its text form.
    ///
    /// ```
    /// use policy_align::AgencyId;
    /// assert_eq!(AgencyId::parse("court"), AgencyId::Body("court".into()));
    /// assert_eq!(AgencyId::parse("unresolved:鉴定站"), AgencyId::Unresolved("鉴定站".into()));
    /// let merged = AgencyId::parse("agriculture_rural+water_resources");
    /// assert_eq!(merged.bodies(), ["agriculture_rural", "water_resources"]);
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
            AgencyId::Body(text.to_owned())
        }
    }

    /// The kinds of body the id names (none for collective and unresolved bodies).
    pub fn bodies(&self) -> &[String] {
        match self {
            AgencyId::Body(f) => std::slice::from_ref(f),
            AgencyId::Merged(fs) => fs,
            _ => &[],
        }
    }

    /// The name written for a collective or unresolved body; `None` for known bodies.
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
    /// A unit inside a known body (`市公安局网安支队`, `市市场监管局高新区分局`): the body.
    Part,
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
    /// The canonical id of the body (its kind: `court` for every court).
    pub agency: AgencyId,
    /// Every function the body carries (its own, its aliases', a merged body's), as ids of
    /// bodies of today: `market_regulation` for 市工商局.
    pub functions: Vec<String>,
    /// Resolved, collective or unresolved.
    pub status: AgencyStatus,
    /// How the main name was matched.
    pub rule: MatchRule,
    /// For an unresolved body, the closest kinds of body in the table (by id, closest first),
    /// for a reader to check; empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<String>,
}

impl Resolution {
    /// What the mention counts as when agencies are compared by function (cross-walks,
    /// graphs and features): each of its functions, or its own id when it has none
    /// (collective and unresolved bodies).
    pub fn keys(&self) -> Vec<AgencyId> {
        if self.functions.is_empty() {
            vec![self.agency.clone()]
        } else {
            self.functions.iter().cloned().map(AgencyId::Body).collect()
        }
    }
}
