//! Progress as a table, and charts as PNG or SVG files.

use std::io::Write;

use rapport_core::insight::chart::{self, Chart, Theme};
use rapport_core::insight::progress::{self, TimeRange};
use rapport_core::service::model::Model;

use super::library::find;
use super::table::write_table;
use super::{ChartArgs, ChartKind, CliError, Context, ThemeArg};

/// `rapport progress`.
pub(super) fn progress(
    cx: &Context<'_>,
    id: &str,
    csv: bool,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let (data_dir, workbook) = (cx.data_dir, cx.workbook);
    let worksheet = find(workbook, id)?;
    let model = Model::open(data_dir.clone())?;
    let (header, rows) = progress::table(worksheet, model.journal().entries());
    if header.len() < 2 {
        return Err(CliError::new(format!(
            "“{id}” has no tracked ratings, so it has no progress to show."
        )));
    }
    if csv {
        write!(out, "{}", rapport_core::csv::to_csv(&header, &rows))?;
    } else if rows.is_empty() {
        writeln!(
            out,
            "No entries with ratings for “{}” yet.",
            worksheet.title
        )?;
    } else {
        write_table(&header, &rows, out)?;
    }
    Ok(true)
}

/// `rapport chart`.
pub(super) fn chart(
    cx: &Context<'_>,
    args: ChartArgs,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let ChartArgs {
        id,
        kind,
        range,
        out: path,
        width,
        height,
        theme,
    } = args;
    let (data_dir, workbook) = (cx.data_dir, cx.workbook);
    let model = Model::open(data_dir.clone())?;
    let today = rapport_core::time::LocalTime::now();
    let range = TimeRange::from(range);
    let chart = match (kind, id) {
        (ChartKind::Trend | ChartKind::BeforeAfter, None) => {
            return Err(CliError::new(
                "Name the worksheet, e.g. `rapport chart coping-skills --out chart.png`.",
            ));
        }
        (ChartKind::Trend, Some(id)) => {
            find(workbook, &id)?;
            Chart::Trend(model.trend_chart(&id, range, today).unwrap_or_else(|| {
                rapport_core::insight::chart::TrendChart::new(id.clone(), Vec::new())
            }))
        }
        (ChartKind::BeforeAfter, Some(id)) => {
            find(workbook, &id)?;
            Chart::BeforeAfter(
                model
                    .before_after_charts(&id, range, today)
                    .into_iter()
                    .next()
                    .ok_or_else(|| {
                        CliError::new(format!("“{id}” has no before-and-after ratings."))
                    })?,
            )
        }
        (ChartKind::Weekly, _) => Chart::Weekly(model.weekly_chart(today, 26)),
        (ChartKind::Calendar, _) => Chart::Calendar(model.calendar_chart(today)),
        (ChartKind::Relationships, _) => Chart::Trend(model.relationships_chart(range, today)),
    };
    let theme = match theme {
        ThemeArg::Light => Theme::Light,
        ThemeArg::Dark => Theme::Dark,
    };
    chart::write_file(&chart, &path, width, height, theme)
        .map_err(|error| CliError::new(error.to_string()))?;
    writeln!(out, "{}", path.display())?;
    Ok(true)
}
