/**
 * Builds the site twice (under `/` and under a subpath), serves each build from its own static
 * server on 127.0.0.1 and starts one Chromium that every test file connects to.
 *
 * E2E_SKIP_BUILD=1 reuses the builds from a previous run (handy while writing tests).
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { startStaticServer, type StaticServer } from '../../scripts/serve-static';
import type { ServedSite } from './support/context';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium';

export const SUBPATH_BASE = '/rf-lab/';
/** The subpath build is made for this public origin (canonical, hreflang, sitemap); the root build for none. */
export const SUBPATH_SITE_URL = 'https://rf-lab.example';
const OUT_DIR = 'dist-e2e';

async function buildSite(projectRoot: string, base: string, outDir: string, siteUrl?: string): Promise<void> {
  const astroBin = path.join(projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');
  rmSync(outDir, { recursive: true, force: true });
  const started = performance.now();
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [astroBin, 'build', '--outDir', outDir], {
      cwd: projectRoot,
      env: {
        ...process.env,
        // Vitest sets NODE_ENV=test, with which Vite resolves Svelte's development runtime (its
        // long warnings and dev-only checks): the readers get the production build, so test that.
        NODE_ENV: 'production',
        BASE_PATH: base,
        SITE_URL: siteUrl ?? '',
        ASTRO_TELEMETRY_DISABLED: '1',
        FORCE_COLOR: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) {
    throw new Error(`astro build for base ${base} failed (exit code ${code}):\n${output.join('')}`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`[e2e] built base ${base} into ${path.relative(projectRoot, outDir)} in ${seconds}s`);
}

function served(server: StaticServer, dir: string): ServedSite {
  return { dir, base: server.base, origin: server.origin, url: server.url };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const projectRoot = project.config.root;
  const rootDir = path.join(projectRoot, OUT_DIR, 'root');
  const subDir = path.join(projectRoot, OUT_DIR, 'sub');

  const reuse = process.env.E2E_SKIP_BUILD === '1' && existsSync(rootDir) && existsSync(subDir);
  if (reuse) {
    console.log('[e2e] E2E_SKIP_BUILD=1: reusing the existing builds');
  } else {
    // One after the other: the builds share Astro's caches, and the machine may be small.
    await buildSite(projectRoot, '/', rootDir);
    await buildSite(projectRoot, SUBPATH_BASE, subDir, SUBPATH_SITE_URL);
  }

  const servers: StaticServer[] = [];
  let browserServer: BrowserServer | undefined;
  const teardown = async (): Promise<void> => {
    await browserServer?.close();
    await Promise.all(servers.map((s) => s.close()));
  };
  try {
    // Compressed like a static host would (Lighthouse's audits see the same bytes a reader gets).
    const rootServer = await startStaticServer({ root: rootDir, base: '/', gzip: true });
    servers.push(rootServer);
    const subServer = await startStaticServer({ root: subDir, base: SUBPATH_BASE, gzip: true });
    servers.push(subServer);
    browserServer = await chromium.launchServer({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    project.provide('e2e', {
      root: served(rootServer, rootDir),
      sub: served(subServer, subDir),
      wsEndpoint: browserServer.wsEndpoint(),
    });
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
