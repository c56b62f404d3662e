import { fireEvent, render } from '@testing-library/svelte';
import { tick } from 'svelte';
import RfDiagnostics from '../../components/widgets/RfDiagnostics.svelte';
import { stackToNetwork, type Layer } from '../../src/rf';
import { findModel } from '../../src/rf/zoo';

const conv3: Layer = {
  op: 'conv',
  kernel: { h: 3, w: 3 },
  stride: { h: 1, w: 1 },
  dilation: { h: 1, w: 1 },
  padding: { mode: 'explicit', h: { before: 1, after: 1 }, w: { before: 1, after: 1 } },
};

/** Opens the per-layer table (it is built only while open). */
async function open(container: HTMLElement) {
  const details = container.querySelector('details');
  if (details === null) throw new Error('no details');
  details.open = true;
  await fireEvent(details, new Event('toggle'));
  await tick();
}

describe('RfDiagnostics', () => {
  it('marks border and critical layers at the input size and gives the usable range', async () => {
    // Four 3×3 convolutions on 5 px: r = 3, 5, 7, 9; conv3 and conv4 read ≥ 5 px and grow past it.
    // Range: conv4 is at the border up to its input's 7 px, so 8 … 9 (the output's RF).
    const net = stackToNetwork({ h: 5, w: 5 }, [conv3, conv3, conv3, conv3]);
    const { container } = render(RfDiagnostics, { network: net, locale: 'en' });
    expect(container.querySelector('[data-fact="border"]')?.textContent).toContain(
      'At 5×5 px, 2 border layers',
    );
    expect(container.querySelector('[data-fact="border"] .names')?.textContent).toBe('conv3, conv4');
    expect(container.querySelector('[data-fact="range"]')?.textContent).toContain(
      'Usable input sizes: 8 to 9 px',
    );
    expect(container.querySelector('tr[data-row="conv4"]')).toBeNull();
    await open(container);
    const row = container.querySelector('tr[data-row="conv4"]');
    expect(row?.classList.contains('border')).toBe(true);
    expect([...(row?.querySelectorAll('td') ?? [])].map((td) => td.textContent)).toEqual([
      'conv',
      '9',
      '9',
      'border',
    ]);
  });

  it('speaks Russian and shows ResNet-50’s shortest path 11 and longest 427 at layer4', async () => {
    const model = findModel('torchvision-resnet50');
    if (model === undefined) throw new Error('zoo model missing');
    const { container } = render(RfDiagnostics, { network: model.network, at: 'layer4', locale: 'ru' });
    await open(container);
    const cells = [...(container.querySelector('tr[data-row="layer4"]')?.querySelectorAll('td') ?? [])];
    expect(cells.map((c) => c.textContent).slice(1, 3)).toEqual(['11', '427']);
    expect(container.querySelector('[data-fact="range"]')?.textContent).toContain('от 97 до 427 px');
    expect(container.querySelector('[data-fact="macs"]')?.textContent).toContain('0.0%');
  });

  it('says so when the network is invalid instead of showing numbers', () => {
    const bad = stackToNetwork({ h: 2, w: 2 }, [{ ...conv3, padding: { mode: 'valid' } }, conv3]);
    const { container } = render(RfDiagnostics, { network: bad, locale: 'en' });
    expect(container.querySelector('[data-diagnostics]')?.getAttribute('data-diagnostics')).toBe('invalid');
    expect(container.textContent).toContain('Fix the network above');
  });
});
