//! The one integration-test binary: golden files, truth files, the CLI.

mod catalogue;
mod cli;
mod coverage;
mod dcat;
mod golden;
mod hostile;
mod regress;
mod support;
mod truth;
