//! The integration tests (`tests/`) and benchmarks (`benches/`) of policy-align. This crate has
//! no code of its own; it exists so that the heavy test and bench dependencies (criterion,
//! proptest, insta) are built by `cargo test` and `cargo bench` only, never by
//! `cargo run --example`.
