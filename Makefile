# The README's two commands: `make dev` and `make test`. Each installs what is missing.
include tools/versions.env

SHELL := /bin/bash
# Where `cargo install` puts trunk and wasm-bindgen-cli: cargo's own default, unless told
# otherwise. .ci/run keeps them there while it points CARGO_HOME at an empty registry.
CARGO_INSTALL_ROOT ?= $(or $(CARGO_HOME),$(HOME)/.cargo)
export CARGO_INSTALL_ROOT
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(CARGO_INSTALL_ROOT)/bin:$(HOME)/.cargo/bin:$(PATH)
# The browser tests drive Debian's Chromium through ChromeDriver.
export CHROMEDRIVER := /usr/bin/chromedriver
# The runner's default 20 s is for the whole file; the client tests wait on real token
# lifetimes and slow refreshes.
WASM_TEST := env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner WASM_BINDGEN_TEST_TIMEOUT=180 \
	cargo test --target wasm32-unknown-unknown -p logout-tracker

.PHONY: dev preview test lint tools browser test-native test-browser test-e2e test-size test-dist test-dev dist size size-top bench bench-scrub load fault-run fuzz clean

dev: tools
	@scripts/dev.sh

## The release build exactly as a host serves it (the reference backend's --static-dir:
## the strict CSP, the precompressed file the browser accepts, long caching for hashed
## names), with the demo users and the mail sink: http://127.0.0.1:8000/signin
preview: tools dist
	@scripts/preview.sh

test: tools lint browser test-native test-browser test-e2e test-size test-dist test-dev

tools:
	@scripts/ensure-tools.sh

browser:
	@scripts/ensure-browser.sh

## Formatting and lints, natively for the workspace and on wasm32 for the app: a tree that
## is unformatted or has a warning fails here, before any test runs.
lint: tools
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p logout-tracker --all-targets -- -D warnings

## Native: the pure core, the reference backend.
test-native:
	cargo test --workspace --exclude e2e

## Headless Chromium: storage and components alone, the client against the backend.
test-browser: tools browser
	$(WASM_TEST) --test browser_storage --test browser_logout_chart
	WASM_BINDGEN_TEST_WEBDRIVER_JSON=$(CURDIR)/tests/webdriver-accessibility.json $(WASM_TEST) --test browser_components
	scripts/with-backend.sh $(WASM_TEST) --test browser_client

## The built app in a real Chromium against the reference backend. --show-output prints the
## accessibility audit's report (also in target/e2e/accessibility-audit.txt).
test-e2e: dist browser
	cargo test -p e2e -- --test-threads=1 --show-output

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

## The release build as a host serves it: no inline script, every SRI hash right, every
## .br and .gz decompressing to its original.
test-dist: dist
	@scripts/check-dist.sh dist

## The dev server builds into target/dev-dist and leaves dist/ as it was.
test-dev: tools dist
	@scripts/check-dev-keeps-dist.sh

## Measured figures, printed (never asserted): the wrapper's cost per request; this app
## against the React peer (../shared/peer-react-dist): sizes, and how soon the Session
## Ended box shows on a first visit, unthrottled and on Lighthouse's mobile profile.
bench: dist browser
	scripts/with-backend.sh $(WASM_TEST) --release --test browser_bench -- --nocapture
	cargo run --quiet -p e2e --bin bench-first-visit

## Ending a session for a 10 KB to 4 MB body, benign and hostile (issue 21): time per run and
## per MB, printed (never asserted). Native, release settings.
bench-scrub:
	cargo run --release --quiet --example scrub_bench

## Figures printed, never asserted (README "Load and faults"). load: 200 Goose users for a
## minute against the reference backend (built with the `load` profile; load/ is a workspace
## of its own, apart from `make test`); LOAD_ARGS passes Goose flags, e.g. LOAD_ARGS="-u 50 -t 20",
## and LOAD_THINK_MS=MIN-MAX the pause between two actions of a user (default 250-750).
LOAD_ARGS ?=
load:
	BACKEND_PROFILE=load scripts/with-backend.sh sh -c 'cd load && cargo run --release --quiet -- $(LOAD_ARGS)'

## fault-run: the release app in three Chromium sessions while the backend goes away, answers
## late, fails and truncates; per fault the requests, the errors users saw, false logouts.
fault-run: dist browser
	cargo run --quiet -p e2e --bin fault-run

## Each cargo-fuzz target of fuzz/ for FUZZ_SECONDS (nightly; corpus in fuzz/corpus/<target>,
## dictionary fuzz/dicts/<target>.dict when there is one). An input that takes longer than
## FUZZ_TIMEOUT seconds is a crash (libFuzzer's -timeout): the pure core must stay fast on
## hostile input, not only correct.
FUZZ_SECONDS ?= 300
FUZZ_TIMEOUT ?= 2
FUZZ_TARGETS = backend_body classify scrub paths config sign_in_query history
fuzz:
	@scripts/ensure-fuzz.sh
	cd fuzz && for target in $(FUZZ_TARGETS); do \
		dict=$$([ -f dicts/$$target.dict ] && echo -dict=dicts/$$target.dict); \
		cargo +nightly fuzz run $$target -- -max_total_time=$(FUZZ_SECONDS) -timeout=$(FUZZ_TIMEOUT) $$dict || exit 1; \
	done

clean:
	cargo clean
	rm -rf dist
