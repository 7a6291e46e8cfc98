//! What unrelated measures of two documents score: the background a pair's score is judged
//! against.
//!
//! Two documents on one subject share words everywhere: in a pair of near-copies of a template
//! every pair of measures scores high, in two short notices on different subjects every pair
//! scores low. A fixed threshold means different things in each. The scores of the pairs an
//! alignment does not make are, nearly all, scores of unrelated measures: their distribution is
//! fitted with a Gumbel (extreme-value) distribution, by its mean and variance, and a pair's
//! p-value is the chance that an unrelated pair of these two documents scores as high or higher.

use crate::similarity::ScoreMatrix;

/// The Euler-Mascheroni constant.
const EULER: f64 = 0.577_215_664_901_532_9;

/// A Gumbel distribution fitted to the scores of unrelated pairs of two documents.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Background {
    /// Location (the mode).
    pub location: f64,
    /// Scale.
    pub scale: f64,
    /// How many scores it was fitted on.
    pub scores: usize,
}

impl Background {
    /// Fits the scores of `matrix` outside `linked` (the pairs taken as counterparts). With
    /// fewer than two scores it is degenerate and every p-value is 1 above nothing.
    pub fn fit(matrix: &ScoreMatrix, linked: &[(usize, usize)]) -> Background {
        let s = matrix.as_rows();
        let values: Vec<f64> = (0..matrix.rows())
            .flat_map(|i| (0..matrix.cols()).map(move |j| (i, j)))
            .filter(|p| !linked.contains(p))
            .map(|(i, j)| s[i][j])
            .collect();
        let n = values.len() as f64;
        if values.len() < 2 {
            return Background {
                location: 0.0,
                scale: 1.0,
                scores: values.len(),
            };
        }
        let mean = values.iter().sum::<f64>() / n;
        let var = values.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0);
        let scale = (var.sqrt() * 6f64.sqrt() / std::f64::consts::PI).max(1e-6);
        Background {
            location: mean - EULER * scale,
            scale,
            scores: values.len(),
        }
    }

    /// The chance that an unrelated pair scores `score` or more.
    pub fn p_value(&self, score: f64) -> f64 {
        let z = (score - self.location) / self.scale;
        (1.0 - (-(-z).exp()).exp()).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p_values_fall_as_scores_rise_and_stay_in_range() {
        let rows: Vec<Vec<f64>> = (0..6)
            .map(|i| {
                (0..6)
                    .map(|j| {
                        if i == j {
                            0.6
                        } else {
                            0.05 + 0.01 * ((i * 7 + j * 3) % 5) as f64
                        }
                    })
                    .collect()
            })
            .collect();
        let m = ScoreMatrix::new(0, 1, rows).unwrap();
        let diagonal: Vec<(usize, usize)> = (0..6).map(|i| (i, i)).collect();
        let b = Background::fit(&m, &diagonal);
        assert_eq!(b.scores, 30);
        let mut last = 1.0;
        for k in 0..=20 {
            let p = b.p_value(f64::from(k) / 20.0);
            assert!((0.0..=1.0).contains(&p) && p <= last, "{k}: {p} after {last}");
            last = p;
        }
        // A true pair stands far above unrelated ones; an unrelated score does not.
        assert!(b.p_value(0.6) < 1e-6, "{b:?}");
        assert!(b.p_value(0.07) > 0.2, "{b:?}");
    }

    #[test]
    fn too_few_scores_give_no_evidence() {
        let m = ScoreMatrix::new(0, 1, vec![vec![0.9]]).unwrap();
        let b = Background::fit(&m, &[(0, 0)]);
        assert_eq!(b.scores, 0);
        assert!(b.p_value(0.9) > 0.3);
    }
}
