//! Practice: entries per week stacked by worksheet, and a calendar of days practised.

use std::fmt::Write as _;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    ChartError, LegendItem, Mapping, Mark, Palette, Style, blend, count_of, date_axis, date_to_day,
    draw_error,
};
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
    /// The colour of the `index`th name: its worksheet's slot, or grey for "Other".
    fn colour(&self, palette: &Palette, index: usize) -> RGBColor {
        match self.data.slots.get(index).copied().flatten() {
            Some(slot) => palette.lines[slot % palette.lines.len()],
            None => palette.other,
        }
    }

    pub(super) fn legend(&self, palette: &Palette) -> Vec<LegendItem> {
        self.data
            .names
            .iter()
            .enumerate()
            .map(|(index, name)| LegendItem::new(name, self.colour(palette, index), Mark::Swatch))
            .collect()
    }

    /// The week under the pointer: its entries in all, and by worksheet.
    pub(super) fn tooltip(&self, mapping: &Mapping, (px, py): (f32, f32)) -> Option<String> {
        if !mapping.contains(px, py) {
            return None;
        }
        let (day, _) = mapping.to_data(px, py);
        let first = date_to_day(*self.data.weeks.first()?);
        let index = usize::try_from(((day - first) / 7.0).floor() as i64).ok()?;
        let (monday, counts) = (self.data.weeks.get(index)?, self.data.counts.get(index)?);
        let total: u32 = counts.iter().sum();
        let mut text = format!(
            "Week of {}: {}",
            monday.strftime("%-d %b %Y"),
            count_of(total as usize, "entry", "entries")
        );
        for (name, count) in self.data.names.iter().zip(counts) {
            if *count > 0 {
                let _ = write!(text, "\n{name}: {count}");
            }
        }
        Some(text)
    }

    pub(super) fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<Option<Mapping>, ChartError> {
        let data = &self.data;
        let most = data
            .counts
            .iter()
            .map(|week| week.iter().sum::<u32>())
            .max()
            .unwrap_or(0);
        let Some(first) = data.weeks.first().copied().filter(|_| most > 0) else {
            style.empty(root, &self.title, "Nothing saved in these weeks yet.")?;
            return Ok(None);
        };
        let body = style.header(root, &self.title, &self.legend(&style.palette))?;
        // The x axis is in days, so the shared date axis picks the ticks for any range.
        let x_low = date_to_day(first);
        let x_high = x_low + 7.0 * data.weeks.len() as f64;
        let y_top = f64::from(most) * 1.08;
        let y_labels = [format!("{most}")];
        let mut plot = ChartBuilder::on(&body)
            .margin(style.px(12.0))
            .margin_top(style.px(4.0))
            .x_label_area_size(style.px(30.0))
            .y_label_area_size(style.y_label_area(&body, &y_labels))
            .build_cartesian_2d(x_low..x_high, 0f64..y_top)
            .map_err(draw_error)?;
        let format_y = |value: &f64| format!("{value:.0}");
        plot.configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(6.min(most as usize + 1))
            .y_label_formatter(&format_y)
            .label_style(style.text(13.0))
            .axis_desc_style(style.text(13.0))
            .y_desc("Entries")
            .axis_style(style.palette.text.stroke_width(style.px(1.0)))
            .bold_line_style(style.palette.grid.stroke_width(style.px(1.0)))
            .light_line_style(style.palette.background)
            .draw()
            .map_err(draw_error)?;
        date_axis(&body, &mut plot, style, (x_low, x_high), (0.0, y_top))?;
        for name_index in 0..data.names.len() {
            let colour = self.colour(&style.palette, name_index);
            let bars = data.counts.iter().enumerate().filter_map(|(week, counts)| {
                let below: u32 = counts[..name_index].iter().sum();
                let count = counts[name_index];
                (count > 0).then(|| {
                    let x = x_low + 7.0 * week as f64;
                    Rectangle::new(
                        [
                            (x + 0.8, f64::from(below)),
                            (x + 6.2, f64::from(below + count)),
                        ],
                        colour.filled(),
                    )
                })
            });
            plot.draw_series(bars).map_err(draw_error)?;
        }
        let (x_pixels, y_pixels) = plot.plotting_area().get_pixel_range();
        Ok(Some(Mapping {
            area: (x_pixels.start, y_pixels.start, x_pixels.end, y_pixels.end),
            x: (x_low, x_high),
            y: (0.0, y_top),
        }))
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

/// The calendar's shades: days with 1, 2, 3 and 4 or more entries.
const CALENDAR_LEVELS: [f64; 4] = [0.35, 0.55, 0.78, 1.0];

impl CalendarChart {
    /// The first day shown, and how many days the first week lacks before it.
    fn start(&self) -> Option<(jiff::civil::Date, i64)> {
        let days = i64::try_from(self.counts.len()).ok()?;
        let start = self
            .end
            .checked_sub(jiff::Span::new().days(days - 1))
            .ok()?;
        Some((start, i64::from(start.weekday().to_monday_zero_offset())))
    }

    /// The colour of a day with `count` entries.
    fn colour(palette: &Palette, count: u32) -> RGBColor {
        match count {
            0 => palette.grid,
            n => blend(
                palette.lines[2],
                palette.background,
                CALENDAR_LEVELS[(n as usize).min(CALENDAR_LEVELS.len()) - 1],
            ),
        }
    }

    /// The colour key: no entry, then one shade per count up to "4 or more".
    pub(super) fn legend(&self, palette: &Palette) -> Vec<LegendItem> {
        let most = self.counts.iter().copied().max().unwrap_or(0) as usize;
        let mut key = vec![LegendItem::new(
            "No entry",
            Self::colour(palette, 0),
            Mark::Swatch,
        )];
        let levels = most.clamp(1, CALENDAR_LEVELS.len());
        for level in 1..=levels {
            let label = if level == CALENDAR_LEVELS.len() && most > level {
                format!("{level} or more entries")
            } else {
                count_of(level, "entry", "entries")
            };
            key.push(LegendItem::new(
                label,
                Self::colour(palette, u32::try_from(level).unwrap_or(1)),
                Mark::Swatch,
            ));
        }
        key
    }

    /// The day under the pointer and its entries.
    pub(super) fn tooltip(&self, mapping: &Mapping, (px, py): (f32, f32)) -> Option<String> {
        if !mapping.contains(px, py) {
            return None;
        }
        let (column, row) = mapping.to_data(px, py);
        let (start, offset) = self.start()?;
        let position = (column.floor() as i64) * 7 + (row.floor() as i64).clamp(0, 6);
        let index = usize::try_from(position - offset).ok()?;
        let count = *self.counts.get(index)?;
        let date = start
            .checked_add(jiff::Span::new().days(i64::try_from(index).ok()?))
            .ok()?;
        Some(format!(
            "{}: {}",
            date.strftime("%a %-d %b %Y"),
            if count == 0 {
                "no entry".to_owned()
            } else {
                count_of(count as usize, "entry", "entries")
            }
        ))
    }

    pub(super) fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<Option<Mapping>, ChartError> {
        let Some((start, offset)) = self.start().filter(|_| self.counts.iter().any(|n| *n > 0))
        else {
            style.empty(root, &self.title, "Days you practise will be marked here.")?;
            return Ok(None);
        };
        let body = style.header(root, &self.title, &self.legend(&style.palette))?;
        let (base_x, base_y) = body.get_base_pixel();
        let (width, height) = body.dim_in_pixel();
        let days = i64::try_from(self.counts.len()).unwrap_or(0);
        let columns = (days + offset + 6) / 7;
        let left = style.px_i(40.0);
        let top = style.px_i(20.0);
        let (width, height) = (
            i32::try_from(width).unwrap_or(i32::MAX),
            i32::try_from(height).unwrap_or(i32::MAX),
        );
        let available_width = width - left - style.px_i(12.0);
        let available_height = height - top - style.px_i(30.0);
        let cell = (available_width / i32::try_from(columns.max(1)).unwrap_or(1))
            .min(available_height / 7)
            .max(2);
        let gap = (cell / 6).max(1);
        for (index, count) in self.counts.iter().enumerate() {
            let position = i64::try_from(index).unwrap_or(0) + offset;
            let (column, row) = ((position / 7) as i32, (position % 7) as i32);
            let x = left + column * cell;
            let y = top + row * cell;
            body.draw(&Rectangle::new(
                [(x, y), (x + cell - gap, y + cell - gap)],
                Self::colour(&style.palette, *count).filled(),
            ))
            .map_err(draw_error)?;
        }
        for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri"), (6, "Sun")] {
            body.draw(&Text::new(
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
                body.draw(&Text::new(
                    date.strftime("%b").to_string(),
                    (left + column as i32 * cell, top - style.px_i(4.0)),
                    style.text(11.0).pos(Pos::new(HPos::Left, VPos::Bottom)),
                ))
                .map_err(draw_error)?;
            }
        }
        let practised = self.counts.iter().filter(|n| **n > 0).count();
        body.draw(&Text::new(
            format!(
                "{} of {} with an entry",
                practised,
                count_of(self.counts.len(), "day", "days")
            ),
            (left, top + 7 * cell + style.px_i(8.0)),
            style.text(13.0),
        ))
        .map_err(draw_error)?;
        // Columns and rows as data: column c, row r covers x c..c+1 and y r..r+1, downwards.
        let columns = i32::try_from(columns).unwrap_or(1);
        Ok(Some(Mapping {
            area: (
                base_x + left,
                base_y + top,
                base_x + left + columns * cell,
                base_y + top + 7 * cell,
            ),
            x: (0.0, f64::from(columns)),
            y: (7.0, 0.0),
        }))
    }
}
