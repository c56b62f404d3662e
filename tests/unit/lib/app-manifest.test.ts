import { existsSync } from 'node:fs';
import path from 'node:path';
import { appManifest } from '../../../src/lib/app-manifest';

describe('appManifest(base)', () => {
  test.for(['/', '/rf-lab/'])('under %s: start URL, scope and icons stay under the base', (base) => {
    const manifest = appManifest(base);
    expect(manifest.start_url).toBe(base);
    expect(manifest.scope).toBe(base);
    for (const icon of manifest.icons) expect(icon.src.startsWith(base), icon.src).toBe(true);
  });

  test('every icon is a file of public/, including a 192 px, a 512 px and a maskable PNG', () => {
    const manifest = appManifest('/');
    for (const icon of manifest.icons) {
      expect(existsSync(path.join('public', icon.src.slice(1))), icon.src).toBe(true);
    }
    const png = manifest.icons.filter((i) => i.type === 'image/png');
    expect(png.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(png.some((i) => i.purpose === 'maskable')).toBe(true);
  });
});
