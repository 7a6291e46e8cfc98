//! Merges and splits: measures a one-to-one assignment leaves unmatched although, with the
//! measure they are paired beside, they cover their counterpart better than that measure alone.
//!
//! A city that merges three provincial measures into one, or a task-division document that
//! splits one measure into three tasks, pairs one of them one-to-one; the others are left over.
//! A left-over measure `u` whose best match `v` on the other side is already paired (with `w`)
//! is linked to `v` when the content of `v` is covered better by `u` and `w` together than by
//! `w` alone: the cosine of `v` with the sum of the group's vectors gains at least
//! [`MIN_GAIN`]. A decoy that merely shares words with `v` adds nothing `w` did not already
//! cover, and stays out.

use super::pairs::MIN_MARGIN;
use crate::features::{MeasureFeatures, SparseVector, list_cosine, shares_a_list};
use crate::similarity::ScoreMatrix;

/// Whether a left-over measure joins a merge or a split, from the content it shares with the
/// measure it would help explain (`own`, the content score of the two alone) and what it adds
/// to the group's coverage of that measure (`gain`): it must add at least 0.02 and share 0.30,
/// or add 0.05 and share 0.25. A measure that shares little, or repeats what the group already
/// says, stays out. A measure that shares 0.45 or more with it (twice the default threshold)
/// joins as long as it adds anything: the halves of a task division each restate part of their
/// measure, and the group's coverage of a long measure grows little with each. Chosen on the
/// tuning families (`testsuite/tests/families/`).
fn joins(own: f64, gain: f64) -> bool {
    (gain > 0.0 && own >= 0.45) || (gain >= 0.02 && own >= 0.30) || (gain >= 0.05 && own >= 0.25)
}

/// The shape of a link between measures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum LinkKind {
    /// One measure answers one. The default.
    #[default]
    #[serde(rename = "1:1")]
    OneToOne,
    /// Several left measures merged into one right measure.
    #[serde(rename = "N:1")]
    ManyToOne,
    /// One left measure split into several right measures.
    #[serde(rename = "1:N")]
    OneToMany,
}

impl LinkKind {
    /// `1:1`, `N:1` or `1:N`.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::OneToOne => "1:1",
            LinkKind::ManyToOne => "N:1",
            LinkKind::OneToMany => "1:N",
        }
    }
}

/// The content of `v` covered by the sum of `group` (word and bigram cosines weighted as the
/// content score: 4 to 3), a list copied word for word weighing as one of its terms as in the
/// scores ([`list_cosine`]).
fn coverage(v: &MeasureFeatures, group: &[&MeasureFeatures]) -> f64 {
    let copied = group.iter().any(|g| shares_a_list(v, g));
    let lists = |f: fn(&MeasureFeatures) -> &Vec<u32>| -> Vec<u32> {
        let mut all: Vec<u32> = group.iter().flat_map(|g| f(g).iter().copied()).collect();
        all.sort_unstable();
        all.dedup();
        all
    };
    let words = list_cosine(
        &v.words,
        &normalized_sum(group.iter().map(|g| &g.words)),
        &v.list_words,
        &lists(|g| &g.list_words),
        copied,
    );
    let bigrams = list_cosine(
        &v.bigrams,
        &normalized_sum(group.iter().map(|g| &g.bigrams)),
        &v.list_bigrams,
        &lists(|g| &g.list_bigrams),
        copied,
    );
    (4.0 * words + 3.0 * bigrams) / 7.0
}

/// The L2-normalized sum of sparse vectors.
fn normalized_sum<'a>(vectors: impl Iterator<Item = &'a SparseVector>) -> SparseVector {
    let mut all: Vec<(u32, f32)> = vectors.flat_map(|v| v.iter().copied()).collect();
    all.sort_unstable_by_key(|&(t, _)| t);
    let mut sum: SparseVector = Vec::with_capacity(all.len());
    for (t, w) in all {
        match sum.last_mut() {
            Some(last) if last.0 == t => last.1 += w,
            _ => sum.push((t, w)),
        }
    }
    let norm = sum
        .iter()
        .map(|&(_, w)| f64::from(w) * f64::from(w))
        .sum::<f64>()
        .sqrt();
    if norm > 0.0 {
        for x in &mut sum {
            x.1 = (f64::from(x.1) / norm) as f32;
        }
    }
    sum
}

/// The links of a one-to-one alignment (`chosen`, `(left, right)` indices) extended with
/// merges and splits, each with its kind: a left-over measure scoring at least `floor` with
/// its best match, which is paired, joins that pair's group when it adds coverage.
pub(super) fn extend(
    matrix: &ScoreMatrix,
    chosen: &[(usize, usize)],
    floor: f64,
    l: &[MeasureFeatures],
    r: &[MeasureFeatures],
) -> Vec<(usize, usize, LinkKind)> {
    let s = matrix.as_rows();
    let mut links: Vec<(usize, usize, LinkKind)> = chosen.iter().map(|&(i, j)| (i, j, LinkKind::OneToOne)).collect();
    for (_, i, j, merge) in candidates(s, &links, floor) {
        // The group the left-over measure would join, and the measure it would explain.
        let (target, group): (&MeasureFeatures, Vec<&MeasureFeatures>) = if merge {
            (&r[j], links.iter().filter(|x| x.1 == j).map(|x| &l[x.0]).collect())
        } else {
            (&l[i], links.iter().filter(|x| x.0 == i).map(|x| &r[x.1]).collect())
        };
        // A measure is in a merge or a split, not both.
        let partner_shared = |links: &[(usize, usize, LinkKind)]| {
            group.iter().any(|g| {
                let k = g.measure;
                if merge {
                    links.iter().filter(|x| x.0 == k).count() > 1
                } else {
                    links.iter().filter(|x| x.1 == k).count() > 1
                }
            })
        };
        if group.is_empty() || partner_shared(&links) {
            continue;
        }
        let before = coverage(target, &group);
        let mut with = group.clone();
        with.push(if merge { &l[i] } else { &r[j] });
        let cand = if merge { &l[i] } else { &r[j] };
        let own = coverage(target, &[cand]);
        let gain = coverage(target, &with) - before;
        if !joins(own, gain) {
            continue;
        }
        let kind = if merge {
            LinkKind::ManyToOne
        } else {
            LinkKind::OneToMany
        };
        for x in links.iter_mut() {
            if (merge && x.1 == j) || (!merge && x.0 == i) {
                x.2 = kind;
            }
        }
        links.push((i, j, kind));
    }
    links.sort_unstable_by_key(|&(i, j, _)| (i, j));
    links
}

/// The left-over measures that may join a group, strongest first: `(score, left, right,
/// merge?)`. A left-over measure qualifies when its best match is paired, scores at least
/// `floor`, and beats its second best by the margin: it joins only the counterpart it prefers
/// clearly.
fn candidates(s: &[Vec<f64>], links: &[(usize, usize, LinkKind)], floor: f64) -> Vec<(f64, usize, usize, bool)> {
    let (n, m) = (s.len(), s.first().map_or(0, Vec::len));
    let paired_left = |i: usize| links.iter().any(|&(a, _, _)| a == i);
    let paired_right = |j: usize| links.iter().any(|&(_, b, _)| b == j);
    let second = |xs: &mut dyn Iterator<Item = f64>| {
        let mut v: Vec<f64> = xs.collect();
        v.sort_by(|a, b| b.total_cmp(a));
        v.get(1).copied().unwrap_or(0.0)
    };
    let mut out: Vec<(f64, usize, usize, bool)> = Vec::new();
    for i in (0..n).filter(|&i| !paired_left(i)) {
        if let Some(j) = (0..m).max_by(|&a, &b| s[i][a].total_cmp(&s[i][b]).then(b.cmp(&a)))
            && s[i][j] >= floor
            && s[i][j] - second(&mut (0..m).map(|x| s[i][x])) >= MIN_MARGIN
            && paired_right(j)
        {
            out.push((s[i][j], i, j, true));
        }
    }
    for j in (0..m).filter(|&j| !paired_right(j)) {
        if let Some(i) = (0..n).max_by(|&a, &b| s[a][j].total_cmp(&s[b][j]).then(b.cmp(&a)))
            && s[i][j] >= floor
            && s[i][j] - second(&mut (0..n).map(|x| s[x][j])) >= MIN_MARGIN
            && paired_left(i)
        {
            out.push((s[i][j], i, j, false));
        }
    }
    out.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    out
}
