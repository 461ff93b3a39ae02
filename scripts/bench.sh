#!/usr/bin/env bash
# Batch speed and memory, side by side in one run: odplan at 1 job and at all
# cores, `pdftotext -layout` on the same files, and a pdfplumber extract_tables()
# pass (on a subset: it is two orders of magnitude slower). Prints pages per
# second, ratios and peak RSS. Usage: scripts/bench.sh [COPIES_PER_FIXTURE]
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-18}   # 29 fixtures x 18 = 522 documents

need_apt=()
command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 -c 'import pdfplumber' 2>/dev/null || pip install -q pdfplumber

cargo build --release --quiet
bin=target/release/odplan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/sub"
for i in $(seq 1 "$copies"); do
  for f in fixtures/pdf/*.pdf; do
    cp "$f" "$work/in/$(basename "$f" .pdf)-copy$i.pdf"
  done
done
all=("$work"/in/*.pdf)
cp "${all[@]:0:58}" "$work/sub/"
docs=${#all[@]}
cores=$(nproc)

# run NAME PAGES -- COMMAND...: wall seconds and peak RSS (KiB) from /usr/bin/time.
run() {
  local name=$1 pages=$2; shift 3
  /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt"; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  echo "$name $pages $wall $rss"
}

pages=$("$bin" extract "$work/in" -o "$work/warm" -q && python3 -c "import json,sys; print(json.load(open('$work/warm/report.json'))['totals']['pages'])")
subpages=$("$bin" extract "$work/sub" -o "$work/warm2" -q && python3 -c "import json; print(json.load(open('$work/warm2/report.json'))['totals']['pages'])")

cat > "$work/plumber.py" <<'PY'
import sys, glob, pdfplumber
for f in sorted(glob.glob(sys.argv[1] + "/*.pdf")):
    with pdfplumber.open(f) as pdf:
        for page in pdf.pages:
            page.extract_tables()
PY

{
  run "odplan-1-job" "$pages" -- "$bin" extract "$work/in" -o "$work/o1" -q --jobs 1
  run "odplan-$cores-jobs" "$pages" -- "$bin" extract "$work/in" -o "$work/o2" -q --jobs "$cores"
  run "pdftotext-layout" "$pages" -- sh -c "for f in '$work'/in/*.pdf; do pdftotext -layout \"\$f\" /dev/null; done"
  run "pdfplumber-tables" "$subpages" -- python3 "$work/plumber.py" "$work/sub"
} > "$work/results.txt"

cmp -s "$work/o1/records.csv" "$work/o2/records.csv" || { echo "outputs differ between job counts" >&2; exit 1; }

python3 - "$work/results.txt" "$docs" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
docs = int(sys.argv[2])
rate = {r[0]: float(r[1]) / float(r[2]) for r in rows}
base = rate["pdftotext-layout"]
one = next(v for k, v in rate.items() if k == "odplan-1-job")
print(f"{docs} documents; pdfplumber on the first 58 only\n")
print(f"| run | pages | seconds | pages/s | vs pdftotext | peak RSS |")
print(f"|---|---:|---:|---:|---:|---:|")
for name, pages, wall, rss in rows:
    r = rate[name]
    print(f"| {name} | {pages} | {float(wall):.2f} | {r:.0f} | {r / base:.2f}x | {int(rss) / 1024:.0f} MB |")
multi = [v for k, v in rate.items() if k.startswith("odplan-") and k != "odplan-1-job"]
if multi:
    print(f"\nodplan all cores vs 1 job: {multi[0] / one:.2f}x")
PY
