/**
 * `rf --diagnose` evaluates the network once: the diagnosis reads the analysis the table was made
 * from. Catches: the CLI calling `diagnose(net)` without the analysis, which evaluates it again.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/rf/evaluate.ts', async (importOriginal) =>
  (await import('../support/count-evaluate')).countEvaluate(importOriginal),
);
const { evaluations: counted } = await import('../support/count-evaluate');

const { main } = await import('../../../src/cli/rf.ts');

async function evaluations(argv: string[]): Promise<number> {
  counted.count = 0;
  let out = '';
  const code = await main(argv, { out: (t) => void (out += t), err: () => undefined });
  expect(code).toBe(0);
  expect(out.length).toBeGreaterThan(0);
  return counted.count;
}

describe('rf evaluates the network once', () => {
  it('for the layer table, with and without --diagnose and --json', async () => {
    expect(await evaluations(['resnet_v1_50'])).toBe(1);
    expect(await evaluations(['resnet_v1_50', '--diagnose'])).toBe(1);
    expect(await evaluations(['resnet_v1_50', '--diagnose', '--json'])).toBe(1);
    expect(
      await evaluations([
        '--input',
        '9',
        '--stack',
        'conv k=3 s=2 p=1 | pool k=2',
        '--at',
        'input',
        '--diagnose',
      ]),
    ).toBe(1);
  });
});
