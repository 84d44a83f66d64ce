// satori bundles HarfBuzz (text shaping) as an Emscripten module that starts
// as soon as satori is imported: it reads self.location.href, then compiles
// hb.wasm from bytes inlined in satori's code. workerd has no self.location
// and compiles no WebAssembly from bytes at run time (only modules uploaded
// with the Worker): the compile never completes and every request hangs. So,
// imported before satori, this module gives it an address and hands that one
// compile the same hb.wasm uploaded as a compiled module (harfbuzzjs/hb.wasm:
// byte for byte what satori inlines; test/worker/og-images.test.ts draws
// through it). Modules already compiled (yoga, resvg) go to the real function.
import hbWasm from 'harfbuzzjs/hb.wasm';

if ((globalThis as { location?: unknown }).location === undefined) {
  Object.defineProperty(globalThis, 'location', { value: new URL('https://og-images.internal/'), configurable: true });
}

const realInstantiate = WebAssembly.instantiate.bind(WebAssembly) as (
  module: WebAssembly.Module,
  imports?: WebAssembly.Imports,
) => Promise<WebAssembly.Instance>;

WebAssembly.instantiate = (async (source: BufferSource | WebAssembly.Module, imports?: WebAssembly.Imports) => {
  if (source instanceof WebAssembly.Module) return realInstantiate(source, imports);
  // Bytes: only satori's HarfBuzz asks for that here.
  return { module: hbWasm, instance: await realInstantiate(hbWasm, imports) };
}) as typeof WebAssembly.instantiate;
