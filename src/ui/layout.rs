//! Where each pane goes: one pure function of the screen size and focus,
//! used for drawing, for mouse hit tests, and in tests.

use ratatui::layout::Rect;

use crate::app::Pane;

/// First item shown in a list of `rows` rows with `selected` selected,
/// items of `LIST_ITEM_ROWS` rows each (the document list, the Speakers
/// and Notes tabs). Only render uses it: clicks read the hit map.
pub fn list_offset(selected: usize, rows: usize) -> usize {
    let visible = (rows / crate::app::LIST_ITEM_ROWS).max(1);
    selected.saturating_sub(visible - 1)
}

/// First entry shown in a one-row-per-entry list of `rows` rows.
pub fn sidebar_offset(selected: usize, rows: usize) -> usize {
    selected.saturating_sub(rows.max(1) - 1)
}

/// Columns left of the reader's text for marks (speaker bars, notes).
pub const GUTTER: u16 = 2;

/// Smallest screen that shows the three panes side by side.
pub const THREE_PANES: (u16, u16) = (100, 12);
/// Smallest screen that shows one pane.
pub const ONE_PANE: (u16, u16) = (30, 6);

/// The named areas of one frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppLayout {
    pub panes: Vec<(Pane, Rect)>,
    pub status: Rect,
    /// The screen is too small to show anything useful.
    pub too_small: bool,
}

impl AppLayout {
    pub fn new(area: Rect, focus: Pane) -> Self {
        if area.width < ONE_PANE.0 || area.height < ONE_PANE.1 {
            return AppLayout {
                panes: Vec::new(),
                status: Rect::default(),
                too_small: true,
            };
        }
        let body = Rect {
            height: area.height - 1,
            ..area
        };
        let status = Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        };
        let panes = if area.width >= THREE_PANES.0 && area.height >= THREE_PANES.1 {
            let side = (area.width / 4).clamp(24, 40);
            let list = Rect {
                width: side,
                ..body
            };
            let sidebar = Rect {
                x: body.x + body.width - side,
                width: side,
                ..body
            };
            let reader = Rect {
                x: body.x + side,
                width: body.width - 2 * side,
                ..body
            };
            vec![
                (Pane::List, list),
                (Pane::Reader, reader),
                (Pane::Sidebar, sidebar),
            ]
        } else {
            vec![(focus, body)]
        };
        AppLayout {
            panes,
            status,
            too_small: false,
        }
    }

    pub fn area(&self, pane: Pane) -> Option<Rect> {
        self.panes.iter().find(|(p, _)| *p == pane).map(|(_, r)| *r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_panes_then_one_then_nothing() {
        let wide = AppLayout::new(Rect::new(0, 0, 120, 40), Pane::Reader);
        assert_eq!(wide.panes.len(), 3);
        let total: u16 = wide.panes.iter().map(|(_, r)| r.width).sum();
        assert_eq!(total, 120);
        let narrow = AppLayout::new(Rect::new(0, 0, 60, 20), Pane::Sidebar);
        assert_eq!(narrow.panes, vec![(Pane::Sidebar, Rect::new(0, 0, 60, 19))]);
        assert!(AppLayout::new(Rect::new(0, 0, 20, 5), Pane::List).too_small);
    }
}
