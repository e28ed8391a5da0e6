// Applies wasm-opt's --minify-imports-and-exports-and-modules mapping to wasm-bindgen's JS glue,
// once esbuild has minified the glue (scripts/minify-wasm-names.sh). There, every old name is
// in one of three places, and only those are rewritten, whole identifiers only:
//   {"./logout-tracker_bg.js":{...}}            the import module: a quoted key
//   {__proto__:null,__wbg_Error_<hash>:function  an import: a key of the module's object
//   c.__wbindgen_malloc, c.memory.buffer          an export: a property of instance.exports
// The build fails when the module or an import is not found exactly once, when the exports are
// read through more than one variable, or when any old name is left anywhere in the glue.
// Usage: node wasm-names.mjs MAPPING.json MINIFIED.wasm GLUE.js (rewrites GLUE.js in place)
import { readFileSync, writeFileSync } from 'node:fs';

const [mappingFile, wasmFile, glueFile] = process.argv.slice(2);
const fail = (message) => {
  console.error(`wasm-names: ${message}`);
  process.exit(1);
};
const sameSet = (a, b) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

// wasm-opt's stdout: {"imports": [[module, old, new], ...], "exports": [[old, new], ...]}.
const mapping = JSON.parse(readFileSync(mappingFile, 'utf8'));
const imports = new Map(mapping.imports.map(([, old, short]) => [old, short]));
const exports = new Map(mapping.exports);
// The mapping leaves the new module name out (wasm-opt merges all modules into "a"): the wasm
// says it, and its names must be the mapping's.
const wasm = new WebAssembly.Module(readFileSync(wasmFile));
const wasmImports = WebAssembly.Module.imports(wasm);
const oldModules = [...new Set(mapping.imports.map(([module]) => module))];
const newModules = [...new Set(wasmImports.map(({ module }) => module))];
// wasm-bindgen's glue has one object per module; two would have to be merged into one.
if (oldModules.length !== 1 || newModules.length !== 1) {
  fail(`one import module expected, not ${oldModules} -> ${newModules}`);
}
const [oldModule] = oldModules;
const [newModule] = newModules;
if (!sameSet([...imports.values()], wasmImports.map(({ name }) => name))) {
  fail("the mapping's imports are not the wasm's");
}
if (!sameSet([...exports.values()], WebAssembly.Module.exports(wasm).map(({ name }) => name))) {
  fail("the mapping's exports are not the wasm's");
}

let glue = readFileSync(glueFile, 'utf8');
const bytesBefore = glue.length;
const ident = '[A-Za-z_$][\\w$]*';
const rewritten = new Map(); // old name -> times rewritten
const rewrite = (old, short) => {
  rewritten.set(old, (rewritten.get(old) ?? 0) + 1);
  return short;
};

// The module: a quoted key (of the object __wbg_get_imports returns).
glue = glue.replace(/(?<=[{,])(["'])([^"'\\]*)\1(?=:)/g, (key, _quote, name) =>
  name === oldModule ? rewrite(oldModule, JSON.stringify(newModule)) : key,
);
// The imports: plain keys (of that module's object).
glue = glue.replace(new RegExp(`(?<=[{,])${ident}(?=:)`, 'g'), (key) =>
  imports.has(key) ? rewrite(key, imports.get(key)) : key,
);
// The exports: properties read through the variable that holds instance.exports.
const receivers = new Set();
glue = glue.replace(new RegExp(`\\.(${ident})(?![\\w$])`, 'g'), (access, name, offset) => {
  if (!exports.has(name)) return access;
  receivers.add(/[\w$]*$/.exec(glue.slice(Math.max(0, offset - 100), offset))[0]);
  return `.${rewrite(name, exports.get(name))}`;
});

if (rewritten.get(oldModule) !== 1) fail(`the module "${oldModule}" is not a key of the glue once`);
const notOnce = [...imports.keys()].filter((old) => rewritten.get(old) !== 1);
if (notOnce.length) fail(`imports not a key of the glue exactly once: ${notOnce.join(', ')}`);
const receiver = [...receivers][0];
if (receivers.size !== 1 || !receiver) {
  fail(`the exports are read through ${[...receivers].map((r) => `"${r}"`).join(', ') || 'nothing'}, not one variable`);
}
const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const left = [oldModule, ...imports.keys(), ...exports.keys()].filter((old) =>
  new RegExp(`(?<![\\w$])${escape(old)}(?![\\w$])`).test(glue),
);
if (left.length) fail(`old names left in the glue: ${left.join(', ')}`);

writeFileSync(glueFile, glue);
const used = [...exports.keys()].filter((old) => rewritten.has(old));
console.log(
  `wasm-names: the module, ${imports.size} imports and ${used.length} of ${exports.size} exports ` +
    `renamed in ${glueFile} (${bytesBefore} -> ${glue.length} bytes)`,
);
