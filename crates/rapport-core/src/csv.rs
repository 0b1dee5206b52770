//! Writing tables as CSV, safe to open in a spreadsheet.

/// A cell as written: quoted when it holds a separator, a quote or a line break (RFC 4180), and
/// with a leading `'` when a spreadsheet would otherwise run it as a formula (OWASP's advice
/// for cells starting with `=`, `+`, `-`, `@`, a tab or a carriage return). Plain numbers, such
/// as `-3` or `+2.5`, are left as numbers.
#[must_use]
pub fn cell(text: &str) -> String {
    let formula =
        text.starts_with(['=', '+', '-', '@', '\t', '\r']) && text.parse::<f64>().is_err();
    let text = if formula {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Writes one CSV line (with its line break) of `cells`, each through [`cell`]: for tables too
/// big to hold, written row by row.
pub fn write_line<'a>(
    out: &mut dyn std::io::Write,
    cells: impl IntoIterator<Item = &'a str>,
) -> std::io::Result<()> {
    for (index, text) in cells.into_iter().enumerate() {
        if index > 0 {
            out.write_all(b",")?;
        }
        out.write_all(cell(text).as_bytes())?;
    }
    out.write_all(b"\n")
}

/// Writes a table as CSV, one line per row, every cell through [`cell`].
#[must_use]
pub fn to_csv(header: &[String], rows: &[Vec<String>]) -> String {
    let line = |cells: &[String]| {
        cells
            .iter()
            .map(|text| cell(text))
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut out = line(header);
    out.push('\n');
    for row in rows {
        out.push_str(&line(row));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_and_quoting_kept() {
        for (given, written) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
            ),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tsneaky", "'\tsneaky"),
            ("\r=1", "\"'\r=1\""),
            ("-3", "-3"),
            ("+2.5", "+2.5"),
            ("a, b", "\"a, b\""),
            ("said \"hi\"", "\"said \"\"hi\"\"\""),
            ("plain", "plain"),
            ("", ""),
        ] {
            assert_eq!(cell(given), written, "{given:?}");
        }
    }

    proptest::proptest! {
        /// Whatever a cell holds, it never starts a formula once written, and reads back as
        /// one field.
        #[test]
        fn no_cell_starts_a_formula(text in "\\PC{0,12}") {
            let written = cell(&text);
            let bare = written.strip_prefix('"').unwrap_or(&written);
            let starts_formula = bare.starts_with(['=', '+', '-', '@', '\t', '\r']);
            proptest::prop_assert!(!starts_formula || bare.parse::<f64>().is_ok(), "{written:?}");
        }
    }
}
