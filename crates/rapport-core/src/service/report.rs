//! The summary for an appointment, for the app and the command line.

use std::path::Path;

use jiff::civil::Date;

use crate::facilitator::handout::{self, Paper};
use crate::insight::report::{self, Report, ReportChoices};
use crate::service::model::Model;

impl Model {
    /// The summary of the days `from` to `to` (both included), holding only what `choices`
    /// let in; `today` is printed on it.
    #[must_use]
    pub fn appointment_report(
        &self,
        from: Date,
        to: Date,
        today: Date,
        choices: ReportChoices,
    ) -> Report {
        let course = crate::storage::settings::load(self.data_dir())
            .value
            .following
            .and_then(|following| {
                let programme = self.workbook().programme(&following.programme)?;
                Some(format!(
                    "Following “{}”: {}",
                    programme.title,
                    crate::content::numbering::place(
                        programme,
                        following.session.saturating_sub(1)
                    )
                ))
            });
        report::build(
            self.workbook(),
            self.journal().entries(),
            from,
            to,
            today,
            course,
            choices,
        )
    }

    /// The worksheets with written answers in the period, by id and title, for the person to
    /// tick the ones whose words may go in.
    #[must_use]
    pub fn worksheets_with_writing(&self, from: Date, to: Date) -> Vec<(String, String)> {
        let mut found: Vec<(String, String)> = Vec::new();
        for entry in self.journal().entries() {
            if !(from..=to).contains(&entry.created.date())
                || found.iter().any(|(id, _)| *id == entry.worksheet)
            {
                continue;
            }
            let Some(worksheet) = self.workbook().get(&entry.worksheet) else {
                continue;
            };
            let writes = worksheet.steps.iter().any(|step| {
                matches!(
                    step.field,
                    crate::content::worksheet::Field::Text
                        | crate::content::worksheet::Field::LongText
                        | crate::content::worksheet::Field::List(_)
                ) && entry.answers.contains_key(&step.id)
            });
            if writes {
                found.push((worksheet.id.clone(), worksheet.title.clone()));
            }
        }
        found.sort_by(|a, b| a.1.cmp(&b.1));
        found
    }
}

/// Writes the summary as a PDF to `path`.
pub fn write_report(report: &Report, path: &Path, paper: Paper) -> Result<(), String> {
    handout::report_pdf(report, paper)
        .and_then(|bytes| handout::write(path, &bytes))
        .map_err(|error| error.to_string())
}
