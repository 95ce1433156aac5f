//! Moving around: the selection and the columns shown.

use super::Session;
use super::command::Nav;

impl Session {
    /// Moves the selection or changes the columns.
    pub fn apply_nav(&mut self, command: Nav) {
        match command {
            Nav::Select(section) => self.selected = section,
            Nav::Move(_) | Nav::First | Nav::Last if self.outline().is_empty() => {}
            Nav::Move(delta) => {
                let row = self.row_of(self.selected).saturating_add_signed(delta);
                self.selected = self.section_at(row);
                self.selection_jumped = true;
            }
            Nav::First => {
                self.selected = self.section_at(0);
                self.selection_jumped = true;
            }
            Nav::Last => {
                self.selected = self.section_at(usize::MAX);
                self.selection_jumped = true;
            }
            Nav::SetColumn { column, subject } => {
                if subject < self.comparison.subjects.len() && column < 2 {
                    // Never the same subject twice: choosing the other
                    // column's subject swaps the two.
                    let other = 1 - column;
                    if self.columns[other] == subject {
                        self.columns[other] = self.columns[column];
                    }
                    self.columns[column] = subject;
                }
            }
            Nav::ShowAllSubjects(all) => self.all_subjects = all,
            Nav::SwapColumns => self.columns.swap(0, 1),
        }
    }
}
