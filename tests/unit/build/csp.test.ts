import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScriptHashes, policyFor, withCsp } from '../../../src/build/csp.ts';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('the build-time Content-Security-Policy', () => {
  it('hashes each inline script once, and no external one', () => {
    const html =
      '<script>a()</script><script type="module">b()</script><script src="/x.js"></script><script>a()</script>';
    expect(inlineScriptHashes(html)).toEqual([sha('a()'), sha('b()')]);
  });

  it('puts the policy right after the charset meta, before the first script', () => {
    const html =
      '<!DOCTYPE html><html><head><meta charset="utf-8"><script>t()</script></head><body></body></html>';
    const out = withCsp(html);
    expect(out.indexOf('content-security-policy')).toBeGreaterThan(out.indexOf('charset'));
    expect(out.indexOf('content-security-policy')).toBeLessThan(out.indexOf('<script>'));
    expect(out).toContain(`script-src 'self' ${sha('t()')};`);
    expect(withCsp(out)).toBe(out);
    const redirect = withCsp('<!doctype html><title>Redirecting</title>');
    expect(redirect).toMatch(/^<!doctype html><meta http-equiv="content-security-policy"/);
  });

  it('never allows eval or inline scripts by name; WebAssembly only when asked', () => {
    const policy = policyFor([sha('x')]);
    expect(policy).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'|wasm/);
    expect(policy).toContain("connect-src 'self'");
    expect(policyFor([], { wasm: true })).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });
});
