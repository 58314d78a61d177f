//! Reusable pieces of the interface.

pub mod data;
pub mod field;
pub mod result;
