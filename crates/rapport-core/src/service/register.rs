//! The facilitator's group register: one call per action, for the app and the command line.
//! Every change reads the register again under the writer lock, checks it and saves it
//! atomically (sealed when the journal is protected); see [`crate::facilitator::register`].

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::facilitator::handout::{self, Paper};
use crate::facilitator::register::{self, Context, FollowUp, Measured, Register, RegisterError};
use crate::service::model::Model;

/// The formats a register is exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegisterExport {
    /// One row per member and session, safe to open in a spreadsheet.
    Csv,
    /// The table, the follow-ups and the charts, to print.
    Pdf,
}

impl Model {
    /// Every register in the data folder, by id; one that cannot be read is an error, left as
    /// it is on disk.
    #[must_use]
    pub fn registers(&self) -> Vec<(String, Result<Register, RegisterError>)> {
        register::ids(self.data_dir())
            .into_iter()
            .map(|id| {
                let loaded = register::load(self.data_dir(), &id);
                (id, loaded)
            })
            .collect()
    }

    /// The register `id`.
    pub fn register(&self, id: &str) -> Result<Register, RegisterError> {
        register::load(self.data_dir(), id)
    }

    /// The programme and measure the register follows, for its rules and labels.
    pub fn register_context<'a>(
        &'a self,
        register: &Register,
    ) -> Result<Context<'a>, RegisterError> {
        Context::of(register, self.workbook())
    }

    /// Starts a register for a run of `programme` named `name`, starting on `start`, with the
    /// PHQ-9 as its measure.
    pub fn new_register(
        &self,
        name: &str,
        programme: &str,
        start: Date,
    ) -> Result<Register, RegisterError> {
        self.new_register_measuring(name, programme, register::DEFAULT_MEASURE, start)
    }

    /// As [`Model::new_register`], with the questionnaire worksheet `measure` (`phq9`, `gad7`,
    /// `who5`, or the user's own) as the run's measure.
    pub fn new_register_measuring(
        &self,
        name: &str,
        programme: &str,
        measure: &str,
        start: Date,
    ) -> Result<Register, RegisterError> {
        if self.workbook().programme(programme).is_none() {
            let ids: Vec<&str> = self
                .workbook()
                .programmes()
                .map(|p| p.id.as_str())
                .collect();
            return Err(RegisterError::Invalid(format!(
                "There is no programme “{programme}”. Write one of {}.",
                ids.join(", ")
            )));
        }
        let taken = register::ids(self.data_dir());
        let id = register::new_id(start, &taken);
        let mut made = Register::new(&id, name, programme, start);
        measure.clone_into(&mut made.measure);
        let cx = self.register_context(&made)?;
        if let Some(problem) = made.problems(&cx).into_iter().next() {
            return Err(RegisterError::Invalid(problem));
        }
        register::save(self.data_dir(), &made)?;
        Ok(made)
    }

    /// Adds a member (a first name or a pseudonym) to the register `id`.
    pub fn add_member(&self, id: &str, name: &str) -> Result<Register, RegisterError> {
        register::change(self.data_dir(), self.workbook(), id, |r, _| {
            r.add_member(name)
        })
        .map(|(register, ())| register)
    }

    /// Marks each of `members` as there (or not) at the session `session` (`before`, `1`, …).
    pub fn record_attendance(
        &self,
        id: &str,
        session: &str,
        members: &[String],
        present: bool,
    ) -> Result<Register, RegisterError> {
        register::change(self.data_dir(), self.workbook(), id, |r, cx| {
            members
                .iter()
                .try_for_each(|member| r.set_attendance(cx, member, session, present))
        })
        .map(|(register, ())| register)
    }

    /// Records `member`'s measure at `session`, replacing one recorded there before; returns
    /// the register and the total.
    pub fn record_score(
        &self,
        id: &str,
        member: &str,
        session: &str,
        value: Measured,
    ) -> Result<(Register, i64), RegisterError> {
        register::change(self.data_dir(), self.workbook(), id, |r, cx| {
            r.set_score(cx, member, session, value)
        })
    }

    /// Removes `member`'s measure at `session`.
    pub fn clear_score(
        &self,
        id: &str,
        member: &str,
        session: &str,
    ) -> Result<Register, RegisterError> {
        register::change(self.data_dir(), self.workbook(), id, |r, cx| {
            r.clear_score(cx, member, session)
        })
        .map(|(register, ())| register)
    }

    /// Each member's follow-ups, in the register's order.
    pub fn follow_ups<'r>(
        &self,
        register: &'r Register,
    ) -> Result<Vec<(&'r str, Vec<FollowUp>)>, RegisterError> {
        let cx = self.register_context(register)?;
        Ok(register
            .members
            .iter()
            .map(|m| (m.name.as_str(), register::follow_ups(register, m, &cx)))
            .collect())
    }

    /// Writes the register `id` as CSV or PDF to `path`. Refused inside the data folder's
    /// private folders, where only Rapport's own files go.
    pub fn export_register(
        &self,
        id: &str,
        format: RegisterExport,
        path: &Path,
    ) -> Result<PathBuf, RegisterError> {
        if self.data_dir().holds_private(path) {
            return Err(RegisterError::Invalid(format!(
                "That is inside Rapport's private folders, where only its own files go; choose another place. Path: {}",
                path.display()
            )));
        }
        let found = self.register(id)?;
        let cx = self.register_context(&found)?;
        let failed = |reason: String| RegisterError::Write {
            path: path.to_path_buf(),
            reason,
        };
        let bytes = match format {
            RegisterExport::Csv => register::csv(&found, &cx).into_bytes(),
            RegisterExport::Pdf => handout::register_pdf(&found, &cx, Paper::A4)
                .map_err(|error| failed(error.to_string()))?,
        };
        handout::write(path, &bytes).map_err(|error| failed(error.to_string()))?;
        Ok(path.to_path_buf())
    }

    /// Where an export of the register goes unless the facilitator picks another place.
    #[must_use]
    pub fn default_register_export(&self, register: &Register, format: RegisterExport) -> PathBuf {
        let extension = match format {
            RegisterExport::Csv => "csv",
            RegisterExport::Pdf => "pdf",
        };
        self.data_dir()
            .export_file(&format!("register-{}.{extension}", register.id))
    }
}
