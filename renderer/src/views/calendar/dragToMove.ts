// Dragging a post with the pointer: a ghost follows it, the spot under it lights up, and dropping hands the spot to the caller.

import { DRAG_STEP_MINUTES, MINUTE_PX, minutesAtOffset } from './timeGridModel';

/**
 * Where a post was dropped. Drop targets say what they are with data attributes, so the calendar's
 * layouts and the drafts tray need no shared React state: `data-drop-date` on a month cell or a day
 * column, `data-drop-kind="time"` on a day column whose height is the 24 hours.
 */
export interface DropSpot {
  readonly date: string;
  /** Minutes after midnight for a time-grid drop, snapped to 5; null for a month cell (keep the time). */
  readonly minutes: number | null;
}

export interface DragOptions {
  /** What the ghost says (the post's first words). */
  readonly label: string;
  /** The time a spot means, in words, shown on the ghost and the drop marker. */
  readonly describe: (spot: DropSpot) => string;
  readonly onDrop: (spot: DropSpot) => void;
}

const START_DISTANCE_PX = 5;
const EDGE_SCROLL_PX = 36;

/** Starts watching a pointer press on a post; it becomes a drag once the pointer moves a few pixels. */
export function beginPointerDrag(
  event: { clientX: number; clientY: number; button: number; currentTarget: Element },
  options: DragOptions,
): void {
  if (event.button !== 0) return;
  const source = event.currentTarget as HTMLElement;
  const startX = event.clientX;
  const startY = event.clientY;
  let ghost: HTMLElement | null = null;
  let marker: HTMLElement | null = null;
  let lit: HTMLElement | null = null;
  let spot: DropSpot | null = null;

  const spotAt = (x: number, y: number): { spot: DropSpot; target: HTMLElement } | null => {
    for (const el of document.elementsFromPoint(x, y)) {
      const target = (el as HTMLElement).closest<HTMLElement>('[data-drop-date]');
      if (!target) continue;
      const date = target.dataset.dropDate as string;
      if (target.dataset.dropKind !== 'time') return { spot: { date, minutes: null }, target };
      const top = target.getBoundingClientRect().top;
      return { spot: { date, minutes: minutesAtOffset(y - top, DRAG_STEP_MINUTES) }, target };
    }
    return null;
  };

  const light = (target: HTMLElement | null, next: DropSpot | null) => {
    if (lit !== target) {
      lit?.classList.remove('is-drop-target');
      target?.classList.add('is-drop-target');
      lit = target;
    }
    if (next && next.minutes !== null && target) {
      if (!marker) {
        marker = document.createElement('div');
        marker.className = 'drop-marker';
        marker.setAttribute('aria-hidden', 'true');
      }
      if (marker.parentElement !== target) target.appendChild(marker);
      marker.style.top = `${next.minutes * MINUTE_PX}px`;
      marker.textContent = options.describe(next);
    } else {
      marker?.remove();
    }
  };

  /** Near an edge of the time grid (or of the window, for the month), the view scrolls so any day or hour can be reached. */
  const autoScroll = (y: number) => {
    const scroller = lit?.closest<HTMLElement>('[data-drag-scroll]') ?? document.getElementById('main');
    if (!scroller) return;
    const box = scroller.getBoundingClientRect();
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, window.innerHeight);
    if (y < top + EDGE_SCROLL_PX) scroller.scrollTop -= 12;
    else if (y > bottom - EDGE_SCROLL_PX) scroller.scrollTop += 12;
  };

  const onMove = (e: PointerEvent) => {
    if (!ghost) {
      if (Math.hypot(e.clientX - startX, e.clientY - startY) < START_DISTANCE_PX) return;
      ghost = document.createElement('div');
      ghost.className = 'drag-ghost';
      ghost.setAttribute('aria-hidden', 'true');
      ghost.innerHTML = '<span class="drag-ghost__when"></span><span class="drag-ghost__text"></span>';
      (ghost.lastElementChild as HTMLElement).textContent = options.label;
      document.body.appendChild(ghost);
      // Only the ghost and the marker change while dragging: a class on <body> would restyle the whole page twice.
      window.getSelection()?.removeAllRanges();
      source.classList.add('is-drag-source');
    }
    e.preventDefault();
    ghost.style.transform = `translate(${e.clientX + 12}px, ${e.clientY + 10}px)`;
    const found = spotAt(e.clientX, e.clientY);
    spot = found?.spot ?? null;
    light(found?.target ?? null, spot);
    (ghost.firstElementChild as HTMLElement).textContent = spot ? options.describe(spot) : '';
    autoScroll(e.clientY);
  };

  const cleanUp = () => {
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
    window.removeEventListener('pointercancel', onCancel);
    window.removeEventListener('keydown', onKey, true);
    ghost?.remove();
    marker?.remove();
    lit?.classList.remove('is-drop-target');
    source.classList.remove('is-drag-source');
    window.removeEventListener('selectstart', noSelect, true);
  };

  const onUp = (e: PointerEvent) => {
    const dragged = ghost !== null;
    const found = dragged ? spotAt(e.clientX, e.clientY) : null;
    cleanUp();
    if (!dragged) return;
    // The click that ends a drag is not a click on the post or the slot under it.
    window.addEventListener('click', swallowClick, { capture: true, once: true });
    window.setTimeout(() => window.removeEventListener('click', swallowClick, { capture: true }), 0);
    if (found) options.onDrop(found.spot);
  };

  const onCancel = () => cleanUp();
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    cleanUp();
  };

  window.addEventListener('pointermove', onMove);
  window.addEventListener('selectstart', noSelect, true);
  window.addEventListener('pointerup', onUp);
  window.addEventListener('pointercancel', onCancel);
  window.addEventListener('keydown', onKey, true);
}

function noSelect(e: Event): void {
  e.preventDefault();
}

function swallowClick(e: MouseEvent): void {
  e.stopPropagation();
  e.preventDefault();
}
