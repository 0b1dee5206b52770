#!/usr/bin/env bash
# How the whole-process cost grows with the journal: load (`rapport entries`), `check`,
# Progress (`rapport progress weekly-check-in`), the three exports and the daily backup, at 1, 10 and 30 years of
# demo data, with CPU time and peak memory. Release build; journals are made once in
# target/scaling-data/.
#
#   bash benches/scaling.sh            (SKIP_BUILD=1 to use the release binary as it is)
#   BIG=DIR bash benches/scaling.sh    adds a row for the data folder DIR (e.g. 100,000 entries)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${SKIP_BUILD:-}" ] || cargo build --release --locked -p rapport
rapport=target/release/rapport
root=target/scaling-data
mkdir -p "$root"

# CPU time (user + system), not wall time: exports end with an fsync, whose wait says more
# about the disk's other traffic than about Rapport.
run() { # prints "cpu_seconds peak_MB"
    local out
    out=$(mktemp)
    /usr/bin/time -f "%U %S %M" -o "$out" "$@" >/dev/null 2>&1 || true
    awk '{ printf "%.2f s, %d MB", $1 + $2, $3 / 1024 }' "$out"
    rm -f "$out"
}

printf '| years | entries | load (`entries`) | `check` | Progress | CSV export | Markdown export | archive export | backup |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
for years in 1 10 30 ${BIG:+big}; do
    data="$root/y$years"
    [ "$years" = big ] && data=$BIG
    if [ ! -d "$data/journal" ]; then
        "$rapport" --data-dir "$data" demo-data --years "$years" >/dev/null
    fi
    entries=$(find "$data/journal" -name '*.ron' | wc -l)
    # Warm the page cache once, as a second start would find it.
    "$rapport" --data-dir "$data" entries >/dev/null
    row="| $years | $entries"
    row+=" | $(run "$rapport" --data-dir "$data" entries)"
    row+=" | $(run "$rapport" --data-dir "$data" check)"
    row+=" | $(run "$rapport" --data-dir "$data" progress weekly-check-in)"
    for format in csv md ron; do
        row+=" | $(run "$rapport" --data-dir "$data" export --format "$format" --out "$root/export-$years.$format")"
    done
    # The backup the app makes at the day's first start (today's is replaced each time).
    row+=" | $(run "$rapport" --data-dir "$data" backup)"
    echo "$row |"
done
