//! Before and after: a slope chart of ratings paired within entries, with the average change.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    ChartError, LegendItem, Mapping, Mark, Palette, Style, blend, count_of, date_axis, date_to_day,
    draw_error,
};
use crate::insight::progress::{BeforeAfter, MonthChange};

/// Above this many pairs spread over at least [`MONTHLY_MONTHS`] months, the chart shows each
/// month's average instead of one line per entry.
pub const MONTHLY_ABOVE: usize = 60;

/// The fewest months that make the monthly view worth it.
const MONTHLY_MONTHS: usize = 3;

/// A signed number with a true minus sign, e.g. "−1.5" or "+0.5".
fn signed(value: f64) -> String {
    format!("{value:+.1}").replace('-', "\u{2212}")
}

/// Ratings before and after, e.g. distress before and after using a coping skill.
#[derive(Clone, Debug, PartialEq)]
pub struct BeforeAfterChart {
    /// Title drawn above the plot.
    pub title: String,
    /// The pairs.
    pub data: BeforeAfter,
}

impl BeforeAfterChart {
    /// The months, if there are enough pairs for the chart to show monthly averages.
    #[must_use]
    pub fn monthly(&self) -> Option<Vec<MonthChange>> {
        if self.data.pairs.len() <= MONTHLY_ABOVE {
            return None;
        }
        let months = self.data.by_month();
        (months.len() >= MONTHLY_MONTHS).then_some(months)
    }

    fn means(&self) -> Option<(f64, f64)> {
        let count = self.data.pairs.len() as f64;
        (count > 0.0).then(|| {
            (
                self.data.pairs.iter().map(|p| p.0 as f64).sum::<f64>() / count,
                self.data.pairs.iter().map(|p| p.1 as f64).sum::<f64>() / count,
            )
        })
    }

    pub(super) fn legend(&self, palette: &Palette) -> Vec<LegendItem> {
        let data = &self.data;
        if self.monthly().is_some() {
            return vec![
                LegendItem::new(
                    format!("{}, monthly average", data.before_label),
                    palette.lines[0],
                    Mark::Swatch,
                ),
                LegendItem::new(
                    format!("{}, monthly average", data.after_label),
                    palette.lines[1],
                    Mark::Swatch,
                ),
            ];
        }
        let Some((before, after)) = self.means() else {
            return Vec::new();
        };
        vec![
            LegendItem::new(
                "One entry",
                blend(palette.lines[0], palette.background, 0.5),
                Mark::Line,
            ),
            LegendItem::new(
                format!(
                    "Average of {}: {before:.1} \u{2192} {after:.1}",
                    count_of(data.pairs.len(), "entry", "entries")
                ),
                palette.lines[1],
                Mark::Line,
            ),
        ]
    }

    /// By month: the month nearest the pointer. Per entry: how many entries gave the rating
    /// nearest the pointer, before or after.
    pub(super) fn tooltip(
        &self,
        mapping: &Mapping,
        (px, py): (f32, f32),
        scale: f32,
    ) -> Option<String> {
        if !mapping.contains(px, py) {
            return None;
        }
        let (x, y) = mapping.to_data(px, py);
        let data = &self.data;
        if let Some(months) = self.monthly() {
            let (distance, month) = months
                .iter()
                .map(|month| {
                    let (mx, _) = mapping.to_pixel(date_to_day(month.month) + 14.0, 0.0);
                    ((mx - px).abs(), month)
                })
                .min_by(|a, b| a.0.total_cmp(&b.0))?;
            return (distance < 16.0 * scale).then(|| {
                format!(
                    "{}: {}, {:.1} \u{2192} {:.1} ({})",
                    month.month.strftime("%b %Y"),
                    count_of(month.count, "entry", "entries"),
                    month.before,
                    month.after,
                    signed(month.change())
                )
            });
        }
        let (label, after) = if x < 0.5 {
            (&data.before_label, false)
        } else {
            (&data.after_label, true)
        };
        let value = (y.round() as i64).clamp(data.min, data.max);
        let count = data
            .pairs
            .iter()
            .filter(|(b, a)| if after { *a == value } else { *b == value })
            .count();
        Some(format!(
            "{label} {value}: {} of {}",
            count,
            count_of(data.pairs.len(), "entry", "entries")
        ))
    }

    pub(super) fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<Option<Mapping>, ChartError> {
        let data = &self.data;
        let (Some(change), Some((mean_before, mean_after))) = (data.average_change(), self.means())
        else {
            style.empty(
                root,
                &self.title,
                "Fill in both the before and the after rating in an entry to see the change.",
            )?;
            return Ok(None);
        };
        let title = format!("{}: average change {}", self.title, signed(change));
        let body = style.header(root, &title, &self.legend(&style.palette))?;
        let (min, max) = (data.min as f64, data.max as f64);
        let margin = (max - min) * 0.04;
        let (y_bottom, y_top) = (min - margin, max + margin);
        let months = self.monthly();
        let (x_low, x_high) = match &months {
            Some(months) => {
                let first = months.first().map_or(0.0, |m| date_to_day(m.month));
                let last = months.last().map_or(1.0, |m| date_to_day(m.month) + 31.0);
                (first - 10.0, last + 10.0)
            }
            None => (-0.25, 1.25),
        };
        let y_labels = [format!("{min:.0}"), format!("{max:.0}")];
        let mut plot = ChartBuilder::on(&body)
            .margin(style.px(12.0))
            .margin_top(style.px(4.0))
            .x_label_area_size(style.px(30.0))
            .y_label_area_size(style.y_label_area(&body, &y_labels))
            .build_cartesian_2d(x_low..x_high, y_bottom..y_top)
            .map_err(draw_error)?;
        let format_y = |value: &f64| format!("{value:.0}");
        plot.configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(((max - min) as usize + 1).clamp(2, 11))
            .y_label_formatter(&format_y)
            .label_style(style.text(13.0))
            .axis_desc_style(style.text(13.0))
            .y_desc("Rating")
            .axis_style(style.palette.text.stroke_width(style.px(1.0)))
            .bold_line_style(style.palette.grid.stroke_width(style.px(1.0)))
            .light_line_style(style.palette.background)
            .draw()
            .map_err(draw_error)?;
        let (base_x, base_y) = body.get_base_pixel();
        if let Some(months) = &months {
            date_axis(&body, &mut plot, style, (x_low, x_high), (y_bottom, y_top))?;
            // Each month: a line from the average before to the average after, with dots.
            let link = style.palette.grid.stroke_width(style.px(2.0));
            let radius = style.px(3.0);
            for month in months {
                let x = date_to_day(month.month) + 14.0;
                plot.draw_series(std::iter::once(PathElement::new(
                    vec![(x, month.before), (x, month.after)],
                    link,
                )))
                .map_err(draw_error)?;
                plot.draw_series([
                    Circle::new((x, month.before), radius, style.palette.lines[0].filled()),
                    Circle::new((x, month.after), radius, style.palette.lines[1].filled()),
                ])
                .map_err(draw_error)?;
            }
        } else {
            for (x, label) in [(0.0, &data.before_label), (1.0, &data.after_label)] {
                let (px, py) = plot.backend_coord(&(x, y_bottom));
                body.draw(&Text::new(
                    label.clone(),
                    (px - base_x, py - base_y + style.px_i(8.0)),
                    style
                        .label(label, 13.0)
                        .pos(Pos::new(HPos::Center, VPos::Top)),
                ))
                .map_err(draw_error)?;
            }
            // Each entry is a faint line; many identical pairs add up to a stronger one.
            let count = data.pairs.len() as f64;
            let alpha = (3.0 / count.sqrt()).clamp(0.03, 0.6);
            let faint = style.palette.lines[0]
                .mix(alpha)
                .stroke_width(style.px(1.5));
            plot.draw_series(data.pairs.iter().map(|&(before, after)| {
                PathElement::new(vec![(0.0, before as f64), (1.0, after as f64)], faint)
            }))
            .map_err(draw_error)?;
            let bold = style.palette.lines[1].stroke_width(style.px(3.5));
            plot.draw_series(std::iter::once(PathElement::new(
                vec![(0.0, mean_before), (1.0, mean_after)],
                bold,
            )))
            .map_err(draw_error)?;
            plot.draw_series(
                [(0.0, mean_before), (1.0, mean_after)]
                    .into_iter()
                    .map(|point| {
                        Circle::new(point, style.px(5.0), style.palette.lines[1].filled())
                    }),
            )
            .map_err(draw_error)?;
        }
        let (x_pixels, y_pixels) = plot.plotting_area().get_pixel_range();
        Ok(Some(Mapping {
            area: (x_pixels.start, y_pixels.start, x_pixels.end, y_pixels.end),
            x: (x_low, x_high),
            y: (y_bottom, y_top),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Chart, Theme, render_rgb_without_legend};
    use super::*;

    fn chart(pairs: usize) -> BeforeAfterChart {
        let first = jiff::civil::date(2026, 1, 1);
        BeforeAfterChart {
            title: "Intensity: before and after".into(),
            data: BeforeAfter {
                stem: "intensity".into(),
                label: "Intensity".into(),
                before_label: "Intensity before".into(),
                after_label: "Intensity after".into(),
                min: 0,
                max: 10,
                pairs: (0..pairs)
                    .map(|i| (6 + i64::from(i % 3 == 1) + 2 * i64::from(i % 3 == 2), 3))
                    .collect(),
                // One pair every two days: 61 pairs span five months.
                dates: (0..pairs)
                    .map(|i| first + jiff::Span::new().days(2 * i64::try_from(i).unwrap()))
                    .collect(),
            },
        }
    }

    #[test]
    fn one_entry_is_one_entry() {
        let legend = Chart::BeforeAfter(chart(1)).legend(Theme::Light);
        assert_eq!(legend[1].label, "Average of 1 entry: 6.0 \u{2192} 3.0");
        let legend = Chart::BeforeAfter(chart(3)).legend(Theme::Light);
        assert_eq!(legend[1].label, "Average of 3 entries: 7.0 \u{2192} 3.0");
    }

    #[test]
    fn many_entries_are_shown_by_month_with_a_tooltip_per_month() {
        assert!(chart(MONTHLY_ABOVE).monthly().is_none());
        let many = chart(MONTHLY_ABOVE + 1);
        let months = many.monthly().unwrap();
        assert_eq!(months.len(), 5);
        let chart = Chart::BeforeAfter(many);
        assert!(
            chart.legend(Theme::Dark)[0]
                .label
                .ends_with("monthly average")
        );
        let rendered = render_rgb_without_legend(&chart, 800, 400, 1.0, Theme::Dark).unwrap();
        let mapping = rendered.mapping.unwrap();
        // Over February's dumbbell.
        let (x, y) = mapping.to_pixel(
            super::super::date_to_day(jiff::civil::date(2026, 2, 15)),
            5.0,
        );
        let text = chart.tooltip(&mapping, (x, y), 1.0).unwrap();
        assert_eq!(text, "Feb 2026: 14 entries, 7.1 \u{2192} 3.0 (\u{2212}4.1)");
    }
}
