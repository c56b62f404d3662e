import { readParam, withParam } from '../../../components/widgets/shared/url-state';

describe('widget state in the URL', () => {
  it('reads a widget parameter and ignores the others', () => {
    expect(readParam('?calc=conv%20k%3D3&grid=2', 'calc')).toBe('conv k=3');
    expect(readParam('?grid=2', 'calc')).toBeNull();
  });

  it('writes one widget parameter and keeps the others and the fragment', () => {
    const next = withParam(
      'https://example.org/rf-lab/en/lessons/x/?grid=2#formulas',
      'calc',
      'conv k=3 | pool k=2',
    );
    const url = new URL(next);
    expect(url.searchParams.get('calc')).toBe('conv k=3 | pool k=2');
    expect(url.searchParams.get('grid')).toBe('2');
    expect(url.hash).toBe('#formulas');
    expect(url.pathname).toBe('/rf-lab/en/lessons/x/');
  });

  it('round-trips any string, including the stack grammar’s separators', () => {
    const value = 'conv k=3x1 s=2 p=1,0,1,0 | pool k=2 ceil';
    expect(readParam(new URL(withParam('https://e.org/p/', 'c', value)).search, 'c')).toBe(value);
  });

  it('removes a parameter set to null', () => {
    expect(withParam('https://e.org/p/?c=1&d=2', 'c', null)).toBe('https://e.org/p/?d=2');
  });
});
