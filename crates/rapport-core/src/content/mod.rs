//! What the workbook is made of: worksheets, programmes, questionnaires and the answers to
//! them. Schemas and their rules only; nothing here reads or writes a file.

pub mod crisis;
pub mod entry;
pub mod ids;
pub mod numbering;
pub mod programme;
pub mod questionnaire;
pub mod scoring;
pub mod workbook;
pub mod worksheet;
