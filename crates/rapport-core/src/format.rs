//! Numbered format migrations, in one place, for every file Rapport reads.
//!
//! Each kind of file has a [`Format`]: the format this version writes, and one migration per
//! step from each older format (1 → 2, 2 → 3, …), run in order on the file's RON value before
//! it is read. A file from a newer Rapport is refused with one message, [`FormatError::Newer`],
//! and left as it is. `tests/fixtures/FORMAT/vN/` keeps a file of every older format, and a test
//! reads each through its migrations.
//!
//! Every format is at version 1 today, so no migration is written yet; to change a format, add
//! its migration to the list, raise `current`, and add a fixture of the old version.

use serde::de::DeserializeOwned;

use crate::problem::describe_ron_error;
use crate::ron_format;

/// Rewrites a file's RON value from one format to the next.
pub type Step = fn(&mut ron::Value) -> Result<(), String>;

/// A migration from format `from` to `from + 1`.
#[derive(Clone, Copy, Debug)]
pub struct Migration {
    /// The format it reads.
    pub from: u32,
    /// The rewrite.
    pub run: Step,
}

/// One kind of file, its current format and how older ones are brought up to it.
#[derive(Clone, Copy, Debug)]
pub struct Format {
    /// The kind of file, for the fixtures folder and messages: "entry", "settings", ….
    pub name: &'static str,
    /// How messages name a file of this kind: "This entry", "Your settings".
    pub what: &'static str,
    /// The format this version of Rapport writes.
    pub current: u32,
    /// One migration per older format, `from` = 1, 2, … `current - 1`.
    pub migrations: &'static [Migration],
    /// Which field holds the format number.
    pub key: VersionKey,
    /// Formats whose next one only adds optional fields: a file of such a format reads as it
    /// is, without its RON value being rewritten (which loses the names of enum variants).
    pub additive: &'static [u32],
}

/// A journal entry (`journal/`, `versions/`, `trash/`, inside archives).
pub const ENTRY: Format = Format::first("entry", "This entry");
/// `settings.ron`.
pub const SETTINGS: Format = Format::first("settings", "Your settings");
/// `reminders.ron`.
pub const REMINDER_LOG: Format = Format::first("reminders", "The reminders' record");
/// `crisis.ron`.
pub const CRISIS: Format = Format::first("crisis", "Your crisis contacts");
/// `protection.ron`. Format 2 adds `state_tag`, which authenticates the state with the data
/// key; a file of format 1 has none, and is tagged at its next unlock.
pub const PROTECTION: Format = Format {
    current: 2,
    migrations: &[Migration {
        from: 1,
        run: no_change,
    }],
    additive: &[1],
    ..Format::first("protection", "The protection file")
};

/// A migration that only raises the format number: the new format adds an optional field.
#[expect(
    clippy::unnecessary_wraps,
    reason = "a migration step has this signature"
)]
fn no_change(_: &mut ron::Value) -> Result<(), String> {
    Ok(())
}
/// A participant's share file.
/// Format 2 adds `start`, the date the programme run began, so the group summary can count
/// the run's weeks; a file of format 1 has none, and its weeks count from the earliest value.
pub const SHARE: Format = Format {
    current: 2,
    migrations: &[Migration {
        from: 1,
        run: no_change,
    }],
    additive: &[1],
    ..Format::first("share", "This share file")
};
/// A RON archive or backup. Format 2 adds `registers`, the facilitator's registers kept in a
/// backup; a file of format 1 has none.
pub const ARCHIVE: Format = Format {
    current: 2,
    migrations: &[Migration {
        from: 1,
        run: no_change,
    }],
    additive: &[1],
    ..Format::first("archive", "This archive")
};
/// A draft of unsaved answers.
pub const DRAFT: Format = Format::first("draft", "This draft");
/// A facilitator's register of one run of a programme (`registers/RUN.ron`).
pub const REGISTER: Format = Format::first("register", "This register");

/// A worksheet definition (bundled, or in the user's `worksheets/`). Its `version` is the
/// worksheet's own revision; the file format is its `format` field, 1 when absent.
pub const WORKSHEET: Format = Format {
    key: VersionKey::Format,
    ..Format::first("worksheet", "This worksheet")
};
/// A programme definition; as for worksheets, its file format is its `format` field.
pub const PROGRAMME: Format = Format {
    key: VersionKey::Format,
    ..Format::first("programme", "This programme")
};

/// Every format, for the tests that check migrations and fixtures.
pub const ALL: [Format; 11] = [
    ENTRY,
    SETTINGS,
    REMINDER_LOG,
    CRISIS,
    PROTECTION,
    SHARE,
    ARCHIVE,
    DRAFT,
    REGISTER,
    WORKSHEET,
    PROGRAMME,
];

/// Which field of a file holds its format number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VersionKey {
    /// `version`, for files Rapport writes.
    Version,
    /// `format`, for definitions whose `version` is their own revision; absent means 1.
    Format,
}

/// The format number a definition without a `format` field has.
#[must_use]
pub fn first_format() -> u32 {
    1
}

impl Format {
    /// A format still at its first version.
    const fn first(name: &'static str, what: &'static str) -> Self {
        Self {
            name,
            what,
            current: 1,
            migrations: &[],
            key: VersionKey::Version,
            additive: &[],
        }
    }
}

/// A value that records the format it was written in.
pub trait Versioned {
    /// The format of this value, as read from its file.
    fn format(&self) -> u32;
}

/// Why a file could not be read as its format.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// The text is not valid for the format.
    #[error("{what} could not be read at {detail}")]
    Syntax {
        /// How the file is named in messages.
        what: &'static str,
        /// Where and what, e.g. "line 3, column 2: expected …".
        detail: String,
    },
    /// The file was written by a newer Rapport.
    #[error(
        "{what} came from a newer version of Rapport (format {found}; this version reads up to {current}). Update Rapport to open it; the file was left as it is"
    )]
    Newer {
        /// How the file is named in messages.
        what: &'static str,
        /// The format the file has.
        found: u32,
        /// The newest format this version reads.
        current: u32,
    },
    /// The format number is not one Rapport ever wrote.
    #[error("{what} has format version {found}, which no version of Rapport writes")]
    Unknown {
        /// How the file is named in messages.
        what: &'static str,
        /// The format the file claims.
        found: u32,
    },
    /// A migration could not rewrite the file.
    #[error("{what} could not be brought up to date from format {from}: {reason}")]
    Migration {
        /// How the file is named in messages.
        what: &'static str,
        /// The format the migration reads.
        from: u32,
        /// What went wrong.
        reason: String,
    },
}

#[derive(serde::Deserialize)]
struct Probe {
    version: u32,
}

#[derive(serde::Deserialize)]
struct FormatProbe {
    #[serde(default = "first_format")]
    format: u32,
}

impl Format {
    /// Reads `text` as this format: the current format at once, an older one through its
    /// migrations, a newer one refused.
    pub fn parse<T: DeserializeOwned + Versioned>(&self, text: &str) -> Result<T, FormatError> {
        let options = ron_format::options();
        // The common case parses once; only a file that is not of the current format is probed.
        let (found, detail) = match options.from_str::<T>(text) {
            Ok(value) if value.format() == self.current => return Ok(value),
            Ok(value)
                if (value.format()..self.current).all(|from| self.additive.contains(&from))
                    && (1..self.current).contains(&value.format()) =>
            {
                return Ok(value);
            }
            Ok(value) => (value.format(), String::new()),
            // Written before files declared their RON extensions: `Some((…))` of a struct.
            Err(_)
                if let Ok(value) = ron_format::options_without_unwrapping().from_str::<T>(text)
                    && value.format() == self.current =>
            {
                return Ok(value);
            }
            Err(error) => {
                let detail = describe_ron_error(&error);
                let probed = match self.key {
                    VersionKey::Version => options.from_str::<Probe>(text).map(|p| p.version),
                    VersionKey::Format => options.from_str::<FormatProbe>(text).map(|p| p.format),
                };
                match probed {
                    Ok(found) => (found, detail),
                    Err(_) => return Err(self.syntax(detail)),
                }
            }
        };
        if found > self.current {
            Err(FormatError::Newer {
                what: self.what,
                found,
                current: self.current,
            })
        } else if found == self.current {
            Err(self.syntax(detail))
        } else if found == 0 {
            Err(FormatError::Unknown {
                what: self.what,
                found,
            })
        } else {
            self.migrate(text, found)
        }
    }

    fn syntax(&self, detail: String) -> FormatError {
        FormatError::Syntax {
            what: self.what,
            detail,
        }
    }

    /// Runs the migrations from `found` up to the current format, then reads the result.
    fn migrate<T: DeserializeOwned>(&self, text: &str, found: u32) -> Result<T, FormatError> {
        let mut value: ron::Value =
            ron_format::options()
                .from_str(text)
                .map_err(|error| FormatError::Syntax {
                    what: self.what,
                    detail: describe_ron_error(&error),
                })?;
        for from in found..self.current {
            let migration = self
                .migrations
                .iter()
                .find(|migration| migration.from == from)
                .ok_or(FormatError::Unknown {
                    what: self.what,
                    found,
                })?;
            (migration.run)(&mut value).map_err(|reason| FormatError::Migration {
                what: self.what,
                from,
                reason,
            })?;
            set_version(&mut value, self.key, from + 1);
        }
        value.into_rust().map_err(|error| FormatError::Syntax {
            what: self.what,
            detail: error.to_string(),
        })
    }
}

/// Sets the top-level format field of a RON struct value.
fn set_version(value: &mut ron::Value, key: VersionKey, version: u32) {
    let name = match key {
        VersionKey::Version => "version",
        VersionKey::Format => "format",
    };
    if let ron::Value::Map(map) = value {
        map.insert(
            ron::Value::String(name.to_owned()),
            ron::Value::Number(ron::value::Number::U32(version)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Note {
        version: u32,
        title: String,
    }

    impl Versioned for Note {
        fn format(&self) -> u32 {
            self.version
        }
    }

    /// Format 1 called the title `name`.
    fn rename_name_to_title(value: &mut ron::Value) -> Result<(), String> {
        let ron::Value::Map(map) = value else {
            return Err("not a struct".into());
        };
        let name = map
            .remove(&ron::Value::String("name".into()))
            .ok_or("has no name")?;
        map.insert(ron::Value::String("title".into()), name);
        Ok(())
    }

    const NOTE: Format = Format {
        name: "note",
        what: "This note",
        current: 2,
        migrations: &[Migration {
            from: 1,
            run: rename_name_to_title,
        }],
        key: VersionKey::Version,
        additive: &[],
    };

    #[test]
    fn current_older_and_newer_files() {
        let current: Note = NOTE.parse("(version: 2, title: \"a\")").unwrap();
        assert_eq!(current.title, "a");
        let old: Note = NOTE.parse("(version: 1, name: \"b\")").unwrap();
        assert_eq!(
            old,
            Note {
                version: 2,
                title: "b".into()
            }
        );
        let newer = NOTE.parse::<Note>("(version: 3, other: 1)").unwrap_err();
        assert_eq!(
            newer.to_string(),
            "This note came from a newer version of Rapport (format 3; this version reads up to 2). Update Rapport to open it; the file was left as it is"
        );
        assert!(matches!(
            NOTE.parse::<Note>("(version: 0, title: \"x\")"),
            Err(FormatError::Unknown { found: 0, .. })
        ));
        assert!(matches!(
            NOTE.parse::<Note>("(version: 2, title: 3)"),
            Err(FormatError::Syntax { .. })
        ));
        assert!(matches!(
            NOTE.parse::<Note>("(titl"),
            Err(FormatError::Syntax { .. })
        ));
        assert!(matches!(
            NOTE.parse::<Note>("(version: 1, title: \"no name\")"),
            Err(FormatError::Migration { from: 1, .. })
        ));
    }

    #[test]
    fn every_format_has_a_migration_for_each_older_version() {
        for format in ALL {
            let froms: Vec<u32> = format.migrations.iter().map(|m| m.from).collect();
            let expected: Vec<u32> = (1..format.current).collect();
            assert_eq!(froms, expected, "{}", format.name);
        }
    }
}
