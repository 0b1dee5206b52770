//! A group's progress on one measure: the median per week with the middle half shaded, and how
//! many people each week's figures come from.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartError, LegendItem, Mapping, Mark, Palette, Style, blend, count_of, draw_error};
use crate::insight::spread::WeekRow;

/// One measure across the weeks of a programme, for a group.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupChart {
    /// Title drawn above the plot.
    pub title: String,
    /// Lowest and highest possible values.
    pub range: (i64, i64),
    /// The measure's rows, by week.
    pub weeks: Vec<WeekRow>,
    /// The last week on the axis: the programme run's last week (the axis runs from 1).
    pub last_week: i64,
}

impl GroupChart {
    /// The weeks whose figures are drawn: those from at least three people.
    #[must_use]
    pub fn shown_weeks(&self) -> Vec<&WeekRow> {
        self.weeks.iter().filter(|r| r.spread.is_shown()).collect()
    }

    /// The weeks in which one or two people shared: only their count is drawn.
    #[must_use]
    pub fn suppressed_weeks(&self) -> Vec<i64> {
        self.weeks
            .iter()
            .filter(|r| !r.spread.is_shown())
            .map(|r| r.week)
            .collect()
    }

    /// The week under the pointer: its median and middle half, and how many people they come
    /// from; for a week with one or two, only their count (as the chart shows).
    pub(super) fn tooltip(&self, mapping: &Mapping, (px, py): (f32, f32)) -> Option<String> {
        if !mapping.contains(px, py) {
            return None;
        }
        let (x, _) = mapping.to_data(px, py);
        let week = x.round() as i64;
        let row = self.weeks.iter().find(|row| row.week == week)?;
        let people = count_of(row.spread.n, "person", "people");
        Some(if row.spread.is_shown() {
            format!(
                "Week {week}: median {:.1}, middle half {:.1}–{:.1} ({people})",
                row.spread.median, row.spread.q1, row.spread.q3
            )
        } else {
            format!("Week {week}: {people} shared; too few to show a figure")
        })
    }

    pub(super) fn legend(palette: &Palette) -> Vec<LegendItem> {
        let colour = palette.lines[0];
        vec![
            LegendItem::new(
                "Middle half of the group",
                blend(colour, palette.background, 0.25),
                Mark::Swatch,
            ),
            LegendItem::new("Median", colour, Mark::Line),
        ]
    }

    pub(super) fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<Option<Mapping>, ChartError> {
        if self.weeks.is_empty() {
            style.empty(root, &self.title, "No one has shared this measure yet.")?;
            return Ok(None);
        }
        let last_week = self.last_week.max(1);
        let (min, max) = (self.range.0 as f64, self.range.1 as f64);
        let body = style.header(root, &self.title, &Self::legend(&style.palette))?;
        let (base_x, base_y) = body.get_base_pixel();
        let mut plot = ChartBuilder::on(&body)
            .margin(style.px(12.0))
            .margin_top(style.px(4.0))
            .x_label_area_size(style.px(34.0))
            .y_label_area_size(style.px(44.0))
            .build_cartesian_2d(0.5f64..last_week as f64 + 0.5, min..max)
            .map_err(draw_error)?;
        let format_x = |x: &f64| format!("{x:.0}");
        let format_y = |y: &f64| format!("{y:.0}");
        plot.configure_mesh()
            .x_labels(usize::try_from(last_week).unwrap_or(1).min(16))
            .x_label_formatter(&format_x)
            .y_label_formatter(&format_y)
            .x_desc("Week of the programme")
            .y_desc("Score")
            .label_style(style.text(13.0))
            .axis_desc_style(style.text(13.0))
            .axis_style(style.palette.text.stroke_width(style.px(1.0)))
            .bold_line_style(style.palette.grid.stroke_width(style.px(1.0)))
            .light_line_style(style.palette.background)
            .draw()
            .map_err(draw_error)?;
        let colour = style.palette.lines[0];
        let shown = self.shown_weeks();
        plot.draw_series(shown.iter().map(|row| {
            let x = row.week as f64;
            Rectangle::new(
                [(x - 0.3, row.spread.q1), (x + 0.3, row.spread.q3)],
                colour.mix(0.25).filled(),
            )
        }))
        .map_err(draw_error)?;
        let line = colour.stroke_width(style.px(2.5));
        let medians: Vec<(f64, f64)> = shown
            .iter()
            .map(|r| (r.week as f64, r.spread.median))
            .collect();
        plot.draw_series(
            medians
                .windows(2)
                .map(|pair| PathElement::new(vec![pair[0], pair[1]], line)),
        )
        .map_err(draw_error)?;
        plot.draw_series(
            medians
                .iter()
                .map(|&point| Circle::new(point, style.px(4.0), colour.filled())),
        )
        .map_err(draw_error)?;
        for row in &self.weeks {
            // A week from one or two people shows its count at the bottom, and no figure.
            let (label, at) = if row.spread.is_shown() {
                (format!("n={}", row.spread.n), row.spread.q3)
            } else {
                (format!("n={} (<3)", row.spread.n), min)
            };
            let (x, y) = plot.backend_coord(&(row.week as f64, at));
            body.draw(&Text::new(
                label,
                (x - base_x, y - base_y - style.px_i(4.0)),
                style.text(11.0).pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))
            .map_err(draw_error)?;
        }
        let (x_pixels, y_pixels) = plot.plotting_area().get_pixel_range();
        Ok(Some(Mapping {
            area: (x_pixels.start, y_pixels.start, x_pixels.end, y_pixels.end),
            x: (0.5, last_week as f64 + 0.5),
            y: (min, max),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::spread::spread;

    fn row(week: i64, values: &[i64]) -> WeekRow {
        WeekRow {
            series: "phq9".to_owned(),
            label: "PHQ-9".to_owned(),
            week,
            spread: spread(values).unwrap(),
        }
    }

    #[test]
    fn hovering_a_week_says_its_median_middle_half_and_count_and_nothing_for_too_few() {
        let chart = super::super::Chart::Group(GroupChart {
            title: "PHQ-9".to_owned(),
            range: (0, 27),
            weeks: vec![row(1, &[10, 12, 14, 20]), row(2, &[9, 11])],
            last_week: 4,
        });
        let rendered =
            super::super::render_rgb(&chart, 800, 400, 1.0, super::super::Theme::Light).unwrap();
        let mapping = rendered.mapping.expect("a group chart maps its pixels");
        let at_week = |week: f64| mapping.to_pixel(week, 5.0);
        let (x, y) = at_week(1.0);
        let first = chart.tooltip(&mapping, (x, y), 1.0).unwrap();
        assert_eq!(
            first,
            "Week 1: median 13.0, middle half 11.5–15.5 (4 people)"
        );
        let (x, y) = at_week(2.1);
        let second = chart.tooltip(&mapping, (x, y), 1.0).unwrap();
        assert_eq!(second, "Week 2: 2 people shared; too few to show a figure");
        // A week no one shared in, and outside the plot, say nothing.
        let (x, y) = at_week(3.0);
        assert_eq!(chart.tooltip(&mapping, (x, y), 1.0), None);
        assert_eq!(chart.tooltip(&mapping, (1.0, 1.0), 1.0), None);
    }
}
