#!/usr/bin/env bash
# A facilitator's run end to end, to look at: 8 participants, each with two years of history
# (`rapport demo-data --years 2`), each makes a share for the group's run of group-ipt from its
# start date, then the group summary as a table, CSV and PDF, the session handouts, and the
# bundled worksheets' handouts, with each PDF's page count. The PDFs' pages become PNGs (60 dpi)
# to open with an image viewer; SCREENS=1 also shoots the app under Xvfb (the Group screen is
# reached by hand or with CLICKS, see /work/shared/tools/screens.sh).
#
#   bash benches/facilitator-scenario.sh                 # uses target/release/rapport
#   RAPPORT=target/debug/rapport OUT=/tmp/run bash benches/facilitator-scenario.sh
#
# Needs poppler-utils (pdfinfo, pdftoppm). demo-data is seeded, so every participant's history
# is the same; each adds one PHQ-9 of their own today, so the last week has a spread.
set -euo pipefail
cd "$(dirname "$0")/.."
rapport=${RAPPORT:-target/release/rapport}
out=${OUT:-target/facilitator-scenario}
[ -x "$rapport" ] || cargo build --release --locked -p rapport
rm -rf "$out" && mkdir -p "$out/shares" "$out/pdf" "$out/png"
group=MAPLE-7
# The group started on the Monday eight weeks ago: sessions 1 to 8 up to this week.
start=$(date -d "monday -8 weeks" +%F)
names=(River Ash Robin Kit Sky Sage Wren Lark)
for i in "${!names[@]}"; do
    name=${names[$i]}
    dir="$out/people/$name"
    "$rapport" --data-dir "$dir" demo-data --years 2 >/dev/null
    # Item answers differ a little per person: q1..q9.
    answers=()
    for q in 1 2 3 4 5 6 7 8 9; do
        v=$(( (i + 1) * q % 4 )); [ "$q" = 9 ] && v=0
        answers+=("q$q=$v")
    done
    "$rapport" --data-dir "$dir" add phq9 "${answers[@]}" difficulty="Somewhat difficult" >/dev/null
    "$rapport" --data-dir "$dir" share --group "$group" --pseudonym "$name" \
        --programme group-ipt --start "$start" \
        --include phq9,gad7,who5 --out "$out/shares/$name.ron" >/dev/null
done
facilitator="$out/facilitator"
"$rapport" --data-dir "$facilitator" group-summary "$out/shares" --group "$group" \
    --programme group-ipt --start "$start" | tee "$out/summary.txt"
"$rapport" --data-dir "$facilitator" group-summary "$out/shares" --group "$group" \
    --programme group-ipt --start "$start" --csv > "$out/summary.csv"
"$rapport" --data-dir "$facilitator" group-summary "$out/shares" --group "$group" \
    --programme group-ipt --start "$start" --pdf "$out/pdf/group-summary.pdf" >/dev/null
for s in before 1 2 3 4 5 6 7 8; do
    "$rapport" --data-dir "$facilitator" handout --session "group-ipt:$s" --region GB \
        --out "$out/pdf/group-ipt-$s.pdf" >/dev/null
done
ids=$("$rapport" --data-dir "$facilitator" worksheets |
    awk 'NF >= 3 && $1 ~ /^[a-z0-9-]+$/ && $2 ~ /^v[0-9]+$/ {print $1}')
for id in $ids; do
    "$rapport" --data-dir "$facilitator" handout "$id" --blank --region GB \
        --out "$out/pdf/$id.pdf" >/dev/null
done
echo
echo "Pages per PDF:"
for pdf in "$out"/pdf/*.pdf; do
    printf '  %-40s %s\n' "$(basename "$pdf")" "$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
    pdftoppm -r 60 -png "$pdf" "$out/png/$(basename "$pdf" .pdf)"
done
# The facilitator's data folder holds the shares too, for the Group screen. (Made first: none
# of the commands above writes to it, and cp -r would otherwise make the shares the folder.)
mkdir -p "$facilitator"
cp -r "$out/shares" "$facilitator/"
if [ "${SCREENS:-0}" = 1 ]; then
    bash /work/shared/tools/screens.sh "$rapport" "$facilitator" "$out/screens" 1100x760
fi
echo "PDFs in $out/pdf, their pages as PNG in $out/png."
