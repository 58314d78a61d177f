//! Every rule file parses strictly and passes the book's checks.

use srdi_engine::RuleBook;

#[test]
fn every_rule_file_and_pack_is_valid() {
    if let Err(e) = RuleBook::embedded() {
        panic!("rule data is invalid: {e}");
    }
}
