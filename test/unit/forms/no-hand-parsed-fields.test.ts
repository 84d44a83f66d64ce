// Officials' forms (and the members') are read in one place
// (functions/forms/read-form.ts), through their zod schemas
// (functions/*/form-schemas.ts). This scan fails when code reads a posted
// body by hand again (issue 22.4).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const functionsDir = join(root, 'functions');

/** Reads of a request body: parseBody, formData, json, text, arrayBuffer, blob. */
const bodyRead = /\.(parseBody|formData|json|text|arrayBuffer|blob)\s*\(\s*(\{[^)]*\})?\s*\)/g;
/** A posted field picked out of a parsed body by name, e.g. body['ma'], form["tieu-de"], values['pham-vi'], body.role. */
const fieldRead = /\b(body|form|values)\s*\[\s*['"`]|\bbody\.[a-zA-Z_]/g;

/**
 * Code allowed to read a body itself, each for its reason. Nothing here reads
 * an officials' form field for a handler.
 */
const allowed: Record<string, string> = {
  'functions/forms/read-form.ts': 'the one validation helper',
  'functions/auth/csrf.tsx': 'the CSRF token of every form, checked before any route runs',
  'functions/auth/once.tsx': 'the once-only token of every form, checked before any route runs',
  'functions/middleware/readable-form.ts': 'only tries to parse, to answer an unreadable body with 400',
  'functions/routes/helpful.ts': 'the public guide feedback (one yes/no field): its unreadable body has its own JSON problem code',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const files = sourceFiles(functionsDir).map((path) => ({ path: relative(root, path).replaceAll('\\', '/'), text: readFileSync(path, 'utf8') }));
/** Code without comments, so a comment naming parseBody is no hit. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
/** Reads of response or JSON-in-D1 bodies are not form reads: only those on a request (c.req, the raw request). */
const requestBodyReads = (text: string) =>
  [...code(text).matchAll(bodyRead)].filter((m) => /(c\.req|req|request|raw)\s*$/.test(code(text).slice(Math.max(0, m.index - 20), m.index)));

describe('no hand-parsed fields: officials’ (and members’) forms are read through their schemas', () => {
  it('the scan sees the one helper read the body (so the pattern works)', () => {
    const helper = files.find((f) => f.path === 'functions/forms/read-form.ts');
    expect(helper && requestBodyReads(helper.text).length).toBeGreaterThan(0);
  });

  it('no module reads a request body outside the validation helper', () => {
    const offenders = files.filter((f) => !(f.path in allowed)).flatMap((f) => requestBodyReads(f.text).map((m) => `${f.path}: ${m[0]}`));
    expect(offenders).toEqual([]);
  });

  it('no officials’ route picks a posted field by name: fields are named in the form schemas only', () => {
    const routes = files.filter((f) => f.path.startsWith('functions/routes/admin/') || f.path === 'functions/auth/guard.ts');
    expect(routes.length).toBeGreaterThan(10);
    const offenders = routes.flatMap((f) => [...code(f.text).matchAll(fieldRead)].map((m) => `${f.path}: ${m[0]}`));
    expect(offenders).toEqual([]);
  });
});
