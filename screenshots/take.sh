#!/bin/sh
# Takes the README's screenshots: runs each sample lab under a private Xvfb display, presses its
# button three times, puts the renderer window beside the panel, clicks through the panel's
# views and writes PNGs into screenshots/. Usage: screenshots/take.sh [IPCSCOPE_BINARY]
# The click positions are the panel's layout at 100% text size in English (1280x800 window).
set -eu
BIN=${1:-target/debug/ipcscope}
OUT=$(dirname "$0")
TMP=$(mktemp -d /tmp/ipcscope-demo.XXXX)
SCREEN=${SCREENSHOT_DISPLAY:-:87}
# Settings the panel saves while being driven go to a throwaway folder, not the user's.
export XDG_DATA_HOME="$TMP/data" XDG_CACHE_HOME="$TMP/cache"
Xvfb "$SCREEN" -screen 0 2100x810x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
APP=""
cleanup() {
	if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; fi
	kill "$XVFB" 2>/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT
export DISPLAY="$SCREEN"
sleep 1

cat >"$TMP/press.js" <<'JS'
for (let i = 1; i <= 3; i++) setTimeout(() => document.querySelector('button').click(), 700 * i);
JS

click() { xdotool mousemove "$1" "$2" click 1; sleep 0.8; }
# Keys go to the focused window, and with no window manager nothing focuses the panel.
focus_panel() {
	for w in $(xdotool search --name '^ipcscope$'); do
		xdotool windowfocus "$w" 2>/dev/null && return 0
	done
	return 1
}
shot() { import -window root "$OUT/$1.png"; echo "wrote $OUT/$1.png"; }
# Where things are in the panel.
TABS_Y=127; LOG_X=26; REGISTRY_X=85; CONSOLE_X=156; WINDOWS_X=249; DEBUGGER_X=346
KINDS_Y=158; CONSOLE_KIND_X=372; LISTENER_KIND_X=494; LIFECYCLE_KIND_X=564
FIRST_ROW_Y=237
ZH_X=992; THEME_X=1223; BAR_Y=12

start() {
	# Run a copy, so the pictures show a neutral path rather than where the project was built.
	mkdir -p "$TMP/labs"
	cp -r "sample-pages/$1" "$TMP/labs/$1"
	IPCSCOPE_PAGE_SCRIPT="$TMP/press.js" "$BIN" run "$TMP/labs/$1" >"$TMP/$1.log" 2>&1 &
	APP=$!
	# No window manager: every window opens at 0,0. Put the renderer beside the panel.
	if ! timeout 30 xdotool search --sync --name "$1 - ipcscope" >/dev/null 2>&1; then
		echo "no renderer window for $1" >&2
		exit 1
	fi
	sleep 1
	xdotool search --name "$1 - ipcscope" windowsize 790 600 windowmove 1300 0
	sleep 4
}

stop() {
	kill "$APP"
	wait "$APP" 2>/dev/null || true
	APP=""
}

# Selects the first IPC message: hide lifecycle, listener and console rows, click the first
# row, then show them again (the selection stays).
select_first_message() {
	for x in $CONSOLE_KIND_X $LISTENER_KIND_X $LIFECYCLE_KIND_X; do click "$x" $KINDS_Y; done
	click 30 $FIRST_ROW_Y
	for x in $CONSOLE_KIND_X $LISTENER_KIND_X $LIFECYCLE_KIND_X; do click "$x" $KINDS_Y; done
}

start 01-send
select_first_message
shot 01-send-log
click $REGISTRY_X $TABS_Y
shot 01-send-registry
stop

start 02-invoke
select_first_message
shot 02-invoke-log
click $CONSOLE_X $TABS_Y
shot 02-invoke-console
stop

start 03-push
select_first_message
shot 03-push-log
click $REGISTRY_X $TABS_Y
shot 03-push-registry
click $WINDOWS_X $TABS_Y
shot 03-push-windows
# Fire a push by hand: the channel the page listens on, arguments typed, sent.
click $DEBUGGER_X $TABS_Y
focus_panel
click 179 204
click 536 254
xdotool key ctrl+a
xdotool type --delay 20 '["hello from the panel", 42]'
click 82 296
shot 03-push-debugger
click $LOG_X $TABS_Y
# The theme button first: the bar gets shorter in Chinese.
click $THEME_X $BAR_Y
click $ZH_X $BAR_Y
shot 03-push-zh-light
stop
