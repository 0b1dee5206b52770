#!/usr/bin/env bash
# Whole-process start-up of Rapport beside a bare eframe window (benches/bare-window, same eframe
# version, features and release profile), to the first frame, with `--exit-after-first-frame`.
# Median of RUNS alternating runs each: wall time, CPU time (user + system) and peak memory.
#
#   bash benches/startup.sh            # 10 runs of each case
#   RUNS=20 bash benches/startup.sh
#
# Needs a display; without one it starts Xvfb (apt-get install xvfb). The ten-year journal is
# made once with `rapport demo-data` in target/startup-data/.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-10}

cargo build --release --locked -p rapport -p bare-window
rapport=target/release/rapport
bare=target/release/bare-window

data=target/startup-data
if [ ! -d "$data/ten/journal" ]; then
    rm -rf "$data/ten"
    "$rapport" --data-dir "$data/ten" demo-data --years 10 >/dev/null
fi
rm -rf "$data/empty" && mkdir -p "$data/empty"
# Today's backup is made once a day, not at every start: make it now, outside the timing.
"$rapport" --data-dir "$data/ten" backup >/dev/null

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    Xvfb :93 -screen 0 1920x1080x24 >/dev/null 2>&1 &
    xvfb=$!
    trap 'kill $xvfb' EXIT
    export DISPLAY=:93
    sleep 1
fi

# One run to the first frame that shows the journal (for the bare window: its first frame);
# with FRAME=any, to the first frame of any kind. Prints "wall_ms cpu_ms peak_kb".
measure() {
    local out start end
    out=$(mktemp)
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S %M" -o "$out" "$@" --exit-after-first-frame="${FRAME:-journal}" >/dev/null 2>&1
    end=$(date +%s%N)
    read -r user system peak <"$out"
    rm -f "$out"
    echo "$(( (end - start) / 1000000 )) $(awk -v u="$user" -v s="$system" 'BEGIN { printf "%d", (u + s) * 1000 }') $peak"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

declare -A results
for case in bare empty ten whole any; do results[$case]=""; done
# Warm the disk cache, then alternate the cases so drift hits all alike.
measure "$bare" >/dev/null; measure "$rapport" --data-dir "$data/ten" >/dev/null
for _ in $(seq "$runs"); do
    results[bare]+="$(measure "$bare")"$'\n'
    results[empty]+="$(measure "$rapport" --data-dir "$data/empty")"$'\n'
    results[ten]+="$(measure "$rapport" --data-dir "$data/ten")"$'\n'
    results[whole]+="$(FRAME=whole measure "$rapport" --data-dir "$data/ten")"$'\n'
    results[any]+="$(FRAME=any measure "$rapport" --data-dir "$data/ten")"$'\n'
done

column_of() { grep . <<<"${results[$1]}" | awk -v c="$2" '{ print $c }' | median; }
entries=$(find "$data/ten/journal" -name '*.ron' | wc -l)
printf 'Start-up to the first frame, median of %s alternating runs (ten years: %s entries)\n\n' "$runs" "$entries"
printf '| case | Rapport | bare eframe | ratio |\n|---|---|---|---|\n'
for case in empty ten whole any; do
    case $case in
        empty) label="empty journal" ;;
        ten) label="ten years, Today with its data" ;;
        whole) label="ten years, the whole journal read and drawn" ;;
        any) label="ten years, first frame of any kind" ;;
    esac
    for column in 1 2 3; do
        name=$(cut -d, -f"$column" <<<"wall,CPU,peak memory")
        unit=$(cut -d, -f"$column" <<<"ms,ms,MB")
        mine=$(column_of "$case" "$column"); base=$(column_of bare "$column")
        if [ "$unit" = MB ]; then mine=$((mine / 1024)); base=$((base / 1024)); fi
        printf '| %s, %s | %s %s | %s %s | %s× |\n' "$label" "$name" "$mine" "$unit" "$base" "$unit" \
            "$(awk -v a="$mine" -v b="$base" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')"
    done
done
