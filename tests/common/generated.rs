//! The generated comparison that the benchmarks and the limits tests share.

use versus::model::{Comparison, Dimension, Point, SideMap, Subject};

/// A comparison of two subjects over `n` dimensions, each with a two-entry
/// summary, three points and one common line, worded like real content
/// (the built-in's paragraphs are a few hundred characters).
pub fn generated(n: usize) -> Comparison {
    let side = |subject: &str, what: &str, i: usize| {
        format!(
            "{subject} handles {what} of dimension {i} with a **plan**, a budget and a \
             team; it reports progress weekly and adjusts when risks appear."
        )
    };
    let sides = |what: &str, i: usize| {
        SideMap(vec![
            ("a".to_owned(), side("Alpha", what, i)),
            ("b".to_owned(), side("Beta", what, i)),
        ])
    };
    Comparison {
        title: format!("Alpha vs Beta over {n} dimensions"),
        intro: "A generated comparison for benchmarks: every dimension has a summary \
                for each subject, three aligned points and one common line."
            .to_owned(),
        subjects: vec![
            Subject {
                id: "a".to_owned(),
                name: "Alpha".to_owned(),
                short: "A".to_owned(),
            },
            Subject {
                id: "b".to_owned(),
                name: "Beta".to_owned(),
                short: String::new(),
            },
        ],
        dimensions: (0..n)
            .map(|i| Dimension {
                id: format!("d{i}"),
                title: format!("Dimension {i}"),
                summary: sides("the whole", i),
                points: ["Scope", "Cost", "Risk"]
                    .iter()
                    .map(|aspect| Point {
                        aspect: (*aspect).to_owned(),
                        sides: SideMap(vec![
                            ("a".to_owned(), format!("Alpha's {aspect} in {i}")),
                            ("b".to_owned(), format!("Beta's {aspect} in {i}")),
                        ]),
                    })
                    .collect(),
                common: vec![format!("Both subjects take dimension {i} seriously.")],
            })
            .collect(),
        conclusion: "Both subjects are generated; neither is better.".to_owned(),
        sources: vec!["This benchmark.".to_owned()],
    }
}

/// A comparison of two subjects whose dimension `k` has `rows[k]` short
/// points (`Row 01`…) and no summary: tables that need several pages.
#[allow(
    dead_code,
    reason = "each test file includes this module; some use only `generated`"
)]
pub fn many_rows(rows: &[usize]) -> Comparison {
    let mut c = generated(rows.len());
    for (d, &n) in c.dimensions.iter_mut().zip(rows) {
        d.summary = SideMap(Vec::new());
        d.common.clear();
        d.points = (1..=n)
            .map(|r| Point {
                aspect: format!("Row {r:02}"),
                sides: SideMap(vec![
                    ("a".to_owned(), format!("Alpha's value {r}")),
                    ("b".to_owned(), format!("Beta's value {r}")),
                ]),
            })
            .collect();
    }
    c
}
