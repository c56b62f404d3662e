import { fireEvent, render, waitFor } from '@testing-library/svelte';
import PhotoRf from '../../components/widgets/PhotoRf.svelte';
import { findModel } from '../../src/rf/zoo/index';
import {
  PHOTO_MODELS,
  formatSelection,
  objectSize,
  parseSelection,
  PHOTO_OBJECTS,
} from '../../components/widgets/photo-rf';

// RF sizes at 224 px from Google's receptive_field results table (TF-slim end-points):
// resnet_v1_50 block1 35, block2 99, block4 483 (effective stride 32, padding 239); vgg_16 pool5 212.
const layerRf = (c: HTMLElement) => c.querySelector('[data-layer-rf]')?.textContent;
const rfSize = (c: HTMLElement) => c.querySelector('[data-rf-size]')?.getAttribute('data-rf-size');
const param = () => new URLSearchParams(window.location.search).get('photo');

async function choose(select: Element | null, value: string) {
  (select as HTMLSelectElement).value = value;
  await fireEvent.change(select as HTMLSelectElement);
}

describe('photo-rf view model', () => {
  it('offers only layers that exist in the zoo', () => {
    for (const model of PHOTO_MODELS) {
      const names = new Set(findModel(model.id)?.network.nodes.map((n) => n.name));
      for (const layer of model.layers) expect(names.has(layer.node), `${model.id} ${layer.node}`).toBe(true);
    }
  });

  it('round-trips a selection through the URL and rejects nonsense', () => {
    const s = {
      model: 'vgg_16',
      layer: 'pool3',
      unit: { h: 2, w: 5 },
      object: 'face' as const,
      centres: true,
    };
    expect(formatSelection(s)).toBe('vgg_16.pool3.2.5.face');
    expect(parseSelection('vgg_16.pool3.2.5.face')).toEqual(s);
    expect(formatSelection({ ...s, centres: false })).toBe('vgg_16.pool3.2.5.face.nogrid');
    expect(parseSelection('vgg_16.pool3.2.5.face.nogrid')).toEqual({ ...s, centres: false });
    expect(parseSelection('no_such_net.block1')).toBeNull();
    expect(parseSelection('resnet_v1_50.block9.x.-1.cat')).toEqual({
      model: 'resnet_v1_50',
      layer: 'block4',
      unit: null,
      object: null,
      centres: true,
    });
  });

  it('scales an object from the 512-px photograph to the input', () => {
    // The face box is 152 px wide in the photograph: 152 · 224 / 512 = 66.5 → 67 px at 224.
    const face = PHOTO_OBJECTS.find((o) => o.key === 'face');
    expect(face && objectSize(face, { h: 224, w: 224 })).toEqual({ input: 67, photo: 152 });
  });
});

describe('PhotoRf', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it('loads ResNet-50 block2 and shows the engine RF of each layer', async () => {
    const { container } = render(PhotoRf, { locale: 'en' });
    await waitFor(() => expect(layerRf(container)).toBe('99'));
    expect(rfSize(container)).toBe('99');
    await choose(container.querySelector('[data-layer-select]'), 'block1');
    expect(layerRf(container)).toBe('35');
    expect(rfSize(container)).toBe('35');
    await choose(container.querySelector('[data-layer-select]'), 'block4');
    expect(rfSize(container)).toBe('483');
    expect(container.querySelectorAll('[data-rf-padding]').length).toBeGreaterThan(0);
    expect(container.textContent).toContain('larger than the image');
  });

  it('switches networks and keeps the choice in the URL', async () => {
    const first = render(PhotoRf, { locale: 'en', id: 'photo' });
    await waitFor(() => expect(layerRf(first.container)).toBe('99'));
    await choose(first.container.querySelector('[data-model-select]'), 'vgg_16');
    await choose(first.container.querySelector('[data-layer-select]'), 'pool5');
    expect(layerRf(first.container)).toBe('212');
    await waitFor(() => expect(param()).toBe('vgg_16.pool5.m.m.-'));
    first.unmount();
    const again = render(PhotoRf, { locale: 'en', id: 'photo' });
    await waitFor(() => expect(layerRf(again.container)).toBe('212'));
  });

  it('hides the grid of RF centres and remembers it', async () => {
    const { container } = render(PhotoRf, { locale: 'en', id: 'photo' });
    await waitFor(() => expect(layerRf(container)).toBe('99'));
    // block2 at 224: a 14 × 14 map, one dot per unit.
    expect(container.querySelector('[data-centres]')?.getAttribute('d')?.match(/M/g)).toHaveLength(196);
    await fireEvent.click(container.querySelector('[data-centres-toggle]') as HTMLElement);
    expect(container.querySelector('[data-centres]')).toBeNull();
    await waitFor(() => expect(param()).toBe('resnet_v1_50.block2.m.m.-.nogrid'));
  });

  it('moves to the face and compares it with the RF', async () => {
    const { container } = render(PhotoRf, { locale: 'en' });
    await waitFor(() => expect(layerRf(container)).toBe('99'));
    await fireEvent.click(container.querySelector('[data-object="face"]') as HTMLElement);
    // Face centre in the input: x = (150 + 76)·0.4375 ≈ 98.9, y = (14 + 76)·0.4375 ≈ 39.4. block2 units are
    // centred on 2.5 + 16u (stride 16, padding 47 in the published table), so the nearest is row 2, column 6.
    await waitFor(() => expect(param()).toBe('resnet_v1_50.block2.2.6.face'));
    expect(container.querySelector('[data-object-box]')).not.toBeNull();
    expect(container.querySelector('[data-verdict]')?.getAttribute('data-verdict')).toBe('larger');
  });

  it('falls back to the default view on a broken link', async () => {
    window.history.replaceState(null, '', '/?photo=%3Cscript%3E');
    const { container } = render(PhotoRf, { locale: 'en' });
    await waitFor(() => expect(layerRf(container)).toBe('99'));
    expect(container.textContent).not.toMatch(/NaN|undefined/);
  });

  it('speaks Russian when asked', async () => {
    const { container } = render(PhotoRf, { locale: 'ru' });
    await waitFor(() => expect(layerRf(container)).toBe('99'));
    expect(container.textContent).toContain('Слой');
  });
});
