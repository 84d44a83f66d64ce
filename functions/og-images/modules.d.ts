// WebAssembly the preview image Worker imports, as wrangler bundles it: a compiled module.
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
