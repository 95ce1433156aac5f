//! The talk's part of the notes panel: for a dimension, which subject fits
//! better, how much it matters and its budget; for the whole comparison,
//! the talk's length, how budgets are shared, and where each subject wins.

use egui::RichText;

use crate::notes::Verdict;
use crate::notes::talk::MAX_WEIGHT;
use crate::session::command::{PresentCmd, TalkCmd};
use crate::session::{Command, Session};
use crate::talk::{clock_text, whole_seconds};

/// Verdict, weight and budget of dimension `index`.
pub fn dimension_ui(
    ui: &mut egui::Ui,
    session: &Session,
    index: usize,
    commands: &mut Vec<Command>,
) {
    let Some(d) = session.comparison.dimensions.get(index) else {
        return;
    };
    let notes = session.notes().get(&d.id).cloned().unwrap_or_default();
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Better fit");
        let shown = match &notes.verdict {
            None => "No verdict".to_owned(),
            Some(Verdict::Even) => "Even".to_owned(),
            Some(Verdict::Subject(id)) => session
                .comparison
                .subjects
                .iter()
                .find(|s| &s.id == id)
                .map_or_else(|| format!("{id} (not in the content)"), |s| s.name.clone()),
        };
        egui::ComboBox::from_id_salt(("verdict", &d.id))
            .selected_text(shown)
            .show_ui(ui, |ui| {
                let mut choices = vec![
                    (None, "No verdict".to_owned()),
                    (Some(Verdict::Even), "Even".to_owned()),
                ];
                choices.extend(
                    session
                        .comparison
                        .subjects
                        .iter()
                        .map(|s| (Some(Verdict::Subject(s.id.clone())), s.name.clone())),
                );
                for (verdict, name) in choices {
                    if ui
                        .selectable_label(notes.verdict == verdict, name)
                        .clicked()
                    {
                        commands.push(
                            TalkCmd::SetVerdict {
                                dimension: index,
                                verdict,
                            }
                            .into(),
                        );
                    }
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("Which subject fits your audience's case better here");
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Matters")
            .on_hover_text("How much this dimension weighs in the verdict (0: not at all)");
        for w in 0..=MAX_WEIGHT {
            if ui
                .selectable_label(notes.weight() == w, format!("{w}"))
                .on_hover_text(format!("Weight {w} of {MAX_WEIGHT}"))
                .clicked()
            {
                commands.push(
                    TalkCmd::SetWeight {
                        dimension: index,
                        weight: w,
                    }
                    .into(),
                );
            }
        }
    });
    budget_ui(ui, session, index, &d.id, commands);
}

/// The dimension's budget: proposed or set by hand, and its time in the
/// last rehearsal.
fn budget_ui(
    ui: &mut egui::Ui,
    session: &Session,
    index: usize,
    id: &str,
    commands: &mut Vec<Command>,
) {
    let plan = &session.plan;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Budget");
        match plan.budget_of(index) {
            Some(budget) => {
                let mut seconds = budget.seconds;
                let response = ui
                    .add(
                        egui::DragValue::new(&mut seconds)
                            .range(0..=crate::notes::talk::MAX_BUDGET_SECONDS)
                            .speed(5.0)
                            .custom_formatter(|v, _| clock_text(whole_seconds(v)))
                            .custom_parser(parse_clock),
                    )
                    .labelled_by(label.id)
                    .on_hover_text("Drag or type m:ss");
                if response.changed() {
                    commands.push(
                        TalkCmd::SetBudget {
                            dimension: index,
                            seconds: Some(seconds),
                        }
                        .into(),
                    );
                }
                if budget.by_hand {
                    if ui.button("Use the proposal").clicked() {
                        commands.push(
                            TalkCmd::SetBudget {
                                dimension: index,
                                seconds: None,
                            }
                            .into(),
                        );
                    }
                } else if plan.target == 0 {
                    // Nothing to share yet: 0:00 is not a proposal.
                    ui.label(
                        RichText::new("no talk length yet: set it on the Introduction").weak(),
                    );
                } else {
                    ui.label(RichText::new("proposed").weak());
                }
                if let Some(run) = session.notes().talk.last_rehearsal()
                    && let Some(s) = run.seconds.get(id)
                {
                    ui.label(
                        RichText::new(format!("last rehearsal {}", clock_text(i64::from(*s))))
                            .weak(),
                    );
                }
            }
            None => {
                ui.label(RichText::new("not presented (only starred dimensions are)").weak());
            }
        }
    });
}

/// The talk's length, how budgets are shared, the plan's total and the
/// verdicts' summary.
pub fn talk_ui(ui: &mut egui::Ui, session: &Session, commands: &mut Vec<Command>) {
    let talk = &session.notes().talk;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Talk length");
        let mut minutes = talk.minutes;
        let response = ui
            .add(
                egui::DragValue::new(&mut minutes)
                    .range(0..=crate::notes::talk::MAX_TALK_MINUTES)
                    .suffix(" min"),
            )
            .labelled_by(label.id);
        if response.changed() {
            commands.push(TalkCmd::SetTalkMinutes(minutes).into());
        }
        let mut weighted = talk.weighted;
        if ui
            .checkbox(&mut weighted, "Share by what I marked")
            .on_hover_text("Budgets not set by hand follow each dimension's weight, highlights and note, rather than being equal")
            .changed()
        {
            commands.push(TalkCmd::SetWeighted(weighted).into());
        }
    });
    ui.horizontal_wrapped(|ui| {
        let mut starred_only = session.present_options.starred_only;
        if ui
            .checkbox(&mut starred_only, "Present starred dimensions only")
            .on_hover_text("When any dimension is starred; else all are presented")
            .changed()
        {
            commands.push(PresentCmd::StarredOnly(starred_only).into());
        }
        let mut summaries = session.present_options.summaries;
        if ui.checkbox(&mut summaries, "Summaries on slides").changed() {
            commands.push(PresentCmd::Summaries(summaries).into());
        }
    });
    let plan = &session.plan;
    let over = plan.target > 0 && plan.total() > plan.target;
    let text = RichText::new(format!("Planned: {}", plan.total_text()));
    ui.label(if over {
        text.color(ui.visuals().warn_fg_color)
    } else {
        text
    });
    if let Some(run) = talk.last_rehearsal() {
        ui.label(
            RichText::new(format!(
                "Last rehearsal ({}): {}",
                run.date,
                clock_text(i64::from(run.total()))
            ))
            .weak(),
        );
    }
    let summary = session.summary();
    ui.label(RichText::new(summary.text(&session.comparison)).strong());
    let flip = summary.flip_text(&session.comparison);
    if !flip.is_empty() {
        ui.label(RichText::new(flip).weak());
    }
    ui.horizontal(|ui| {
        for (label, rehearse) in [("Present", false), ("Rehearse", true)] {
            let command: Command = PresentCmd::Start { rehearse }.into();
            let keys = crate::ui::actions::keys_for(ui.ctx(), &command);
            if ui.button(format!("{label} ({keys})")).clicked() {
                commands.push(command);
            }
        }
    });
}

/// `m:ss`, `h:mm:ss` or plain seconds.
fn parse_clock(text: &str) -> Option<f64> {
    let mut seconds = 0u32;
    for part in text.trim().split(':') {
        seconds = seconds
            .checked_mul(60)?
            .checked_add(part.trim().parse().ok()?)?;
    }
    Some(f64::from(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_are_typed_as_a_clock_or_as_seconds() {
        assert_eq!(parse_clock("1:30"), Some(90.0));
        assert_eq!(parse_clock("75"), Some(75.0));
        assert_eq!(parse_clock("1:00:05"), Some(3605.0));
        assert_eq!(parse_clock("a:b"), None);
        assert_eq!(parse_clock(""), None);
    }
}
