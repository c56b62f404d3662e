import { fireEvent, render } from '@testing-library/svelte';
import RfOnImage from '../../components/widgets/RfOnImage.svelte';
import { stackToNetwork, type Layer } from '../../src/rf';
import {
  crosshairPath,
  frameFor,
  nearestUnit,
  nodeGeometry,
  outside,
  photoUrl,
} from '../../components/widgets/rf-on-image';

const conv = (k: number, s: number, p: number): Layer => ({
  op: 'conv',
  kernel: { h: k, w: k },
  stride: { h: s, w: s },
  dilation: { h: 1, w: 1 },
  padding: { mode: 'explicit', h: { before: p, after: p }, w: { before: p, after: p } },
});

// A 16 × 16 input and two 3 × 3 convolutions of stride 2 with padding 1. By hand:
//   conv1: n = 8, j = 2, r = 3, start = 0.5 + (1 − 1)·1 = 0.5
//   conv2: n = 4, j = 4, r = 3 + 2·2 = 7, start = 0.5 + (1 − 1)·2 = 0.5
// Unit u of conv2 is centred on 0.5 + 4u and its window spans pixels 4u − 3 … 4u + 3.
const net = stackToNetwork({ h: 16, w: 16 }, [conv(3, 2, 1), conv(3, 2, 1)]);
const withGlobal = stackToNetwork({ h: 16, w: 16 }, [conv(3, 2, 1), { op: 'global', kind: 'global-pool' }]);

const readout = (c: HTMLElement) =>
  c.querySelector('[data-readout]')?.textContent?.replace(/\s+/g, ' ') ?? '';

describe('rf-on-image view model', () => {
  it('reads the grid of a node from the engine', () => {
    const g = nodeGeometry(net, 'conv2');
    expect(g && { n: g.size.w, j: g.jump.w, r: g.rf.w, start: g.start.w }).toEqual({
      n: 4,
      j: 4,
      r: 7,
      start: 0.5,
    });
  });

  it('draws the cursor as four strokes round its centre, leaving the centre clear', () => {
    // Centre (x 20, y 10), 2 screen units per image unit: strokes of 16 that stop 12 short of the centre.
    expect(crosshairPath({ h: 10, w: 20 }, 2)).toBe('M-8 10h16M32 10h16M20 -18v16M20 22v16');
  });

  it('picks the unit whose RF centre is nearest, clamped to the grid', () => {
    const g = nodeGeometry(net, 'conv2');
    if (g === null) throw new Error('no geometry');
    // Centres 0.5, 4.5, 8.5, 12.5: 6.4 is nearest to 4.5, 6.6 to 8.5, −20 and 99 clamp to the ends.
    expect(nearestUnit(g, { h: 6.4, w: 6.6 })).toEqual({ h: 1, w: 2 });
    expect(nearestUnit(g, { h: -20, w: 99 })).toEqual({ h: 0, w: 3 });
  });

  it('splits a window into the parts outside the image', () => {
    // A 7 × 7 window at −3…3 on both axes: a band of 3 rows above, then 3 columns on the left.
    expect(outside({ x: -3, y: -3, width: 7, height: 7 }, { h: 16, w: 16 })).toEqual([
      { x: -3, y: -3, width: 7, height: 3 },
      { x: -3, y: 0, width: 3, height: 4 },
    ]);
    expect(outside({ x: 2, y: 2, width: 5, height: 5 }, { h: 16, w: 16 })).toEqual([]);
  });

  it('frames the image with the padding its units reach, within limits', () => {
    const g = nodeGeometry(net, 'conv2');
    // Unit 0 reaches 3 pixels before the image; unit 3 ends exactly at 16 (minimum margin 3 % of 16).
    const f = frameFor(g, { h: 16, w: 16 });
    expect([f.left, f.top]).toEqual([3, 3]);
    expect(f.right).toBeCloseTo(0.48);
  });

  it('finds the photograph under any base path', () => {
    expect(photoUrl('/')).toBe('/images/astronaut.jpg');
    expect(photoUrl('/rf-lab/')).toBe('/rf-lab/images/astronaut.jpg');
    expect(photoUrl('/rf-lab')).toBe('/rf-lab/images/astronaut.jpg');
  });
});

describe('RfOnImage', () => {
  it('shows the photograph with a credit line and starts on the middle unit', () => {
    const { container } = render(RfOnImage, { locale: 'en', network: net, node: 'conv2' });
    expect(container.querySelector('img')?.getAttribute('src')).toMatch(/images\/astronaut\.jpg$/);
    expect(container.textContent).toContain('NASA');
    // Middle unit (1, 1): centre 4.5, window 1…7, all inside the image.
    expect(container.querySelector('[data-rf-size]')?.getAttribute('data-rf-size')).toBe('7');
    expect(readout(container)).toContain('x 4.5, y 4.5');
    expect(container.querySelector('[data-padding-percent]')?.getAttribute('data-padding-percent')).toBe('0');
    expect(container.querySelectorAll('[data-rf-padding]')).toHaveLength(0);
  });

  it('draws the part of a corner unit in the padding', () => {
    const { container } = render(RfOnImage, {
      locale: 'en',
      network: net,
      node: 'conv2',
      unit: { h: 0, w: 0 },
    });
    // Window −3…3 (7 px), of which 0…3 (4 px) are image: padding share 1 − 16/49 = 67 %.
    expect(container.querySelector('[data-rf-size]')?.getAttribute('data-rf-size')).toBe('7');
    expect(container.querySelector('[data-rf-seen]')?.getAttribute('data-rf-seen')).toBe('4');
    expect(container.querySelector('[data-padding-percent]')?.getAttribute('data-padding-percent')).toBe(
      '67',
    );
    expect(container.querySelectorAll('[data-rf-padding]')).toHaveLength(2);
    const box = container.querySelector('[data-rf-box]');
    expect([box?.getAttribute('x'), box?.getAttribute('width')]).toEqual(['-3', '7']);
  });

  it('draws one RF centre per unit', () => {
    const { container } = render(RfOnImage, { locale: 'en', network: net, node: 'conv2' });
    const d = container.querySelector('[data-centres]')?.getAttribute('d') ?? '';
    expect(d.match(/M/g)).toHaveLength(16);
    expect(d).toContain('M12.5 12.5h0');
  });

  it('picks a unit with the arrow keys and Enter', async () => {
    const picked: unknown[] = [];
    const { container } = render(RfOnImage, {
      locale: 'en',
      network: net,
      node: 'conv2',
      onpick: (u: unknown) => picked.push(u),
    });
    const stage = container.querySelector('[data-stage]') as HTMLElement;
    await fireEvent.focus(stage);
    await fireEvent.keyDown(stage, { key: 'ArrowRight' });
    expect(container.querySelector('[data-cursor]')).not.toBeNull();
    expect(readout(container)).toContain('x 4.5, y 4.5'); // not picked yet
    await fireEvent.keyDown(stage, { key: 'Enter' });
    expect(picked).toEqual([{ h: 1, w: 2 }]);
    expect(readout(container)).toContain('x 8.5, y 4.5');
  });

  it('picks the unit nearest to a click', async () => {
    const { container } = render(RfOnImage, { locale: 'en', network: net, node: 'conv2' });
    const stage = container.querySelector('[data-stage]') as HTMLElement;
    // The frame spans x from −3 to 16.48 (19.48 px); draw it 194.8 CSS px wide, so 10 CSS px = 1 pixel.
    stage.getBoundingClientRect = () => ({
      left: 0,
      top: 0,
      width: 194.8,
      height: 194.8,
      right: 194.8,
      bottom: 194.8,
      x: 0,
      y: 0,
      toJSON: () => ({}),
    });
    // Click at input point (13, 13): nearest centre is 12.5 (unit 3).
    await fireEvent.click(stage, { clientX: 160, clientY: 160 });
    expect(readout(container)).toContain('x 12.5, y 12.5');
  });

  it('says so when every unit sees the whole image', () => {
    const { container } = render(RfOnImage, { locale: 'en', network: withGlobal, node: 'gap1' });
    expect(readout(container)).toContain('whole image');
  });

  it('shows an error instead of numbers for an unknown node', () => {
    const { container } = render(RfOnImage, { locale: 'en', network: net, node: 'nope' });
    expect(container.querySelector('[role="alert"]')).not.toBeNull();
    expect(readout(container)).not.toMatch(/NaN|undefined/);
  });

  it('speaks Russian when asked', () => {
    const { container } = render(RfOnImage, { locale: 'ru', network: net, node: 'conv2' });
    expect(container.textContent).toContain('Нейрон');
  });

  it('says what part of the input the unit sees, as an extent of the whole input', () => {
    const { container } = render(RfOnImage, {
      locale: 'en',
      network: net,
      node: 'conv2',
      unit: { h: 0, w: 0 },
    });
    // The corner unit sees 4 × 4 real pixels of the 16 × 16 input; rows and columns count from 0.
    expect(readout(container)).toContain('sees 4 × 4 px of the 16 × 16 px input');
    expect(readout(container)).toContain('Unit (row 0, column 0 / 4 × 4)');
  });

  it('does not ask for Enter after a click has already picked the unit', async () => {
    const { container } = render(RfOnImage, { locale: 'en', network: net, node: 'conv2' });
    const stage = container.querySelector('[data-stage]') as HTMLElement;
    stage.getBoundingClientRect = () => ({
      left: 0,
      top: 0,
      width: 194.8,
      height: 194.8,
      right: 194.8,
      bottom: 194.8,
      x: 0,
      y: 0,
      toJSON: () => ({}),
    });
    await fireEvent.focus(stage);
    await fireEvent.click(stage, { clientX: 160, clientY: 160 });
    expect(container.textContent).not.toContain('Press Enter');
    // Moving the cursor away from the picked unit asks for Enter again.
    await fireEvent.keyDown(stage, { key: 'ArrowLeft' });
    expect(container.textContent).toContain('Press Enter to pick this unit');
  });
});
