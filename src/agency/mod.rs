//! Stage 4: agency mentions to canonical agencies, the same body with the same id in every
//! jurisdiction.
//!
//! An [`AgencyRegistry`] holds a table of kinds of body ([`AgencyBody`]: courts, public security,
//! market regulation, the administrations for industry and commerce of before 2018…), each with
//! its names below the centre, its central names, the functions it carries and, for a body a
//! reform dissolved, the year and its successors; loaded from `data/agencies.json` and
//! extendable at run time. Two identities follow: the kind of body (`Resolution::agency`) and
//! the functions (`Resolution::functions`); a [`Crosswalk`] is made by either
//! ([`AgencyIdentity`]). A mention (`区市场监管局（知识产权局）`, `相山公安分局`, `县人民法院`,
//! `國家知識產權局`) resolves by rules, not by a list of known spellings:
//!
//! 1. traditional script is read through its simplified form; collective mentions
//!    (`各级党委、政府`, `市直有关部门`, `领导小组各成员单位`) are marked as such;
//! 2. a central body's local office (`国家税务总局青禾市税务局`) is the central body's;
//! 3. jurisdiction prefixes are stripped: the document's own place (`相山`, `惠州`), any chain of
//!    place names ending in 省/市/州/县/区/镇/街道…, a level character (`区法院` → `法院`), and the
//!    party-committee 委 (`市委宣传部` → `宣传部`);
//! 4. names are compared in canonical form: 人民 and 和 dropped, 分局 → 局, and 委/委员会/厅/局
//!    taken as one suffix (`县人民法院` = `区法院`, `发展和改革委员会` = `发展改革局`);
//! 5. a name matches a body exactly; or is several bodies merged (`农业农村水利局`); or an
//!    abbreviation by ordered characters (`文旅体局` within `文化广电旅游体育局`); or a slip with
//!    the same characters in another order (`农村农业局`); or a near-miss spelling (normalized
//!    Levenshtein, strsim); or a unit inside a body (`市公安局网安支队`);
//! 6. a body with several names (`市委宣传部（市委网信办、市版权局）`) carries every function its
//!    names resolve to; a name the document defined (`以下简称市双打办`) resolves as the full name.
//!
//! A mention that resolves to nothing keeps an id of its own ([`AgencyId::Unresolved`]) and is
//! listed as unresolved with the closest kinds of body: never dropped.
//!
//! The stage has four parts: the registry and its rules (`registry`, `rules`), how one name
//! resolves (`lookup`), the resolution of one document's mentions and the index of several documents' agencies (`resolve`), and the
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
