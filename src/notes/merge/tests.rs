use super::text::{lines, matched_lines};
use super::*;
use crate::notes::talk::Verdict;

fn notes(dims: &[(&str, &str)]) -> Notes {
    let mut n = Notes::for_comparison("T");
    for (id, text) in dims {
        n.text_mut(id).push_str(text);
    }
    n
}

#[test]
fn lines_changed_on_one_side_each_merge_cleanly() {
    let base = notes(&[("a", "one\ntwo\nthree\nfour\nfive")]);
    let ours = notes(&[("a", "ONE\ntwo\nthree\nfour\nfive")]);
    let theirs = notes(&[("a", "one\ntwo\nthree\nfour\nFIVE")]);
    let m = merge3(&base, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(m.notes.text("a"), "ONE\ntwo\nthree\nfour\nFIVE");
    assert!(m.notes.dimensions["a"].merged.is_none());
}

#[test]
fn the_same_lines_changed_on_both_sides_keep_both_marked() {
    let base = notes(&[("a", "one\ntwo\nthree")]);
    let ours = notes(&[("a", "one\nmine\nthree")]);
    let theirs = notes(&[("a", "one\nyours\nthree")]);
    let m = merge3(&base, &ours, &theirs);
    assert_eq!(m.kept_both, [Place::Dimension("a".to_owned())]);
    assert_eq!(
        m.notes.text("a"),
        format!("one\nmine\n{THEIR_VERSION}\nyours\n{END_OF_THEIR_VERSION}\nthree")
    );
    assert!(m.notes.dimensions["a"].merged.as_ref().unwrap().both_texts);
}

#[test]
fn values_changed_on_both_sides_keep_ours_and_remember_theirs() {
    let base = notes(&[]);
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.entry("a").verdict = Some(Verdict::Even);
    theirs.entry("a").verdict = Some(Verdict::Subject("pm".to_owned()));
    ours.entry("a").weight = Some(2);
    theirs.entry("b").weight = Some(3);
    ours.talk.minutes = 10;
    theirs.talk.minutes = 15;
    let m = merge3(&base, &ours, &theirs);
    let a = &m.notes.dimensions["a"];
    assert_eq!(a.verdict, Some(Verdict::Even));
    assert_eq!(a.weight, Some(2));
    let check = a.merged.as_ref().unwrap();
    assert_eq!(
        check.their_verdict,
        Some(Some(Verdict::Subject("pm".to_owned())))
    );
    assert_eq!(check.their_weight, None, "only ours changed the weight");
    assert_eq!(m.notes.dimensions["b"].weight, Some(3));
    assert_eq!(m.notes.talk.minutes, 10);
    assert_eq!(m.notes.merged.as_ref().unwrap().their_minutes, Some(15));
    assert_eq!(
        m.kept_both,
        [Place::Overall, Place::Dimension("a".to_owned())]
    );
    let again = Notes::from_ron(m.notes.to_ron().as_bytes(), std::path::Path::new("n")).unwrap();
    assert_eq!(again, m.notes);
}

#[test]
fn stars_and_highlights_merge_as_sets() {
    let mut base = notes(&[]);
    base.toggle_star("kept");
    base.toggle_highlight("h", "x");
    base.toggle_highlight("h", "y");
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.toggle_star("kept"); // Ours removes a star.
    theirs.toggle_star("new"); // Theirs adds one.
    ours.toggle_highlight("h", "x");
    theirs.toggle_highlight("h", "z");
    let m = merge3(&base, &ours, &theirs);
    assert!(!m.notes.is_starred("kept"));
    assert!(m.notes.is_starred("new"));
    assert_eq!(m.notes.dimensions["h"].highlights, ["y", "z"]);
    assert!(m.is_clean());
}

#[test]
fn rehearsals_are_the_union_by_date_latest_five() {
    let run = |d: &str| Rehearsal {
        date: d.to_owned(),
        ..Rehearsal::default()
    };
    let mut ours = notes(&[]);
    let mut theirs = notes(&[]);
    ours.talk.rehearsals = ["1", "3", "5", "7"].map(run).to_vec();
    theirs.talk.rehearsals = ["2", "3", "4", "6"].map(run).to_vec();
    let m = merge2(&ours, &theirs);
    let dates: Vec<&str> = m
        .notes
        .talk
        .rehearsals
        .iter()
        .map(|r| r.date.as_str())
        .collect();
    assert_eq!(dates, ["3", "4", "5", "6", "7"]);
}

#[test]
fn a_review_lists_what_theirs_adds_and_applies_each_choice() {
    let mut ours = notes(&[("a", "mine"), ("b", "same"), ("c", "only mine")]);
    let mut theirs = notes(&[("a", "theirs"), ("b", "same"), ("d", "new")]);
    ours.talk.minutes = 10;
    theirs.talk.minutes = 15;
    theirs.toggle_star("b");
    let mut review = Review::new(&ours, &theirs, &str::to_owned);
    let places: Vec<&Place> = review.items.iter().map(|i| &i.place).collect();
    let dim = |id: &str| Place::Dimension(id.to_owned());
    assert_eq!(places, [&Place::Overall, &dim("a"), &dim("b"), &dim("d")]);
    assert_eq!(
        review.items[0].changes,
        ["talk length 15 min (yours: 10 min)"]
    );
    assert_eq!(review.items[2].changes, ["stars it"]);
    assert_eq!(review.items[3].changes, ["adds a note"]);
    assert!(review.items[1].kept_both);
    // Keep both everywhere: the two-way merge.
    let both = review.result();
    assert_eq!(
        both.text("a"),
        format!("mine\n{THEIR_VERSION}\ntheirs\n{END_OF_THEIR_VERSION}")
    );
    assert!(both.is_starred("b"));
    assert_eq!(both.text("c"), "only mine");
    assert_eq!(both.text("d"), "new");
    assert_eq!(both.talk.minutes, 10);
    // Then one choice per place.
    review.items[0].choice = Choice::TakeTheirs;
    review.items[1].choice = Choice::KeepMine;
    review.items[3].choice = Choice::KeepMine;
    let chosen = review.result();
    assert_eq!(chosen.talk.minutes, 15);
    assert_eq!(chosen.text("a"), "mine");
    assert!(chosen.dimensions["a"].merged.is_none());
    assert!(chosen.get("d").is_none());
    assert!(chosen.is_starred("b"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

    /// The patience matching past the limit loses no line either: the
    /// same property as the exact diff's, with the limit at 0.
    #[test]
    fn past_the_limit_no_added_line_is_lost(
        base in proptest::collection::vec("[a-p]", 0..30),
        ours in proptest::collection::vec("[a-p]", 0..30),
        theirs in proptest::collection::vec("[a-r]", 0..30),
    ) {
        let (b, o, t) = (base.join("\n"), ours.join("\n"), theirs.join("\n"));
        // The lines kept are the same lines, in order in both texts.
        let (bl, ol) = (lines(&b), lines(&o));
        for exact in [0, EXACT_DIFF_LINES] {
            let pairs = matched_lines(&bl, &ol, exact);
            for w in pairs.windows(2) {
                proptest::prop_assert!(w[0].0 < w[1].0 && w[0].1 < w[1].1, "{pairs:?}");
            }
            for &(i, j) in &pairs {
                proptest::prop_assert_eq!(bl.get(i), ol.get(j));
            }
        }
        for with_base in [Some(b.as_str()), None] {
            let (merged, _) = merge_text(with_base, &o, &t, 0);
            let result: BTreeSet<&str> = lines(&merged).into_iter().collect();
            let old: BTreeSet<&str> = with_base.map(lines).unwrap_or_default().into_iter().collect();
            for line in lines(&o).into_iter().chain(lines(&t)) {
                proptest::prop_assert!(old.contains(line) || result.contains(line), "{line:?} lost");
            }
            proptest::prop_assert_eq!(merge_text(with_base, &o, &t, 0).0, merged.clone());
        }
    }
}

#[test]
fn past_the_exact_limit_unique_lines_anchor_the_merge() {
    let n = EXACT_DIFF_LINES;
    let base: Vec<String> = (0..n).map(|i| format!("line {i}")).collect();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    // Edits at both ends, so the common start and end do not cover them.
    ours[0] = "ours first".to_owned();
    theirs[n - 1] = "theirs last".to_owned();
    ours[n / 2] = "ours middle".to_owned();
    let text = |v: &[String]| v.join("\n");
    let m = merge3(
        &notes(&[("a", &text(&base))]),
        &notes(&[("a", &text(&ours))]),
        &notes(&[("a", &text(&theirs))]),
    );
    assert!(m.is_clean());
    let mut expected = ours.clone();
    expected[n - 1] = "theirs last".to_owned();
    assert_eq!(m.notes.text("a"), text(&expected));
    // Texts that differ everywhere: quick, and both kept.
    let many = |p: &str| {
        (0..20_000)
            .map(|i| format!("{p}{i}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let start = std::time::Instant::now();
    let m = merge3(
        &notes(&[("a", &many("b"))]),
        &notes(&[("a", &many("o"))]),
        &notes(&[("a", &many("t"))]),
    );
    assert!(
        start.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert!(m.notes.text("a").contains("o19999") && m.notes.text("a").contains("t19999"));
}

#[test]
fn a_two_way_merge_drops_nothing_of_either() {
    let mut ours = notes(&[("a", "mine\nshared"), ("only-mine", "m")]);
    let mut theirs = notes(&[("a", "shared\nyours"), ("orphan", "t")]);
    ours.entry("a").budget = Some(60);
    theirs.entry("a").budget = Some(90);
    theirs.toggle_star("a");
    let m = merge2(&ours, &theirs);
    assert_eq!(m.notes.text("a"), "mine\nshared\nyours");
    assert_eq!(m.notes.text("only-mine"), "m");
    assert_eq!(m.notes.text("orphan"), "t");
    assert!(m.notes.is_starred("a"));
    assert_eq!(m.notes.dimensions["a"].budget, Some(60));
    let check = m.notes.dimensions["a"].merged.as_ref().unwrap();
    assert_eq!(check.their_budget, Some(Some(90)));
    let replaced = merge2(&notes(&[("a", "x")]), &notes(&[("a", "y")]));
    assert_eq!(
        replaced.notes.text("a"),
        format!("x\n{THEIR_VERSION}\ny\n{END_OF_THEIR_VERSION}")
    );
}
