// Modules the preview image Worker imports as wrangler bundles them:
// WebAssembly as compiled modules, fonts as bytes (wrangler.og.toml, [[rules]]).
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
declare module '*.woff' {
  const data: ArrayBuffer;
  export default data;
}
