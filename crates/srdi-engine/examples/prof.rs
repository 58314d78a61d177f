use srdi_engine::{Date, Options, Profile, RuleBook, assess};
fn main() {
    let name = std::env::args().nth(1).unwrap_or("e1-innovative".into());
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let path = format!(
        "{}/../../examples/profiles/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut p = Profile::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
    if std::env::args().nth(3).is_some() {
        p.ip.class1_self_developed = Some(0);
        if let Some(y) = p.years.get_mut("2025") {
            y.rd_expense = srdi_engine::profile::Dec::parse("20").ok();
        }
    }
    if n == 0 {
        sizes();
    }
    let book = RuleBook::embedded().unwrap();
    let opts = Options::new(Date {
        year: 2026,
        month: 5,
        day: 1,
    });
    if n == 1 {
        let a = assess(&book, &p, &opts);
        for t in &a.tiers {
            let c: usize = t.checks.iter().map(|c| c.walk().len()).sum();
            eprintln!(
                "{} {:?} checks {} gaps {}",
                t.id,
                t.verdict,
                c,
                t.gaps.len()
            );
        }
    }
    let mut k = 0;
    for _ in 0..n {
        k += assess(&book, std::hint::black_box(&p), &opts).tiers.len();
    }
    println!("{k}");
}
#[allow(dead_code)]
fn sizes() {
    use srdi_engine::metrics::*;
    use srdi_engine::result::*;
    eprintln!(
        "Check {} Figure {} Field {} Shown {} Threshold {} Points {} Text {} Computed {}",
        std::mem::size_of::<Check>(),
        std::mem::size_of::<Figure>(),
        std::mem::size_of::<Field>(),
        std::mem::size_of::<Shown>(),
        std::mem::size_of::<Threshold>(),
        std::mem::size_of::<Points>(),
        std::mem::size_of::<srdi_engine::rules::Text>(),
        std::mem::size_of::<Computed>()
    );
}
