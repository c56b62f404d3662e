/**
 * Citation previews: a numbered citation (`sup.cite a`, written `[@id]` in a lesson) shows the
 * reference it points to in a small card on hover and on keyboard focus, as Distill and Quarto do.
 * On a touch screen the first tap shows the card and a second tap follows the link; Escape, moving
 * away or tapping elsewhere hides it. The card reads the lesson's own reference list, so the two
 * never disagree.
 */
const card = document.createElement('div');
card.id = 'cite-preview';
card.className = 'cite-preview';
card.setAttribute('role', 'tooltip');
card.hidden = true;

let current: HTMLAnchorElement | null = null;
let hideTimer: number | undefined;
let lastPointer = 'mouse';
/** Whether the card already showed this citation when the current tap began (focus shows it too). */
let shownAtTap = false;

function referenceFor(link: HTMLAnchorElement): HTMLElement | null {
  const id = decodeURIComponent(link.hash.slice(1));
  return id ? document.getElementById(id) : null;
}

function show(link: HTMLAnchorElement): void {
  const reference = referenceFor(link);
  if (!reference) return;
  window.clearTimeout(hideTimer);
  if (current && current !== link) current.removeAttribute('aria-describedby');
  current = link;
  const number = document.createElement('span');
  number.className = 'cite-preview-number';
  number.textContent = link.textContent ?? '';
  card.replaceChildren(number, ...[...reference.childNodes].map((node) => node.cloneNode(true)));
  if (!card.isConnected) document.body.append(card);
  card.hidden = false;
  link.setAttribute('aria-describedby', card.id);
  // Below the citation, kept inside the viewport horizontally; above it when there is no room below.
  const box = link.getBoundingClientRect();
  const width = Math.min(card.offsetWidth, document.documentElement.clientWidth - 16);
  const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
  const below = box.bottom + 6 + card.offsetHeight <= window.innerHeight;
  const top = below ? box.bottom + 6 : box.top - 6 - card.offsetHeight;
  card.style.left = `${left + window.scrollX}px`;
  card.style.top = `${Math.max(0, top) + window.scrollY}px`;
}

function hide(): void {
  window.clearTimeout(hideTimer);
  card.hidden = true;
  current?.removeAttribute('aria-describedby');
  current = null;
}

/** Leaves time to move the pointer from the citation into the card (to follow its link). */
function hideSoon(): void {
  window.clearTimeout(hideTimer);
  hideTimer = window.setTimeout(hide, 250);
}

for (const link of document.querySelectorAll<HTMLAnchorElement>('sup.cite a[href^="#"]')) {
  link.addEventListener('mouseenter', () => show(link));
  link.addEventListener('mouseleave', hideSoon);
  link.addEventListener('focus', () => show(link));
  link.addEventListener('blur', hideSoon);
  link.addEventListener('pointerdown', (event) => {
    lastPointer = event.pointerType;
    shownAtTap = current === link && !card.hidden;
  });
  link.addEventListener('click', (event) => {
    if (lastPointer === 'touch' && !shownAtTap) {
      event.preventDefault();
      show(link);
    }
  });
}
card.addEventListener('mouseenter', () => window.clearTimeout(hideTimer));
card.addEventListener('mouseleave', hideSoon);
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !card.hidden) hide();
});
document.addEventListener('pointerdown', (event) => {
  const target = event.target as Node;
  if (!card.hidden && !card.contains(target) && !(current && current.contains(target))) hide();
});
