//! Where a document comes from: its jurisdiction's administrative level and province, from the
//! table of China's administrative divisions (`data/divisions.tsv`: GB/T 2260 codes and names of
//! provinces, prefecture-level and county-level divisions).

use crate::document::Document;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// An administrative level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Level {
    /// The central government, the party centre and their ministries.
    Central,
    /// A province, autonomous region or municipality directly under the centre.
    Province,
    /// A prefecture-level division (地级市, 自治州, 盟, 地区).
    Prefecture,
    /// A county-level division (区, 县, 县级市, 旗), those a province administers directly too.
    County,
    /// A township (乡, 镇, 街道).
    Township,
}

impl Level {
    /// `central`, `province`, `prefecture`, `county` or `township`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Central => "central",
            Level::Province => "province",
            Level::Prefecture => "prefecture",
            Level::County => "county",
            Level::Township => "township",
        }
    }
}

/// A document's place: its jurisdiction, administrative level, province and division code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The division's name (`相山区`), or the document's jurisdiction as written.
    pub name: String,
    /// Its level.
    pub level: Level,
    /// The GB/T 2260 code (`340603`); `None` for the centre and for townships.
    pub code: Option<String>,
    /// The province's name (`安徽省`), `None` for the centre.
    pub province: Option<String>,
    /// The prefecture-level division a county belongs to (`淮北市`), when there is one; for a
    /// township, the county it lies in, when the document names it.
    pub prefecture: Option<String>,
}

impl Place {
    /// Whether `other` lies inside this place (a province holds its prefectures and counties,
    /// a prefecture its counties; the centre holds every place).
    pub fn contains(&self, other: &Place) -> bool {
        match (self.level, &self.code, &other.code) {
            (Level::Central, _, _) => other.level != Level::Central,
            (Level::Province, Some(a), Some(b)) => a != b && a[..2] == b[..2],
            (Level::Prefecture, Some(a), Some(b)) => a != b && a[..4] == b[..4],
            (Level::Province | Level::Prefecture | Level::County, Some(_), None) => {
                other.level == Level::Township && other.prefecture.as_deref() == Some(&self.name)
            }
            _ => false,
        }
    }
}

/// The divisions by code, and the codes of each name.
struct Divisions {
    names: HashMap<String, String>,
    by_name: HashMap<String, Vec<String>>,
}

static DIVISIONS: LazyLock<Divisions> = LazyLock::new(|| {
    let mut names = HashMap::new();
    let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
    for line in include_str!("../../data/divisions.tsv").lines() {
        let Some((code, name)) = line.split_once('\t').filter(|_| !line.starts_with('#')) else {
            continue;
        };
        names.insert(code.to_owned(), name.to_owned());
        by_name.entry(name.to_owned()).or_default().push(code.to_owned());
    }
    Divisions { names, by_name }
});

/// The level a code stands for.
fn level_of(code: &str) -> Level {
    if code.ends_with("0000") {
        Level::Province
    } else if code.ends_with("00") {
        Level::Prefecture
    } else {
        Level::County
    }
}

/// A name without its suffix, as documents often write it in running text (`淮北` for `淮北市`).
fn short(name: &str) -> &str {
    for suffix in [
        "特别行政区",
        "维吾尔自治区",
        "壮族自治区",
        "回族自治区",
        "自治区",
        "自治州",
        "省",
        "市",
        "地区",
        "盟",
    ] {
        if let Some(s) = name.strip_suffix(suffix).filter(|s| s.chars().count() >= 2) {
            return s;
        }
    }
    name
}

/// The place of a division code.
fn place_of_code(code: &str) -> Place {
    let d = &*DIVISIONS;
    let name = d.names.get(code).cloned().unwrap_or_default();
    let level = level_of(code);
    let province = d.names.get(&format!("{}0000", &code[..2])).cloned();
    let prefecture = (level == Level::County)
        .then(|| d.names.get(&format!("{}00", &code[..4])).cloned())
        .flatten();
    Place {
        name,
        level,
        code: Some(code.to_owned()),
        province,
        prefecture,
    }
}

/// Words that make a jurisdiction the centre.
const CENTRAL: [&str; 6] = ["全国", "国务院", "中共中央", "中央", "国家", "最高人民"];

/// The place of a document, from its jurisdiction and the divisions table.
///
/// A name found once in the table is that division; a name several divisions share (`朝阳区`,
/// `城关区`) is settled by the places the document names around it (its title, issuers, number
/// and opening text: `北京市朝阳区` or `长春市…朝阳区`), and is `None` when they do not settle it.
/// The centre (`国务院`, `中共中央`, the ministries) has no code; a township (`…镇`, `…乡`,
/// `…街道`) has the county it lies in when the document names one. A county-level 市 and a
/// prefecture-level 市 are told apart by their codes.
///
/// ```
/// use policy_align::{corpus, diffusion::{Level, place_of}};
/// let p = place_of(&corpus::XIANGSHAN.parse().unwrap()).unwrap();
/// assert_eq!((p.name.as_str(), p.level, p.code.as_deref()), ("相山区", Level::County, Some("340603")));
/// assert_eq!((p.province.as_deref(), p.prefecture.as_deref()), (Some("安徽省"), Some("淮北市")));
/// let h = place_of(&corpus::HUIZHOU.parse().unwrap()).unwrap();
/// assert_eq!((h.level, h.province.as_deref()), (Level::Prefecture, Some("广东省")));
/// assert!(h.contains(&place_of(&corpus::XIANGSHAN.parse().unwrap()).unwrap()) == false);
/// ```
pub fn place_of(doc: &Document) -> Option<Place> {
    let central = |s: &str| CENTRAL.iter().any(|c| s.starts_with(c));
    let Some(jurisdiction) = doc
        .meta
        .jurisdiction
        .clone()
        .or_else(|| doc.meta.issuers.first().cloned())
    else {
        // No place read: a document of the centre names itself in its title (国务院办公厅关于…).
        return central(&doc.meta.title).then(|| Place {
            name: doc.meta.title.chars().take_while(|&c| c != '关').collect(),
            level: Level::Central,
            code: None,
            province: None,
            prefecture: None,
        });
    };
    let context: String = [doc.meta.title.as_str(), doc.meta.doc_number.as_deref().unwrap_or("")]
        .into_iter()
        .chain(doc.meta.issuers.iter().map(String::as_str))
        .chain(std::iter::once(
            doc.source.get(..doc.source.len().min(3000)).unwrap_or(""),
        ))
        .collect::<Vec<_>>()
        .join(" ");
    let d = &*DIVISIONS;
    // The longest known division name the jurisdiction ends with (`淮北市相山区` → 相山区).
    let chars: Vec<(usize, char)> = jurisdiction.char_indices().collect();
    let found = chars
        .iter()
        .map(|&(i, _)| &jurisdiction[i..])
        .find_map(|tail| d.by_name.get(tail).map(|codes| (tail, codes)));
    let Some((_, codes)) = found else {
        if central(&jurisdiction) || jurisdiction.ends_with('部') {
            return Some(Place {
                name: jurisdiction,
                level: Level::Central,
                code: None,
                province: None,
                prefecture: None,
            });
        }
        if ["镇", "乡", "街道"].iter().any(|s| jurisdiction.ends_with(s)) {
            return Some(township(jurisdiction, &context));
        }
        return None;
    };
    let places: Vec<Place> = codes.iter().map(|c| place_of_code(c)).collect();
    if places.len() == 1 {
        return places.into_iter().next();
    }
    // Several divisions of one name: the one whose prefecture or province the document names.
    let named = |p: &Place| {
        [p.prefecture.as_deref(), p.province.as_deref()]
            .into_iter()
            .flatten()
            .any(|n| context.contains(n) || context.contains(short(n)))
    };
    let mut fitting = places.into_iter().filter(named);
    match (fitting.next(), fitting.next()) {
        (Some(p), None) => Some(p),
        _ => None,
    }
}

/// A township: the county it lies in is the county-level division the document names (the
/// longest name, when several), if any.
fn township(name: String, context: &str) -> Place {
    let d = &*DIVISIONS;
    let county = d
        .by_name
        .iter()
        .filter(|(n, codes)| codes.len() == 1 && n.chars().count() >= 2 && context.contains(n.as_str()))
        .map(|(_, codes)| place_of_code(&codes[0]))
        .filter(|p| p.level == Level::County)
        .max_by(|a, b| {
            a.name
                .chars()
                .count()
                .cmp(&b.name.chars().count())
                .then(b.name.cmp(&a.name))
        });
    Place {
        name,
        level: Level::Township,
        code: None,
        province: county.as_ref().and_then(|c| c.province.clone()),
        prefecture: county.map(|c| c.name),
    }
}
