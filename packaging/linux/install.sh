#!/bin/sh
# Install hocvuso for the current user (no root needed), or remove it with --uninstall.
#
#   ./install.sh               install or upgrade: ~/.local/opt/hocvuso, the menu entry, the icon
#                              and a `hocvuso` command in ~/.local/bin
#   ./install.sh --uninstall   remove all of that again
#
# The data (~/.local/share/hocvuso: the encrypted database, its key file, backups/ and logs/)
# is never touched: an upgrade keeps working on it, and uninstalling leaves it in place.
set -eu

APP=hocvuso
HERE=$(cd "$(dirname "$0")" && pwd)
DATA_HOME=${XDG_DATA_HOME:-"$HOME/.local/share"}
OPT="$HOME/.local/opt/$APP"
BIN="$HOME/.local/bin"
APPS="$DATA_HOME/applications"
ICONS="$DATA_HOME/icons/hicolor"
DATA="$DATA_HOME/$APP"

say() { printf '%s\n' "$*"; }

refresh_menus() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$APPS" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true
    fi
}

uninstall() {
    rm -rf "$OPT" "$OPT.new" "$OPT.old"
    rm -f "$APPS/$APP.desktop" "$ICONS/scalable/apps/$APP.svg" "$ICONS/256x256/apps/$APP.png"
    if [ -L "$BIN/$APP" ]; then rm -f "$BIN/$APP"; fi
    refresh_menus
    say "Đã gỡ hocvuso. Dữ liệu vẫn được giữ nguyên tại: $DATA"
    say "hocvuso was removed. The data was kept in: $DATA"
}

# The bundle carries every library except the system's OpenGL ones (they must match the
# graphics driver): say which package to install if they are missing.
check_libraries() {
    ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
    known=$("$ldconfig" -p 2>/dev/null || true)
    missing=""
    for pair in libGL.so.1:libgl1 libEGL.so.1:libegl1 libfontconfig.so.1:libfontconfig1; do
        lib=${pair%%:*}
        pkg=${pair#*:}
        case "$known" in
            *"$lib "*) ;;
            *) missing="$missing $pkg" ;;
        esac
    done
    if [ -n "$known" ] && [ -n "$missing" ]; then
        say "Cảnh báo: máy còn thiếu thư viện hệ thống. Hãy cài bằng lệnh:"
        say "Warning: system libraries are missing. Install them with:"
        say "    sudo apt-get install$missing"
    fi
}

install_app() {
    if [ ! -x "$HERE/$APP/$APP" ]; then
        say "Không tìm thấy $HERE/$APP/$APP: hãy chạy install.sh trong thư mục đã giải nén."
        say "$HERE/$APP/$APP not found: run install.sh from the unpacked folder." >&2
        exit 1
    fi
    if [ "$(id -u)" = "0" ]; then
        say "Lưu ý: đang cài cho tài khoản root ($HOME). Hãy chạy bằng tài khoản của cán bộ."
        say "Note: installing for root ($HOME). Run it as the officer's own account instead."
    fi
    mkdir -p "$HOME/.local/opt" "$BIN" "$APPS" "$ICONS/scalable/apps" "$ICONS/256x256/apps"
    # Upgrade in place: copy next to the old version, then swap, so a failed copy leaves the
    # old version working. The program must not be running during the swap.
    rm -rf "$OPT.new" "$OPT.old"
    cp -a "$HERE/$APP" "$OPT.new"
    if [ -d "$OPT" ]; then mv "$OPT" "$OPT.old"; fi
    mv "$OPT.new" "$OPT"
    rm -rf "$OPT.old"

    sed "s|@EXEC@|$OPT/$APP|g" "$HERE/$APP.desktop" > "$APPS/$APP.desktop.tmp"
    chmod 644 "$APPS/$APP.desktop.tmp"
    mv "$APPS/$APP.desktop.tmp" "$APPS/$APP.desktop"
    cp "$HERE/$APP.svg" "$ICONS/scalable/apps/$APP.svg"
    cp "$HERE/$APP.png" "$ICONS/256x256/apps/$APP.png"
    ln -sfn "$OPT/$APP" "$BIN/$APP"
    refresh_menus
    check_libraries

    say "Đã cài hocvuso vào $OPT."
    say "Mở từ trình đơn ứng dụng (hocvuso), hoặc gõ lệnh: $BIN/$APP"
    say "Dữ liệu và bản sao lưu nằm ở: $DATA (không bị thay đổi khi cài lại hoặc gỡ)."
    say "Installed into $OPT. Start it from the applications menu, or run $BIN/$APP."
    say "Data and backups live in $DATA (kept by upgrades and by --uninstall)."
}

case "${1:-}" in
    --uninstall) uninstall ;;
    ""|--install) install_app ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) say "usage: $0 [--uninstall]" >&2; exit 2 ;;
esac
