use srdi_engine::{Date, Options, Profile, RuleBook, assess};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).unwrap();
    let p = Profile::from_json(&text).unwrap();
    let book = RuleBook::embedded().unwrap();
    let a = assess(&book, &p, &Options::new(Date::parse("2026-05-01").unwrap()));
    println!("{}", a.to_json());
}
