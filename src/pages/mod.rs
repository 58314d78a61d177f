//! One component per page.

pub mod compare;
pub mod digital;
pub mod questionnaire;
pub mod results;
pub mod rules;
pub mod start;
