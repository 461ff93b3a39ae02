//! Generated tables: data, not logic.

pub mod agl;
pub mod latin;
pub mod metrics;
