//! The leaf layer: what several stages recognise in Chinese policy text.
//!
//! Numbering markers and Chinese numerals ([`numbering`]), document numbers and dates
//! ([`dates`]), administrative levels and place names ([`places`]), organisation suffixes
//! ([`orgs`]), and the labels and phrases of responsibility clauses ([`roles`]). `normalize`,
//! `document` and `agency` use it, and it imports nothing from the crate, so that no stage has
//! to call up into a later one.
//!
//! The word lists live in `data/lexicon/*.txt`, one entry per line (`#` starts a comment), loaded
//! with `include_str!` and parsed once.

pub(crate) mod dates;
pub(crate) mod numbering;
pub(crate) mod orgs;
pub(crate) mod page;
pub(crate) mod places;
pub(crate) mod roles;

/// The entries of a word list: each non-blank line that is not a comment, split on white space
/// into the word and its fields.
fn entries(text: &'static str) -> impl Iterator<Item = (&'static str, Vec<&'static str>)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let word = parts.next()?;
            Some((word, parts.collect()))
        })
}

/// The words of a list, one per line, in order.
pub(crate) fn words(text: &'static str) -> Vec<&'static str> {
    entries(text).map(|(w, _)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_skip_comments_and_blank_lines() {
        let got: Vec<_> = entries("# comment\n\n州 alone joins=市县区\n  局  \n").collect();
        assert_eq!(got, [("州", vec!["alone", "joins=市县区"]), ("局", vec![])]);
    }
}
