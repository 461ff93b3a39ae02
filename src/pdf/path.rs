//! Path construction in page space, reduced to the horizontal and vertical
//! segments that table rulings are made of.

use super::Segment;

/// A filled rectangle thinner than this (points) is a drawn line.
const THIN: f32 = 2.0;
/// How far from horizontal / vertical an edge may be and still count.
const SLOPE_TOLERANCE: f32 = 0.5;
/// Shorter edges are dropped.
const MIN_LENGTH: f32 = 0.1;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    x: f32,
    y: f32,
    /// The edge into this point is straight (not a curve, not a move).
    straight: bool,
}

#[derive(Debug, Clone, Default)]
struct Subpath {
    points: Vec<Point>,
    closed: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Path {
    subpaths: Vec<Subpath>,
}

/// Hostile streams could build enormous paths; beyond this, points are dropped.
const MAX_POINTS: usize = 1 << 20;

impl Path {
    fn points(&self) -> usize {
        self.subpaths.iter().map(|s| s.points.len()).sum()
    }

    pub(crate) fn move_to(&mut self, (x, y): (f32, f32)) {
        if self.points() < MAX_POINTS {
            self.subpaths.push(Subpath { points: vec![Point { x, y, straight: false }], closed: false });
        }
    }

    pub(crate) fn line_to(&mut self, (x, y): (f32, f32)) {
        self.push(Point { x, y, straight: true });
    }

    pub(crate) fn curve_to(&mut self, (x, y): (f32, f32)) {
        self.push(Point { x, y, straight: false });
    }

    fn push(&mut self, p: Point) {
        if self.points() >= MAX_POINTS {
            return;
        }
        match self.subpaths.last_mut() {
            Some(s) if !s.closed => s.points.push(p),
            // Drawing after `h` (or with no current point) starts a new subpath
            // at the previous start point.
            Some(s) => {
                let start = s.points.first().copied().unwrap_or(p);
                self.subpaths.push(Subpath { points: vec![Point { straight: false, ..start }, p], closed: false });
            }
            None => self.subpaths.push(Subpath { points: vec![Point { straight: false, ..p }], closed: false }),
        }
    }

    pub(crate) fn close(&mut self) {
        if let Some(s) = self.subpaths.last_mut() {
            s.closed = true;
        }
    }

    pub(crate) fn rect(&mut self, corners: [(f32, f32); 4]) {
        self.move_to(corners[0]);
        for c in &corners[1..] {
            self.line_to(*c);
        }
        self.close();
    }

    /// The ruling segments this path draws when painted; filled paths are
    /// implicitly closed.
    pub(crate) fn segments(&self, filled: bool) -> Vec<Segment> {
        let mut out = Vec::new();
        for sub in &self.subpaths {
            if let Some((x0, y0, x1, y1)) = sub.as_rect() {
                rect_segments(x0, y0, x1, y1, &mut out);
                continue;
            }
            let mut edges: Vec<(Point, Point)> =
                sub.points.windows(2).filter(|w| w[1].straight).map(|w| (w[0], w[1])).collect();
            if (sub.closed || filled)
                && let (Some(first), Some(last)) = (sub.points.first(), sub.points.last())
                && sub.points.len() > 2
            {
                edges.push((*last, *first));
            }
            for (a, b) in edges {
                push_axis_aligned(a.x, a.y, b.x, b.y, &mut out);
            }
        }
        out
    }
}

impl Subpath {
    /// The box of a subpath that is an axis-aligned rectangle.
    fn as_rect(&self) -> Option<(f32, f32, f32, f32)> {
        let mut pts: Vec<Point> = self.points.clone();
        if pts.len() == 5 && pts.last().zip(pts.first()).is_some_and(|(l, f)| close(l.x, f.x) && close(l.y, f.y)) {
            pts.pop();
        }
        if pts.len() != 4 || pts.iter().skip(1).any(|p| !p.straight) {
            return None;
        }
        let x0 = pts.iter().map(|p| p.x).fold(f32::INFINITY, f32::min);
        let x1 = pts.iter().map(|p| p.x).fold(f32::NEG_INFINITY, f32::max);
        let y0 = pts.iter().map(|p| p.y).fold(f32::INFINITY, f32::min);
        let y1 = pts.iter().map(|p| p.y).fold(f32::NEG_INFINITY, f32::max);
        let on_corner = |p: &Point| (close(p.x, x0) || close(p.x, x1)) && (close(p.y, y0) || close(p.y, y1));
        let edges_axis = (0..4).all(|i| {
            let (a, b) = (pts[i], pts[(i + 1) % 4]);
            close(a.x, b.x) || close(a.y, b.y)
        });
        (pts.iter().all(on_corner) && edges_axis).then_some((x0, y0, x1, y1))
    }
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() <= SLOPE_TOLERANCE
}

fn rect_segments(x0: f32, y0: f32, x1: f32, y1: f32, out: &mut Vec<Segment>) {
    let (w, h) = (x1 - x0, y1 - y0);
    if w < MIN_LENGTH && h < MIN_LENGTH {
        return;
    }
    if h < THIN && w >= h {
        let y = (y0 + y1) / 2.0;
        out.push(Segment { x0, y0: y, x1, y1: y });
    } else if w < THIN {
        let x = (x0 + x1) / 2.0;
        out.push(Segment { x0: x, y0, x1: x, y1 });
    } else {
        out.push(Segment { x0, y0, x1, y1: y0 });
        out.push(Segment { x0: x1, y0, x1, y1 });
        out.push(Segment { x0, y0: y1, x1, y1 });
        out.push(Segment { x0, y0, x1: x0, y1 });
    }
}

fn push_axis_aligned(ax: f32, ay: f32, bx: f32, by: f32, out: &mut Vec<Segment>) {
    let (dx, dy) = ((bx - ax).abs(), (by - ay).abs());
    if dx.max(dy) < MIN_LENGTH || !(ax.is_finite() && ay.is_finite() && bx.is_finite() && by.is_finite()) {
        return;
    }
    if dy <= SLOPE_TOLERANCE {
        let y = (ay + by) / 2.0;
        out.push(Segment { x0: ax.min(bx), y0: y, x1: ax.max(bx), y1: y });
    } else if dx <= SLOPE_TOLERANCE {
        let x = (ax + bx) / 2.0;
        out.push(Segment { x0: x, y0: ay.min(by), x1: x, y1: ay.max(by) });
    }
}
