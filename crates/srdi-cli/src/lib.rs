//! The readers behind `srdi batch` (CSV and JSON Lines), as a library so that they can be fuzzed
//! (`fuzz/`) and tested apart from the command line.

pub mod batch;
