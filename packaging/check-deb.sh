#!/usr/bin/env bash
# Checks the Debian package without installing it: what it contains, that it unpacks, and that
# the unpacked binary runs. Also validates the desktop file and the AppStream metainfo.
# Usage: packaging/check-deb.sh target/debian/rapport_*.deb
set -euo pipefail
deb=$1
cd "$(dirname "$0")/.."

desktop-file-validate packaging/linux/rapport.desktop
appstreamcli validate --no-net --pedantic --explain packaging/linux/org.rapport.rapport.metainfo.xml \
    || appstreamcli validate --no-net packaging/linux/org.rapport.rapport.metainfo.xml

contents=$(dpkg-deb --contents "$deb")
for path in \
    ./usr/bin/rapport \
    ./usr/share/applications/rapport.desktop \
    ./usr/share/metainfo/org.rapport.rapport.metainfo.xml \
    ./usr/lib/systemd/user/rapport-reminders.service \
    ./usr/lib/systemd/user/rapport-reminders.timer \
    ./usr/share/icons/hicolor/16x16/apps/rapport.png \
    ./usr/share/icons/hicolor/48x48/apps/rapport.png \
    ./usr/share/icons/hicolor/256x256/apps/rapport.png \
    ./usr/share/icons/hicolor/512x512/apps/rapport.png \
    ./usr/share/icons/hicolor/scalable/apps/rapport.svg \
    ./usr/share/man/man1/rapport.1 \
    ./usr/share/bash-completion/completions/rapport \
    ./usr/share/zsh/vendor-completions/_rapport \
    ./usr/share/fish/vendor_completions.d/rapport.fish \
    ./usr/share/doc/rapport/copyright \
    ./usr/share/doc/rapport/LICENSE-MIT \
    ./usr/share/doc/rapport/LICENSE-APACHE \
    ./usr/share/doc/rapport/LICENSE-DejaVu.txt \
    ./usr/share/doc/rapport/LICENSE-AtkinsonHyperlegibleNext.txt \
    ./usr/share/doc/rapport/LICENSE-Phosphor.txt \
    ./usr/share/doc/rapport/LICENSE-NotoEmoji.txt; do
    # The man page may be compressed by cargo-deb.
    if ! grep -qE " ${path}(\.gz)?$" <<<"$contents"; then
        echo "check-deb: the package has no $path" >&2
        echo "$contents" >&2
        exit 1
    fi
done
depends=$(dpkg-deb --field "$deb" Depends)
for library in libgl1 libegl1 libxkbcommon-x11-0 libwayland-client0; do
    grep -q "$library" <<<"$depends" || { echo "check-deb: Depends lacks $library: $depends" >&2; exit 1; }
done

root=$(mktemp -d)
data=$(mktemp -d)
trap 'rm -rf "$root" "$data"' EXIT
dpkg -x "$deb" "$root"
# Each output is read whole before it is searched: `| grep -q` stops reading at the first match,
# and the rest of a long listing then fails with a broken pipe (seen in CI).
grep -q '^rapport ' <<<"$("$root/usr/bin/rapport" --version)"
grep -q 'coping-skills' <<<"$("$root/usr/bin/rapport" --data-dir "$data" worksheets)"
grep -q 'no problems' <<<"$("$root/usr/bin/rapport" --data-dir "$data" check)"
man_page=$(ls "$root"/usr/share/man/man1/rapport.1*)
if command -v man >/dev/null 2>&1; then
    grep -q 'rapport' <<<"$(MANWIDTH=80 man -l "$man_page" 2>/dev/null)"
fi
# The reminder units parse (they ship disabled: reminders are off until turned on).
if command -v systemd-analyze >/dev/null; then
    # /usr/bin/rapport is not installed here, so that one complaint is expected.
    verified=$(systemd-analyze verify "$root/usr/lib/systemd/user/rapport-reminders.timer" \
        "$root/usr/lib/systemd/user/rapport-reminders.service" 2>&1 || true)
    if grep -v "is not executable" <<<"$verified" | grep -q .; then
        echo "check-deb: the reminder units do not verify: $verified" >&2
        exit 1
    fi
fi
echo "check-deb: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB, $(wc -l <<<"$contents") entries) is complete and runs"
