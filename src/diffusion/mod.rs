//! Stage 10: diffusion. What documents answering one another did with each other's measures,
//! where and when they come from, and the dyads researchers regress on.
//!
//! - [`adoptions`]: what a document did with each measure of a reference (copied word for word,
//!   reworded, dropped) and what it added;
//! - [`place_of`]: a document's administrative level, province and division code;
//! - [`dyad`]: a pair of documents in time and place, with how much the later took from the
//!   earlier;
//! - [`candidate_pairs`]: which pairs of a large set are worth aligning (blocking);
//! - [`Diffusion`]: all of these for a set of documents, the tables a study loads.

mod adoption;
mod blocking;
mod dyads;
mod places;
mod table;

pub use adoption::{Addition, Adoption, AdoptionOptions, AdoptionTable, Status, adoptions};
pub use blocking::{Blocking, BlockingOptions, candidate_pairs};
pub use dyads::{Dyad, DyadPassage, Relation, cited_documents, dyad, dyad_passages};
pub use places::{Level, Place, place_of};
pub(crate) use table::DyadMaker;
pub use table::{Diffusion, DocumentRow};
