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
//! A mention that resolves to nothing keeps an id of its own ([`AgencyId::Unresolved`]) and is
//! listed as unresolved: never dropped.
//!
//! The stage has three parts: the registry and its rules (`registry`, `rules`), the resolution
//! of one document's mentions and the index of several documents' agencies (`resolve`), and the
//! cross-walk of two documents (`crosswalk`).

mod crosswalk;
mod id;
mod lookup;
mod registry;
mod resolve;
mod rules;

pub use crosswalk::{AgencyIdentity, Crosswalk, CrosswalkRow, Succession};
pub use id::{AgencyBody, AgencyId, AgencyStatus, MatchRule, Resolution};
pub use registry::{AgencyRegistry, AgencyRegistryBuilder};
pub use resolve::{Agency, AgencyIndex, DocumentAgencies};
pub(crate) use rules::is_collective;
