// The preview image Worker (functions/og-images/worker.ts) as an auxiliary
// Worker of the Worker tests, bound as OG_IMAGES like wrangler.toml binds it.
// The vitest pool does not bundle auxiliary Workers: esbuild does it here, in
// memory, with the WebAssembly and font files left as their own modules the
// way wrangler uploads them (wrangler.og.toml).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

type Module = { type: 'ESModule'; path: string; contents: string } | { type: 'CompiledWasm' | 'Data'; path: string; contents: Uint8Array };

export async function ogImagesWorker() {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const toml = readFileSync(`${root}wrangler.og.toml`, 'utf8');
  const setting = (key: string) => new RegExp(`^${key} = "([^"]+)"`, 'm').exec(toml)![1]!;
  const config = { name: setting('name'), main: setting('main'), compatibility_date: setting('compatibility_date') };
  const files: Module[] = [];
  const bundle = await build({
    entryPoints: [`${root}${config.main}`],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser', 'import'],
    mainFields: ['browser', 'module', 'main'],
    write: false,
    plugins: [
      {
        name: 'binary-modules',
        setup(b) {
          b.onResolve({ filter: /\.(wasm|woff)$/ }, async (args) => {
            if (args.pluginData === 'binary') return undefined;
            const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'binary' });
            const path = basename(resolved.path);
            files.push({ type: path.endsWith('.wasm') ? 'CompiledWasm' : 'Data', path, contents: readFileSync(resolved.path) });
            return { path: `./${path}`, external: true };
          });
        },
      },
    ],
  });
  return {
    name: config.name,
    compatibilityDate: config.compatibility_date,
    modules: [{ type: 'ESModule', path: 'worker.js', contents: bundle.outputFiles[0]!.text }, ...files] satisfies Module[],
  };
}
