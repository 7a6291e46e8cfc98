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
