import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { main } from '../../../src/cli/rf.ts';

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('the rf command line', () => {
  it('prints the per-layer table and a summary for --stack', async () => {
    const r = await run(['--input', '5', '--stack', 'conv k=3 s=2 p=1 | conv k=3 s=2 p=1']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('conv2  conv   2  4  7    0.5  4  3');
    expect(r.out).toContain(
      'Output conv2: RF 7 px, effective stride 4, effective padding 3, 2 units; aligned.',
    );
  });

  it('--at picks the reported layer', async () => {
    const r = await run(['--input', '5', '--stack', 'conv k=3 s=2 p=1 | conv k=3 s=2 p=1', '--at', 'conv1']);
    expect(r.out).toContain(
      'Output conv1: RF 3 px, effective stride 2, effective padding 1, 3 units; aligned.',
    );
  });

  it('prints per-axis values as h×w when they differ', async () => {
    const r = await run(['--input', '9x12', '--stack', 'conv k=1x7 p=0x3']);
    expect(r.out).toContain('Output conv1: RF 1×7 px');
  });

  it('--json gives numbers, fractions as JS numbers and as exact strings', async () => {
    const r = await run(['--input=4', '--stack', 'deconv k=4 s=2 p=1', '--json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    expect(data.input).toEqual([4, 4]);
    expect(data.layers[1]).toEqual({
      name: 'deconv1',
      op: 'deconv',
      size: [8, 8],
      jump: [0.5, 0.5],
      rf: [2, 2],
      start: [0.25, 0.25],
      stride: [0.5, 0.5],
      padding: [0.75, 0.75],
      exact: { jump: ['1/2', '1/2'], start: ['1/4', '1/4'], stride: ['1/2', '1/2'], padding: ['3/4', '3/4'] },
    });
    expect(data.output).toEqual({
      name: 'deconv1',
      rf: [2, 2],
      stride: [0.5, 0.5],
      padding: [0.75, 0.75],
      exact: { stride: ['1/2', '1/2'], padding: ['3/4', '3/4'] },
      global: false,
      globalContext: false,
      aligned: true,
    });
  });

  it('--json prints a third of a pixel exactly ("1/3") beside its float', async () => {
    // deconv k=3 s=3 p=0 on 4 px: n = (4 − 1)·3 + 3 = 12, j = 1/3; output o reads input ⌊o/3⌋ (one tap each),
    // so r = 1; its centre is start = ½ + (0 − (3 − 1)/2)·1/3 = 1/6, and P = r/2 − start = 1/2 − 1/6 = 1/3.
    const r = await run(['--input=4', '--stack', 'deconv k=3 s=3 p=0', '--json']);
    expect(r.code).toBe(0);
    const layer = JSON.parse(r.out).layers[1];
    expect(layer.jump).toEqual([1 / 3, 1 / 3]);
    expect(layer.exact).toEqual({
      jump: ['1/3', '1/3'],
      start: ['1/6', '1/6'],
      stride: ['1/3', '1/3'],
      padding: ['1/3', '1/3'],
    });
  });

  it('lists the zoo and analyses a zoo model at its endpoint (ResNet-50 v1: RF 483, S 32, P 239 as in Distill)', async () => {
    const list = await run(['--list']);
    expect(list.code).toBe(0);
    expect(list.out).toContain('resnet_v1_50');
    const r = await run(['resnet_v1_50', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).output).toMatchObject({ rf: [483, 483], stride: [32, 32], padding: [239, 239] });
  });

  it.each([
    [['--stack', 'conv k=3'], '--stack needs --input'],
    [['--input', '0', '--stack', 'conv k=3'], '--input expects'],
    [['--input', '5', '--stack', 'conv k=3 q=1'], 'has no option "q"'],
    [['--input', '5', '--stack', 'conv k=3 s=2 | conv k=3 s=2'], 'vanishes'],
    [['no_such_model'], 'unknown model'],
    [['--frobnicate'], 'unknown option'],
    [[], 'name a zoo model'],
  ])('exits with 2 and explains on stderr: %j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
  });

  it('runs as a script and exits with the code (spawned)', () => {
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const ok = spawnSync(
      process.execPath,
      [tsx, 'src/cli/rf.ts', '--input', '5', '--stack', 'conv k=3 s=2 p=1'],
      { encoding: 'utf8' },
    );
    expect([ok.status, ok.stdout.includes('Output conv1: RF 3 px')]).toEqual([0, true]);
    const bad = spawnSync(process.execPath, [tsx, 'src/cli/rf.ts', '--input', '5', '--stack', 'nope'], {
      encoding: 'utf8',
    });
    expect([bad.status, bad.stderr.includes('unknown layer "nope"')]).toEqual([2, true]);
  }, 30_000);
});
