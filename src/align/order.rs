//! Order where it helps: when two documents keep the order of their shared measures, a measure
//! left unpaired between two pairs most likely answers the unpaired measure between their
//! counterparts.
//!
//! The strong pairs (p-value at most [`ANCHOR_P`]) are the anchors. The order is kept when the
//! longest chain of anchors increasing on both sides (a longest increasing subsequence, as
//! CATS uses) holds at least [`KEPT_ORDER`] of them, and there are at least [`MIN_ANCHORS`].
//! Then, in each gap between consecutive anchors of the chain, the unpaired measures of the two
//! sides that are each other's best match in the gap are paired when their score reaches
//! [`GAP_FLOOR`] of the threshold and stands out from the background (p-value at most
//! [`GAP_P`]). When the order is not kept (a document that reorders its sections), nothing is
//! added: the order is never forced.

use super::background::Background;
use crate::similarity::ScoreMatrix;

/// The p-value at most which a pair is an anchor of the order.
pub(super) const ANCHOR_P: f64 = 0.001;
/// The share of anchors a chain increasing on both sides must hold for the order to be kept.
pub(super) const KEPT_ORDER: f64 = 0.8;
/// The fewest anchors from which an order is judged.
pub(super) const MIN_ANCHORS: usize = 4;
/// The share of the threshold a pair in a gap must score.
pub(super) const GAP_FLOOR: f64 = 0.6;
/// The p-value at most which a pair in a gap is made.
pub(super) const GAP_P: f64 = 0.05;

/// The longest chain of `pairs` (sorted by left index) increasing on the right index too.
fn increasing_chain(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // Patience sorting with predecessors: O(n log n).
    let mut tails: Vec<usize> = Vec::new(); // index into pairs of the smallest tail of each length
    let mut prev: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let at = tails.partition_point(|&t| pairs[t].1 < j);
        prev[k] = at.checked_sub(1).map(|a| tails[a]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut chain = Vec::new();
    let mut cur = tails.last().copied();
    while let Some(k) = cur {
        chain.push(pairs[k]);
        cur = prev[k];
    }
    chain.reverse();
    chain
}

/// Pairs found in the gaps of a kept order, to add to `pairs` (one-to-one pairs, `(left,
/// right)`); empty when the order is not kept.
pub(super) fn gap_pairs(
    matrix: &ScoreMatrix,
    pairs: &[(usize, usize)],
    background: &Background,
    threshold: f64,
) -> Vec<(usize, usize)> {
    let s = matrix.as_rows();
    let mut anchors: Vec<(usize, usize)> = pairs
        .iter()
        .copied()
        .filter(|&(i, j)| background.p_value(s[i][j]) <= ANCHOR_P)
        .collect();
    anchors.sort_unstable();
    let chain = increasing_chain(&anchors);
    if anchors.len() < MIN_ANCHORS || (chain.len() as f64) < KEPT_ORDER * anchors.len() as f64 {
        return Vec::new();
    }
    let free_left = |i: usize| pairs.iter().all(|&(a, _)| a != i);
    let free_right = |j: usize| pairs.iter().all(|&(_, b)| b != j);
    // Gaps: before the first anchor, between consecutive ones, after the last.
    let mut bounds: Vec<(usize, usize)> = vec![(0, 0)];
    bounds.extend(chain.iter().map(|&(i, j)| (i + 1, j + 1)));
    let mut ends: Vec<(usize, usize)> = chain.clone();
    ends.push((matrix.rows(), matrix.cols()));
    let mut out = Vec::new();
    for (&(l0, r0), &(l1, r1)) in bounds.iter().zip(&ends) {
        let lefts: Vec<usize> = (l0..l1).filter(|&i| free_left(i)).collect();
        let rights: Vec<usize> = (r0..r1).filter(|&j| free_right(j)).collect();
        for &i in &lefts {
            let best = |i: usize| {
                rights
                    .iter()
                    .copied()
                    .max_by(|&a, &b| s[i][a].total_cmp(&s[i][b]).then(b.cmp(&a)))
            };
            let Some(j) = best(i) else { continue };
            let back = lefts
                .iter()
                .copied()
                .max_by(|&a, &b| s[a][j].total_cmp(&s[b][j]).then(b.cmp(&a)));
            if back == Some(i) && s[i][j] >= GAP_FLOOR * threshold && background.p_value(s[i][j]) <= GAP_P {
                out.push((i, j));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_increasing_chain() {
        let pairs = [(0, 0), (1, 5), (2, 1), (3, 2), (4, 3), (5, 4)];
        assert_eq!(increasing_chain(&pairs), [(0, 0), (2, 1), (3, 2), (4, 3), (5, 4)]);
        assert!(increasing_chain(&[]).is_empty());
    }

    /// Eight measures answered in order, one pair weak: scores 0.6 on the diagonal, 0.16 at
    /// (4, 4), 0.02–0.06 elsewhere; `perm` sends left measure `i` to right measure `perm[i]`.
    fn matrix(perm: &[usize]) -> ScoreMatrix {
        let rows = (0..8)
            .map(|i| {
                (0..8)
                    .map(|j| match (j == perm[i], i) {
                        (true, 4) => 0.16,
                        (true, _) => 0.6,
                        _ => 0.02 + 0.01 * ((i * 5 + j * 3) % 5) as f64,
                    })
                    .collect()
            })
            .collect();
        ScoreMatrix::new(0, 1, rows).unwrap()
    }

    #[test]
    fn a_kept_order_recovers_the_weak_pair_between_anchors() {
        let perm = [0, 1, 2, 3, 4, 5, 6, 7];
        let m = matrix(&perm);
        let strong: Vec<(usize, usize)> = (0..8).filter(|&i| i != 4).map(|i| (i, perm[i])).collect();
        let b = Background::fit(&m, &strong);
        assert!(b.p_value(0.16) <= GAP_P, "{b:?}");
        assert_eq!(gap_pairs(&m, &strong, &b, 0.23), [(4, 4)]);
        // Below the floor of the threshold, nothing is added.
        assert!(gap_pairs(&m, &strong, &b, 0.3).is_empty());
    }

    #[test]
    fn a_reordered_document_is_not_forced_into_order() {
        // The right document runs its sections in another order: anchors do not increase.
        let perm = [5, 2, 7, 0, 4, 1, 6, 3];
        let m = matrix(&perm);
        let strong: Vec<(usize, usize)> = (0..8).filter(|&i| i != 4).map(|i| (i, perm[i])).collect();
        let b = Background::fit(&m, &strong);
        assert!(gap_pairs(&m, &strong, &b, 0.23).is_empty());
    }
}
