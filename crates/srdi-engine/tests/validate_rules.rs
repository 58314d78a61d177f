//! Every rule file parses strictly and passes the book's checks.

use srdi_engine::RuleBook;

#[test]
fn every_rule_file_and_pack_is_valid() {
    match RuleBook::embedded() {
        Err(e) => panic!("rule data does not parse: {e}"),
        Ok(book) => {
            if let Err(e) = book.validate() {
                panic!("rule data is invalid: {e}");
            }
        }
    }
}
