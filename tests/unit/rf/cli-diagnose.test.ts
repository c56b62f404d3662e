import { main } from '../../../src/cli/rf.ts';

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

interface Doc {
  layers: { name: string; minRf: [number, number]; maxRf: [number, number] }[];
  diagnostics: {
    borderLayers: string[];
    criticalLayers: string[];
    inputRange: { min: [number, number]; max: [number, number]; minByRf: [number, number] };
  };
}

describe('rf --diagnose', () => {
  it('--json gives minRf/maxRf per layer and borderLayers, criticalLayers, inputRange under diagnostics', async () => {
    const r = await run(['torchvision-resnet50', '--input', '32', '--diagnose', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as Doc;
    const layer4 = doc.layers.find((l) => l.name === 'layer4');
    // Shortest path 7×7/2 + 3×3/2 max-pool = 11; longest 427 (hand-derived in tests/unit/rf/zoo).
    expect(layer4?.minRf).toEqual([11, 11]);
    expect(layer4?.maxRf).toEqual([427, 427]);
    // layer4's 3×3 convolutions read a 1 × 1 map at 32 px (32 → 16 → 8 → 8 → 4 → 2 → 1).
    expect(doc.diagnostics.borderLayers).toContain('layer4.1.conv2');
    expect(doc.diagnostics.borderLayers).not.toContain('conv1');
    expect(doc.diagnostics.criticalLayers).toEqual([]);
    expect(doc.diagnostics.inputRange.min).toEqual([97, 97]);
    expect(doc.diagnostics.inputRange.max).toEqual([427, 427]);
    expect(doc.diagnostics.inputRange.minByRf).toEqual([75, 75]);
  });

  it('prints minRf, maxRf and the mark as table columns and a summary of the analysis', async () => {
    // N = 6: r = 3, 5, 7; l3's input sees 5 < 6 and its own shortest path 7 > 6: critical.
    const r = await run([
      '--input',
      '6',
      '--stack',
      'conv k=3 p=1 | conv k=3 p=1 | conv k=3 p=1',
      '--diagnose',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/minRf\s+maxRf\s+mark/);
    expect(r.out).toMatch(/conv3 .* 7\s+7\s+critical/);
    expect(r.out).toContain('Border layers at 6×6 (0): none.');
    expect(r.out).toContain('Critical layers (1): conv3.');
    expect(r.out).toContain('Usable input sizes: 6 to 7 px; the shortest-path rule alone asks for 6 px.');
  });

  it('without --diagnose the JSON has no diagnostics', async () => {
    const r = await run(['torchvision-resnet50', '--input', '32', '--json']);
    expect(JSON.parse(r.out)).not.toHaveProperty('diagnostics');
  });
});
