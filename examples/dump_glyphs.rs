//! Prints each page's glyph text, one text line per baseline, for comparing
//! with `pdftotext -layout`.
//!
//! Usage: dump_glyphs [--stats | --glyphs] FILE.pdf...
//! `--stats` prints one summary line per file; `--glyphs` prints every glyph
//! as `page text x0 x1 y0 y1 baseline size`, tab-separated.

use std::collections::BTreeMap;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stats = args.iter().any(|a| a == "--stats");
    let glyphs = args.iter().any(|a| a == "--glyphs");
    for path in args.iter().filter(|a| !a.starts_with("--")) {
        let bytes = std::fs::read(path)?;
        let doc = odplan::pdf::pages(&bytes)?;
        if stats {
            let all = doc.pages.iter().flat_map(|p| &p.glyphs);
            let (count, bad) = all.fold((0, 0), |(n, b), g| (n + 1, b + usize::from(g.text.contains('\u{FFFD}'))));
            let rules: usize = doc.pages.iter().map(|p| p.rules.len()).sum();
            let diagnostics = doc.diagnostics.len();
            println!(
                "{path}: {} pages, {count} glyphs, {bad} U+FFFD, {rules} rules, {diagnostics} diagnostics",
                doc.pages.len()
            );
            continue;
        }
        for d in &doc.diagnostics {
            eprintln!("{path}: {d:?}");
        }
        for page in &doc.pages {
            if glyphs {
                for g in &page.glyphs {
                    let b = g.bbox;
                    println!(
                        "{}\t{}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.2}",
                        page.number, g.text, b.x0, b.x1, b.y0, b.y1, g.baseline, g.size
                    );
                }
                continue;
            }
            println!("=== page {} ({}x{}) {} rules", page.number, page.width, page.height, page.rules.len());
            let mut lines: BTreeMap<i64, Vec<&odplan::pdf::Glyph>> = BTreeMap::new();
            for g in &page.glyphs {
                lines.entry((g.baseline * 2.0).round() as i64).or_default().push(g);
            }
            for (_, mut line_glyphs) in lines {
                line_glyphs.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
                let mut line = String::new();
                let mut last_x = None::<f32>;
                for g in line_glyphs {
                    if last_x.is_some_and(|x| g.bbox.x0 - x > g.size * 0.2) {
                        line.push(' ');
                    }
                    line.push_str(&g.text);
                    last_x = Some(g.bbox.x1);
                }
                println!("{line}");
            }
        }
    }
    Ok(())
}
