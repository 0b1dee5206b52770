//! Problems found while loading files: what went wrong and where, for the user to act on.

use std::fmt;
use std::path::{Path, PathBuf};

/// One file that could not be used, and why. The file itself is left untouched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where the file is: a path on disk, or `bundled:NAME` for the built-in workbook.
    pub path: PathBuf,
    /// What is wrong, in words a person can act on.
    pub message: String,
}

impl Problem {
    /// A problem with the file at `path`.
    pub fn new(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Self {
            path: path.as_ref().to_path_buf(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    /// Message first, path last, so the part to read comes first.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.path.display())
    }
}

/// Describes a RON parse error with its line and column, for a person editing the file.
#[must_use]
pub fn describe_ron_error(error: &ron::error::SpannedError) -> String {
    let at = error.span.start;
    let what = match &error.code {
        // RON's own words suggest a crate to a programmer; a person needs to know what is wrong.
        ron::error::Error::ExceededRecursionLimit => {
            "it is nested too deeply (brackets inside brackets) to be a Rapport file".to_owned()
        }
        other => other.to_string(),
    };
    format!("line {}, column {}: {what}", at.line, at.col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_nested_too_deeply_is_described_without_programmer_advice() {
        let text = format!("{}{}", "[".repeat(500), "]".repeat(500));
        let error = crate::ron_format::options()
            .from_str::<ron::Value>(&text)
            .unwrap_err();
        let said = describe_ron_error(&error);
        assert!(said.contains("nested too deeply"), "{said}");
        assert!(!said.contains("serde_stacker"), "{said}");
    }
}
