import { fireEvent, render } from '@testing-library/svelte';
import Designer from '../../components/widgets/Designer.svelte';
import { calculatorState, design } from '../../components/widgets/designer';
import { decodeState } from '../../components/widgets/calculator';

const fact = (card: Element | null, name: string) =>
  card?.querySelector(`[data-fact="${name}"]`)?.textContent;

describe('designer', () => {
  it('3×3 convolutions only: the shallowest stack reaching 15 px has 7 layers (r = 1 + 2·7)', () => {
    const v = design(64, 15, ['conv']);
    const only = v.outcomes[0];
    expect(only?.kind).toBe('found');
    if (only?.kind !== 'found') return;
    expect(only.proposal.depth).toBe(7);
    expect(only.proposal.rf).toBe(15);
    expect(only.proposal.stride).toBe('1');
  });

  it('stride-2 stages reach 100 px in fewer layers than depth alone, and dilation 1, 2, 4, … in fewer still', () => {
    // conv, s2, conv, s2, …: r = 3, 5, 9, 13, 21, 29, 45, 61, 93, 125 (j doubles after each s2).
    // dilation 2^i: r = 2^(i+2) − 1 = 3, 7, 15, 31, 63, 127 → 6 layers. Depth: 50 layers (1 + 2·50 = 101).
    const v = design(224, 100, ['conv', 'stride', 'dilated']);
    const depth = (id: string) => {
      const o = v.outcomes.find((x) => x.kind === 'found' && x.proposal.id === id);
      return o?.kind === 'found' ? [o.proposal.depth, o.proposal.rf] : null;
    };
    expect(depth('depth')).toEqual([50, 101]);
    expect(depth('stride')).toEqual([10, 125]);
    expect(depth('dilation')).toEqual([6, 127]);
    const best = v.outcomes[v.shallowest];
    expect(best?.kind === 'found' && best.proposal.id).toBe('dilation');
  });

  it('flags the holes of a repeated dilation rate (gridding) and not those of doubling rates', () => {
    const v = design(128, 30, ['dilated']);
    const filled = v.outcomes.map((o) => (o.kind === 'found' ? [o.proposal.id, o.proposal.filled] : null));
    expect(filled).toEqual([
      ['dilation', true],
      ['gridding', false],
    ]);
  });

  it('a proposal opens in the calculator with the same stack and input', () => {
    const v = design(32, 20, ['conv', 'pool']);
    const p = v.outcomes.find((o) => o.kind === 'found' && o.proposal.id === 'pool');
    if (p?.kind !== 'found') throw new Error('no pooling proposal');
    const state = decodeState(calculatorState(32, p.proposal));
    expect(state?.input).toEqual({ h: '32', w: '32' });
    expect(state?.layers).toHaveLength(p.proposal.depth);
    expect(state?.selected).toBe(p.proposal.depth);
  });

  it('shows the cards, and an error naming the range next to a bad field', async () => {
    const { container } = render(Designer, {
      props: { locale: 'en', input: 64, target: 15, blocks: ['conv'] },
    });
    const card = container.querySelector('[data-proposal="depth"]');
    expect(fact(card, 'depth')).toBe('7');
    expect(fact(card, 'rf')).toBe('15');
    expect(card?.querySelector('a[data-open-calculator]')?.getAttribute('href')).toContain(
      '../05-calculator/?calc=',
    );
    const field = container.querySelector('input[data-input="design-input"]') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: '3' } });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('[data-error="design-input"]')?.textContent).toMatch(/8.*2[ ,\u00a0]?048/);
    // The last valid proposals stay.
    expect(fact(container.querySelector('[data-proposal="depth"]'), 'depth')).toBe('7');
  });
});
