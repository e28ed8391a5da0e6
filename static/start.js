// Starts the app. trunk's own loader is an inline <script>, which the Content-Security-Policy
// (script-src 'self', no 'unsafe-inline') forbids; so trunk only writes the file names into
// <meta name="app-files"> (Trunk.toml's pattern_script) and this same-origin file loads them.
// The glue and the wasm are already on their way: index.html preloads both with SRI hashes
// (the wasm's as data-integrity: scripts/wasm-preload.sh says why).
const { js, wasm } = document.querySelector('meta[name="app-files"]').dataset;
const preload = document.querySelector(`link[rel="preload"][href="${wasm}"]`);
const { default: init } = await import(js);
// Fetched with the preload's integrity, so that the preload is used and the hash checked.
await init({ module_or_path: fetch(wasm, { integrity: preload?.dataset.integrity ?? '' }) });
