import { fireEvent, render, waitFor } from '@testing-library/svelte';
import EmbedAction from '../../components/ui/EmbedAction.svelte';

function setClipboard(writeText: (text: string) => Promise<void>): void {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
}

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

describe('EmbedAction', () => {
  test('shows the iframe snippet for the state in the page URL and copies it', async () => {
    window.history.replaceState(null, '', '/en/lessons/02-formulas/?conv-arithmetic=7.3.1.2.1.0');
    const written: string[] = [];
    setClipboard(async (text) => {
      written.push(text);
    });
    const { getByRole, getByLabelText } = render(EmbedAction, { locale: 'en', widget: 'conv-arithmetic' });
    const toggle = getByRole('button', { name: 'Embed' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const box = getByLabelText('HTML to paste into your page') as HTMLTextAreaElement;
    expect(box.value).toContain(
      `<iframe src="${window.location.origin}/en/embed/conv-arithmetic/?conv-arithmetic=7.3.1.2.1.0"`,
    );
    expect(box.value).toContain(`<script src="${window.location.origin}/embed.js" async></script>`);
    await waitFor(() => expect(document.activeElement).toBe(box));
    await fireEvent.click(getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(getByRole('status').textContent?.trim()).toBe('Copied'));
    expect(written).toEqual([box.value]);
  });

  test('when copying is refused, says so in Russian and leaves the snippet selected to copy by hand', async () => {
    setClipboard(() => Promise.reject(new Error('denied')));
    const { getByRole, getByLabelText } = render(EmbedAction, { locale: 'ru', widget: 'calc' });
    await fireEvent.click(getByRole('button', { name: 'Встроить' }));
    const box = getByLabelText('HTML для вставки в вашу страницу') as HTMLTextAreaElement;
    expect(box.value).toContain('/ru/embed/calculator/"');
    await fireEvent.click(getByRole('button', { name: 'Копировать' }));
    await waitFor(() => expect(getByRole('status').textContent).toMatch(/выделите текст/));
    expect(document.activeElement).toBe(box);
    expect([box.selectionStart, box.selectionEnd]).toEqual([0, box.value.length]);
  });

  test('Escape closes the panel', async () => {
    const { getByRole, container } = render(EmbedAction, { locale: 'en', widget: 'design' });
    const toggle = getByRole('button', { name: 'Embed' });
    await fireEvent.click(toggle);
    await fireEvent.keyDown(container.querySelector('textarea')!, { key: 'Escape' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(container.querySelector('.embed-panel')?.hasAttribute('hidden')).toBe(true);
  });

  test('renders nothing for a widget without an embed page', () => {
    const { container } = render(EmbedAction, { locale: 'en', widget: 'exercise-1' });
    expect(container.querySelector('.embed-action')).toBeNull();
  });
});
