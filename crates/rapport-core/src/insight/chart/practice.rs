//! Practice: entries per week stacked by worksheet, and a calendar of days practised.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartError, Style, draw_error, draw_legend};
use crate::insight::progress::WeeklyPractice;

/// Entries per week, stacked by worksheet.
#[derive(Clone, Debug, PartialEq)]
pub struct WeeklyChart {
    /// Title drawn above the plot.
    pub title: String,
    /// The counts.
    pub data: WeeklyPractice,
}

impl WeeklyChart {
    pub(super) fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<(), ChartError> {
        let data = &self.data;
        let most = data
            .counts
            .iter()
            .map(|week| week.iter().sum::<u32>())
            .max()
            .unwrap_or(0);
        if most == 0 {
            return style.empty(root, &self.title, "Nothing saved in these weeks yet.");
        }
        let weeks = data.weeks.len();
        let mut plot = ChartBuilder::on(root)
            .caption(&self.title, style.text(18.0))
            .margin(style.px(12.0))
            .x_label_area_size(style.px(34.0))
            .y_label_area_size(style.px(44.0))
            // Headroom above the tallest bar for the legend.
            .build_cartesian_2d(0f64..weeks as f64, 0f64..f64::from(most) * 1.6)
            .map_err(draw_error)?;
        let format_y = |value: &f64| format!("{value:.0}");
        let label_every = weeks.div_ceil(8).max(1);
        let format_x = |x: &f64| {
            let index = x.floor() as usize;
            if index.is_multiple_of(label_every) {
                data.weeks
                    .get(index)
                    .map(|monday| monday.strftime("%-d %b").to_string())
                    .unwrap_or_default()
            } else {
                String::new()
            }
        };
        plot.configure_mesh()
            .disable_x_mesh()
            .x_labels(weeks + 1)
            .x_label_formatter(&format_x)
            .y_labels(6)
            .y_label_formatter(&format_y)
            .label_style(style.text(13.0))
            .axis_desc_style(style.text(13.0))
            .y_desc("Entries")
            .x_desc("Week starting")
            .axis_style(style.palette.text.stroke_width(style.px(1.0)))
            .bold_line_style(style.palette.grid.stroke_width(style.px(1.0)))
            .light_line_style(style.palette.background)
            .draw()
            .map_err(draw_error)?;
        for (name_index, name) in data.names.iter().enumerate() {
            // "Other" is grey, so the named worksheets keep the distinct colours.
            let colour = if name_index >= style.palette.lines.len() || name == "Other" {
                RGBColor(150, 150, 150)
            } else {
                style.palette.lines[name_index]
            };
            let bars = data.counts.iter().enumerate().filter_map(|(week, counts)| {
                let below: u32 = counts[..name_index].iter().sum();
                let count = counts[name_index];
                (count > 0).then(|| {
                    let x = week as f64;
                    Rectangle::new(
                        [
                            (x + 0.12, f64::from(below)),
                            (x + 0.88, f64::from(below + count)),
                        ],
                        colour.filled(),
                    )
                })
            });
            plot.draw_series(bars)
                .map_err(draw_error)?
                .label(name.clone())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 12, y + 5)], colour.filled())
                });
        }
        draw_legend(&mut plot, style, SeriesLabelPosition::UpperRight, 12.0)?;
        Ok(())
    }
}

/// Days practised over a span of days, as a calendar: one column per week, one row per day.
#[derive(Clone, Debug, PartialEq)]
pub struct CalendarChart {
    /// Title drawn above the calendar.
    pub title: String,
    /// The last day shown.
    pub end: jiff::civil::Date,
    /// Entries per day, oldest first, ending on `end`.
    pub counts: Vec<u32>,
}

impl CalendarChart {
    pub(super) fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<(), ChartError> {
        if !self.counts.iter().any(|n| *n > 0) {
            return style.empty(root, &self.title, "Days you practise will be marked here.");
        }
        let (width, height) = root.dim_in_pixel();
        root.draw(&Text::new(
            self.title.clone(),
            (i32::try_from(width / 2).unwrap_or(0), style.px_i(10.0)),
            style.text(18.0).pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(draw_error)?;
        let days = i64::try_from(self.counts.len()).unwrap_or(0);
        let Ok(start) = self.end.checked_sub(jiff::Span::new().days(days - 1)) else {
            return Ok(());
        };
        let offset = i64::from(start.weekday().to_monday_zero_offset());
        let columns = (days + offset + 6) / 7;
        let left = style.px_i(40.0);
        let top = style.px_i(58.0);
        let (width, height) = (
            i32::try_from(width).unwrap_or(i32::MAX),
            i32::try_from(height).unwrap_or(i32::MAX),
        );
        let available_width = width - left - style.px_i(12.0);
        let available_height = height - top - style.px_i(40.0);
        let cell = (available_width / i32::try_from(columns.max(1)).unwrap_or(1))
            .min(available_height / 7)
            .max(2);
        let gap = (cell / 6).max(1);
        let most = self.counts.iter().copied().max().unwrap_or(1).max(1);
        let ink = style.palette.lines[2];
        for (index, count) in self.counts.iter().enumerate() {
            let position = i64::try_from(index).unwrap_or(0) + offset;
            let (column, row) = ((position / 7) as i32, (position % 7) as i32);
            let x = left + column * cell;
            let y = top + row * cell;
            let fill = if *count == 0 {
                style.palette.grid.filled()
            } else {
                ink.mix(0.3 + 0.7 * f64::from(*count) / f64::from(most))
                    .filled()
            };
            root.draw(&Rectangle::new(
                [(x, y), (x + cell - gap, y + cell - gap)],
                fill,
            ))
            .map_err(draw_error)?;
        }
        for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri"), (6, "Sun")] {
            root.draw(&Text::new(
                name,
                (left - style.px_i(6.0), top + row * cell + cell / 2),
                style.text(11.0).pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(draw_error)?;
        }
        // Month names above the first column that starts in each month.
        let mut last_month = 0;
        for column in 0..columns {
            let Ok(date) = start.checked_add(jiff::Span::new().days(column * 7 - offset)) else {
                continue;
            };
            if date.month() != last_month && date.day() <= 7 {
                last_month = date.month();
                root.draw(&Text::new(
                    date.strftime("%b").to_string(),
                    (left + column as i32 * cell, top - style.px_i(4.0)),
                    style.text(11.0).pos(Pos::new(HPos::Left, VPos::Bottom)),
                ))
                .map_err(draw_error)?;
            }
        }
        let practised = self.counts.iter().filter(|n| **n > 0).count();
        root.draw(&Text::new(
            format!("{practised} of {} days with an entry", self.counts.len()),
            (left, top + 7 * cell + style.px_i(10.0)),
            style.text(13.0),
        ))
        .map_err(draw_error)?;
        Ok(())
    }
}
