//! The one integration-test binary: golden files, truth files, the CLI.

mod catalogue;
mod check;
mod cli;
mod coverage;
mod dcat;
mod debug;
mod golden;
mod hostile;
mod regress;
mod shacl;
mod support;
mod truth;
