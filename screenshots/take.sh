#!/bin/sh
# Takes the README's screenshots: runs each sample lab under a private Xvfb display, presses its
# button three times, puts the renderer window beside the panel, clicks through the panel's
# views and writes PNGs into screenshots/. Usage: screenshots/take.sh [IPCSCOPE_BINARY]
# The click positions are the panel's layout at 100% text size in English (1280x800 window),
# with the README folded (its length would move everything under it).
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
# For step-through: the presses come once the panel is holding every message.
cat >"$TMP/press-late.js" <<'JS'
for (let i = 0; i < 2; i++) setTimeout(() => document.querySelector('button').click(), 9000 + 700 * i);
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
TABS_Y=60; SEQUENCE_X=43; LOG_X=106; REGISTRY_X=245; CONSOLE_X=316; WINDOWS_X=408
DEBUGGER_X=507
ZH_X=982; THEME_X=1213; BAR_Y=12; LIGHT_Y=62
# The Sequence tab's step-through switch.
STEP_X=55; STEP_Y=91
# In the Debugger tab: the channel the page listens on, the arguments, Send to the page.
LISTENS_X=179; LISTENS_Y=137; ARGS_X=536; ARGS_Y=187; SEND_X=82; SEND_Y=229

# start LAB [PAGE_SCRIPT] [SETTINGS]: every run starts from the default settings (English,
# 100%) with the README folded, or from SETTINGS (the panel's saved settings, in RON).
start() {
	# Run a copy, so the pictures show a neutral path rather than where the project was built.
	mkdir -p "$TMP/labs"
	rm -rf "$TMP/labs/$1" "$TMP/data"
	cp -r "sample-pages/$1" "$TMP/labs/$1"
	mkdir -p "$TMP/data/ipcscope"
	printf '{"ipcscope-settings":"%s"}\n' "${3:-(readme_open:false)}" >"$TMP/data/ipcscope/app.ron"
	IPCSCOPE_PAGE_SCRIPT="${2:-$TMP/press.js}" "$BIN" run "$TMP/labs/$1" >"$TMP/$1.log" 2>&1 &
	APP=$!
	# No window manager: every window opens at 0,0. Put the renderer beside the panel. Polled
	# rather than `search --sync`, which gives up when the last run's windows vanish while it
	# looks; a busy machine can take a while to start WebKit.
	tries=0
	until xdotool search --name "$1 - ipcscope" >/dev/null 2>&1; do
		tries=$((tries + 1))
		if [ "$tries" -gt 120 ]; then
			echo "no renderer window for $1" >&2
			cat "$TMP/$1.log" >&2
			exit 1
		fi
		sleep 0.5
	done
	sleep 1
	xdotool search --name "$1 - ipcscope" windowsize 790 600 windowmove 1300 0
	sleep 4
}

stop() {
	kill "$APP"
	wait "$APP" 2>/dev/null || true
	APP=""
}

# find QUERY: types QUERY into the log's filter box (Ctrl+F goes to it). Ctrl is held down a
# moment: a chord sent at once comes before the panel sees Ctrl.
find() {
	focus_panel
	xdotool keydown ctrl
	sleep 0.2
	xdotool key f
	xdotool keyup ctrl
	sleep 0.3
	xdotool key ctrl+a BackSpace
	xdotool type --delay 30 "$1"
	sleep 0.3
	xdotool key Escape
	sleep 0.3
}

# select_message KIND: in the log, the last message of KIND selected, then every row shown
# again (the selection stays).
select_message() {
	click $LOG_X $TABS_Y
	find "kind:$1"
	xdotool key Up
	sleep 0.3
	find ""
}

# The diagram (a sample opens on it) with a message picked by the arrow keys: the last one
# for each press of Up.
sequence() {
	focus_panel
	for _ in $(seq "$2"); do xdotool key Up; sleep 0.3; done
	xdotool mousemove 1290 790
	sleep 1
	shot "$1"
}

start 01-send
sequence 01-send-sequence 3
select_message send
shot 01-send-log
click $REGISTRY_X $TABS_Y
shot 01-send-registry
click $ZH_X $BAR_Y
click $SEQUENCE_X $TABS_Y
sequence 01-send-sequence-zh 0
stop

start 02-invoke
sequence 02-invoke-sequence 1
select_message invoke
shot 02-invoke-log
click $CONSOLE_X $TABS_Y
shot 02-invoke-console
click $ZH_X $BAR_Y
click $SEQUENCE_X $TABS_Y
sequence 02-invoke-sequence-zh 0
stop

start 03-push
sequence 03-push-sequence 1
select_message push
shot 03-push-log
click $REGISTRY_X $TABS_Y
shot 03-push-registry
click $WINDOWS_X $TABS_Y
shot 03-push-windows
# Fire a push by hand: the channel the page listens on, arguments typed, sent.
click $DEBUGGER_X $TABS_Y
focus_panel
click $LISTENS_X $LISTENS_Y
click $ARGS_X $ARGS_Y
xdotool key ctrl+a
xdotool type --delay 20 '["hello from the panel", 42]'
click $SEND_X $SEND_Y
shot 03-push-debugger
click $LOG_X $TABS_Y
# The theme choice first (its Light entry): the bar gets shorter in Chinese.
click $THEME_X $BAR_Y
click $THEME_X $LIGHT_Y
click $ZH_X $BAR_Y
shot 03-push-zh-light
click $SEQUENCE_X $TABS_Y
sequence 03-push-sequence-zh 0
stop

# A projector's text size: the detail goes under the diagram; then the same in Chinese.
for lab in 01-send 02-invoke 03-push; do
	start $lab "$TMP/press.js" "(scale:2.0,readme_open:false)"
	sequence $lab-sequence-200 1
	stop
	start $lab "$TMP/press.js" "(lang:Zh,scale:2.0,readme_open:false)"
	sequence $lab-sequence-200-zh 1
	stop
done

# Step-through: every delivery held; the page's two presses wait as dashed arrows until Next
# (here the space bar) lets the first one through.
start 01-send "$TMP/press-late.js"
click $STEP_X $STEP_Y
sleep 7
focus_panel
xdotool key space
sleep 1
xdotool mousemove 1290 790
sleep 1
shot 01-send-step-through
stop

# The log and its detail pane at a desk's and a projector's text size (100%, 200%), in English
# and Chinese, in a 1280x800 and a 1920x1080 window: screenshots/log-SIZE-SCALE-LANG.png. The
# panel starts on settings written beforehand and is driven by keys (Ctrl+F, a query, Up picks
# the last invoke), so no click depends on where the text size or the language put a widget.
# Each picture is of the panel's window alone, on a display of its own big enough for both sizes.
LOG_SCREEN=${SCREENSHOT_LOG_DISPLAY:-:86}
Xvfb "$LOG_SCREEN" -screen 0 3900x1100x24 -nolisten tcp >/dev/null 2>&1 &
LOG_XVFB=$!
trap 'cleanup; kill "$LOG_XVFB" 2>/dev/null || true' EXIT
export DISPLAY="$LOG_SCREEN"
sleep 1
log_shot() { # SIZE SCALE LANG
	width=${1%x*}
	height=${1#*x}
	start 02-invoke "$TMP/press.js" "(lang:$3,scale:$2,detail_open:true,readme_open:true,tab:Some(Log))"
	# Only the mapped one: the toolkit keeps an unmapped helper window of the same name.
	panel=$(xdotool search --onlyvisible --name '^ipcscope$' | tail -1)
	xdotool windowsize "$panel" "$width" "$height" windowmove "$panel" 0 0
	xdotool search --name "02-invoke - ipcscope" windowmove 2000 0
	sleep 2
	find kind:invoke
	xdotool key Up
	xdotool mousemove 3800 1000
	sleep 1.5
	name="log-$1-$(echo "$2" | sed 's/\.0$//; s/^1$/100/; s/^2$/200/')-$(echo "$3" | tr 'EZ' 'ez')"
	# A window still being drawn can refuse to be read once: try again.
	for try in 1 2 3; do
		import -window "$panel" "$OUT/$name.png" 2>/dev/null && break
		[ "$try" = 3 ] && { echo "could not read the panel's window for $name" >&2; exit 1; }
		sleep 1
	done
	echo "wrote $OUT/$name.png"
	stop
}
for size in 1280x800 1920x1080; do
	for scale in 1.0 2.0; do
		for lang in En Zh; do
			log_shot $size $scale $lang
		done
	done
done

# The Problems tab: a lab making several IPC mistakes at once, its button pressed three times,
# at 100% and 200%, in English and Chinese, in a 1280x800 and a 1920x1080 window:
# screenshots/problems-SIZE-SCALE-LANG.png. The panel opens on the tab from settings written
# beforehand, so no click depends on where the text size or the language put it. A subshell
# with a display of its own, which it takes down however it ends.
(
	PROBLEMS_SCREEN=${SCREENSHOT_PROBLEMS_DISPLAY:-:85}
	Xvfb "$PROBLEMS_SCREEN" -screen 0 3900x1100x24 -nolisten tcp >/dev/null 2>&1 &
	PROBLEMS_XVFB=$!
	trap 'if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; fi; kill "$PROBLEMS_XVFB" 2>/dev/null || true' EXIT
	export DISPLAY="$PROBLEMS_SCREEN"
	sleep 1
	for size in 1280x800 1920x1080; do
		for scale in 1.0 2.0; do
			for lang in En Zh; do
				rm -rf "$TMP/labs/problem-several" "$TMP/data"
				mkdir -p "$TMP/labs" "$TMP/data/ipcscope"
				cp -r tests/labs/problem-several "$TMP/labs/problem-several"
				printf '{"ipcscope-settings":"%s"}\n' \
					"(lang:$lang,scale:$scale,dark:true,detail_open:true,readme_open:true,tab:Some(Problems))" \
					>"$TMP/data/ipcscope/app.ron"
				IPCSCOPE_PAGE_SCRIPT="$TMP/press.js" "$BIN" run "$TMP/labs/problem-several" >"$TMP/problems.log" 2>&1 &
				APP=$!
				# Polled, not --sync: a search fails outright when a window goes away under it.
				tries=0
				until xdotool search --name "problem-several - ipcscope" >/dev/null 2>&1; do
					tries=$((tries + 1))
					if [ "$tries" -gt 30 ]; then
						echo "no renderer window for problem-several" >&2
						exit 1
					fi
					sleep 1
				done
				sleep 1
				panel=$(xdotool search --onlyvisible --name '^ipcscope$' | tail -1)
				xdotool windowsize "$panel" "${size%x*}" "${size#*x}" windowmove "$panel" 0 0
				xdotool search --name "problem-several - ipcscope" windowmove 2000 0
				# The three presses (0.7 s apart) and their answers.
				sleep 4
				xdotool mousemove 3800 1000
				name="problems-$size-$(echo "$scale" | sed 's/^1\.0$/100/; s/^2\.0$/200/')-$(echo "$lang" | tr 'EZ' 'ez')"
				import -window "$panel" "$OUT/$name.png"
				echo "wrote $OUT/$name.png"
				kill "$APP"
				wait "$APP" 2>/dev/null || true
				APP=""
				# Until its window is gone, the next run's search would find it.
				tries=0
				while xdotool search --name "problem-several - ipcscope" >/dev/null 2>&1 && [ "$tries" -lt 50 ]; do
					tries=$((tries + 1))
					sleep 0.2
				done
			done
		done
	done
)

# Context isolation: a preload's `window.api`, unseen by the page with isolation on and seen with
# it off; the renderer window alone.
for mode in on off; do
	title="contextIsolation: $([ "$mode" = on ] && echo true || echo false)"
	mkdir -p "$TMP/labs"
	rm -rf "$TMP/labs/isolation-$mode"
	cp -r "tests/labs/isolation-$mode" "$TMP/labs/isolation-$mode"
	"$BIN" run "$TMP/labs/isolation-$mode" --headless >"$TMP/isolation-$mode.log" 2>&1 &
	APP=$!
	if ! timeout 30 xdotool search --sync --name "^$title\$" >/dev/null 2>&1; then
		echo "no renderer window for isolation-$mode" >&2
		exit 1
	fi
	sleep 2
	import -window "$(xdotool search --name "^$title\$" | head -1)" "$OUT/isolation-$mode.png"
	echo "wrote $OUT/isolation-$mode.png"
	stop
done
