# Two commands set up everything on a fresh Debian 12 machine:
#   make run    install what is missing, build, open the panel on the sample labs
#   make test   install what is missing, run every test (under Xvfb when there is no display)

APT_PACKAGES := pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libxdo-dev \
	xvfb xauth fonts-noto-cjk imagemagick xdotool
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Tests open real windows: give them a virtual display unless there is one already.
XVFB := $(if $(DISPLAY),,xvfb-run -a -s "-screen 0 1280x1024x24")

.PHONY: deps toolchain build run test lint bench screenshots clean

deps: toolchain
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi

toolchain:
	@command -v cargo >/dev/null || { \
		echo "ipcscope needs Rust's cargo (stable): install it from https://rustup.rs and run make again."; \
		exit 1; }

build: deps
	cargo build

run: build
	cargo run --quiet

test: deps
	cargo fmt --check
	cargo build --all-targets
	$(XVFB) cargo test -- --test-threads=2

# Runs each sample under its own Xvfb display, drives it, and writes PNGs into screenshots/.
screenshots: build
	screenshots/take.sh target/debug/ipcscope

lint: deps
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings

# Speed against a raw wry webview in the same run (release build; reports, never fails on a number).
bench: deps
	cargo build --release --example raw_webview
	$(XVFB) cargo bench --bench ipc
	@echo "The panel with 1,000,000 journal entries (budget: a frame under 16 ms, a filter under 100 ms):"
	cargo test --release --bin ipcscope a_million_rows -- --ignored --nocapture --test-threads=1 2>&1 \
		| grep -oE "(ingest|filter |one frame|the frame).*"
	@echo "The sequence diagram with 100,000 messages (budget: a frame under 16 ms):"
	cargo test --release --bin ipcscope a_hundred_thousand_arrows -- --ignored --nocapture --test-threads=1 2>&1 \
		| grep -oE "(ingest|one frame).*"
	@echo "Memory per small entry (a million fit in a few hundred MB):"
	cargo test --release --bin ipcscope bytes_per_ -- --ignored --nocapture --test-threads=1 2>&1 \
		| grep -oE "(journal|log) memory.*"

clean:
	cargo clean
