# The README's two commands: `make dev` and `make test`. Each installs what is missing.
include tools/versions.env

SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# The browser tests drive Debian's Chromium through ChromeDriver.
export CHROMEDRIVER := /usr/bin/chromedriver
WASM_TEST := env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	cargo test --target wasm32-unknown-unknown -p logout-tracker

.PHONY: dev test tools browser test-native test-browser test-e2e test-size dist size size-top bench clean

dev: tools
	@scripts/dev.sh

test: tools browser test-native test-browser test-e2e test-size

tools:
	@scripts/ensure-tools.sh

browser:
	@scripts/ensure-browser.sh

## Native: the pure core, the reference backend.
test-native:
	cargo test --workspace --exclude e2e

## Headless Chromium: storage and components alone, the client against the backend.
test-browser: tools browser
	$(WASM_TEST) --test browser_storage --test browser_components
	scripts/with-backend.sh $(WASM_TEST) --test browser_client

## The built app in a real Chromium against the reference backend.
test-e2e: dist browser
	cargo test -p e2e -- --test-threads=1

## The release app in dist/, ready for any static server.
dist: tools
	@scripts/dist.sh

size:
	@scripts/size.sh dist

## What the release wasm holds, by function (twiggy top, names kept).
size-top: dist
	@scripts/wasm-top.sh 40

## The release build's gzipped total within tools/size-budget.env.
test-size: dist
	@scripts/size.sh --budget dist

## Measured figures, printed (never asserted): the wrapper's cost per request; this app
## against the React peer (../shared/peer-react-dist): sizes, and how soon the Session
## Ended box shows on a first visit, unthrottled and on Lighthouse's mobile profile.
bench: dist browser
	scripts/with-backend.sh $(WASM_TEST) --release --test browser_bench -- --nocapture
	cargo run --quiet -p e2e --bin bench-first-visit

clean:
	cargo clean
	rm -rf dist
