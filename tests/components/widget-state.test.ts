import { fireEvent, render, waitFor } from '@testing-library/svelte';
import { tick } from 'svelte';
import WidgetStateProbe from './WidgetStateProbe.svelte';

const param = () => new URLSearchParams(window.location.search).get('probe');

describe('urlState (the one URL-state lifecycle of every widget)', () => {
  beforeEach(() => window.history.replaceState(null, '', '/lesson/'));

  it('restores the link on mount, saves every change and drops the parameter at the default', async () => {
    window.history.replaceState(null, '', '/lesson/?probe=7&other=1');
    const { getByRole, container } = render(WidgetStateProbe);
    await tick();
    expect(container.querySelector('output')?.textContent).toBe('7');
    expect(container.querySelector('output')?.dataset['restored']).toBe('true');
    await fireEvent.input(getByRole('textbox'), { target: { value: '12' } });
    await tick();
    expect(param()).toBe('12');
    await fireEvent.input(getByRole('textbox'), { target: { value: '0' } });
    await tick();
    expect(param()).toBeNull();
    expect(new URLSearchParams(window.location.search).get('other')).toBe('1');
  });

  it('keeps the last saved link while the state says undefined (a rejected field)', async () => {
    const { getByRole } = render(WidgetStateProbe);
    await fireEvent.input(getByRole('textbox'), { target: { value: '5' } });
    await tick();
    expect(param()).toBe('5');
    await fireEvent.input(getByRole('textbox'), { target: { value: '5x' } });
    await tick();
    expect(param()).toBe('5');
  });

  it('saves nothing until an asynchronous restore resolves, and nothing at all when it rejects', async () => {
    window.history.replaceState(null, '', '/lesson/?probe=3');
    let resolve = () => {};
    const load = new Promise<void>((r) => (resolve = r));
    const { container } = render(WidgetStateProbe, { load });
    await tick();
    // Before the data is there the default (0) must not overwrite the link.
    expect(param()).toBe('3');
    expect(container.querySelector('output')?.dataset['restored']).toBe('false');
    resolve();
    await waitFor(() => expect(container.querySelector('output')?.textContent).toBe('3'));
    expect(container.querySelector('output')?.dataset['restored']).toBe('true');
    expect(param()).toBe('3');

    window.history.replaceState(null, '', '/lesson/?probe=9');
    const failed = Promise.reject(new Error('offline'));
    const second = render(WidgetStateProbe, { load: failed });
    await new Promise((r) => setTimeout(r, 10));
    expect(second.container.querySelector('output')?.dataset['restored']).toBe('false');
    expect(param()).toBe('9');
  });
});
