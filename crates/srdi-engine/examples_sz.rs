fn main() {
    println!("Check {}", std::mem::size_of::<srdi_engine::result::Check>());
    println!("TierResult {}", std::mem::size_of::<srdi_engine::result::TierResult>());
    println!("CitationOut {}", std::mem::size_of::<srdi_engine::result::CitationOut>());
    println!("Figure {}", std::mem::size_of::<srdi_engine::metrics::Figure>());
}
