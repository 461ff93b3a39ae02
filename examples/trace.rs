//! Prints what the table finder saw in a PDF: dropped lines, each table
//! page's columns, and the rows. `cargo run --example trace -- FILE.pdf`
use odplan::{layout, pdf, segment};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: trace FILE.pdf");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_default();
    let doc = match pdf::pages(&bytes) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let lines: Vec<layout::Line> = doc.pages.iter().flat_map(layout::lines).collect();
    let info: Vec<segment::PageInfo> =
        doc.pages.iter().map(|p| segment::PageInfo { height: Some(p.height), rules: p.rules.clone() }).collect();
    let plan = segment::plan_with_pages(&lines, &info);
    println!("publisher {:?} period {:?} date {:?}", plan.publisher, plan.plan_period, plan.plan_date_text);
    for d in &plan.trace.dropped {
        println!("dropped p{} [{}] {}", d.page, d.why, d.text);
    }
    for t in &plan.trace.table_pages {
        let table = &plan.tables[t.table];
        print!("table {}{} p{}:", table.section.letter(), if table.spatial { "i" } else { "ii" }, t.page);
        match &t.columns {
            Some(c) => {
                print!(" {:?}", c.strategy);
                for col in &c.columns {
                    print!(" {}[{:.0}..{:.0}]", col.role.name(), col.left, col.right);
                }
                println!();
            }
            None => println!(" no columns"),
        }
    }
    for d in &plan.diagnostics {
        println!("! {:?} {}", d.page, d.message);
    }
    for t in &plan.tables {
        for r in &t.rows {
            println!("{}{} {:?}", t.section.letter(), if t.spatial { "i" } else { "ii" }, r);
        }
    }
}
