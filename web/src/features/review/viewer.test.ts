import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  initialViewer,
  rotatedFrame,
  viewerKey,
  viewerReducer,
  zoomPercent,
  ZOOM_STEPS,
  type ViewerAction,
  type ViewerState,
} from './viewer';

const run = (actions: ViewerAction[], count = 3, from: ViewerState = initialViewer) =>
  actions.reduce((state, action) => viewerReducer(state, action, count), from);

describe('the materials viewer', () => {
  it('starts on the first file at 100 %, upright', () => {
    expect(initialViewer.index).toBe(0);
    expect(zoomPercent(initialViewer)).toBe(100);
    expect(initialViewer.rotation).toBe(0);
  });

  it('when paging, then it stops at the first and the last file of the slot', () => {
    expect(run([{ type: 'previous' }]).index).toBe(0);
    expect(run([{ type: 'next' }, { type: 'next' }, { type: 'next' }]).index).toBe(2);
    expect(run([{ type: 'next' }, { type: 'previous' }]).index).toBe(0);
    expect(run([{ type: 'next' }], 1).index).toBe(0);
  });

  it('when moving to another file, then zoom and rotation start again', () => {
    const turned = run([{ type: 'zoomIn' }, { type: 'rotate' }]);
    expect(zoomPercent(turned)).toBe(125);
    expect(turned.rotation).toBe(90);
    const next = viewerReducer(turned, { type: 'next' }, 3);
    expect(next).toEqual({ ...initialViewer, index: 1 });
  });

  it('when zooming past either end, then it stays at the smallest or largest step', () => {
    const inMost = run(Array.from({ length: 20 }, () => ({ type: 'zoomIn' }) as const));
    expect(zoomPercent(inMost)).toBe((ZOOM_STEPS.at(-1) ?? 0) * 100);
    const outMost = run(Array.from({ length: 20 }, () => ({ type: 'zoomOut' }) as const));
    expect(zoomPercent(outMost)).toBe(50);
  });

  it('when rotating four times, then the file is upright again; reset undoes zoom and rotation only', () => {
    const rotations = [1, 2, 3, 4].map(
      (n) => run(Array.from({ length: n }, () => ({ type: 'rotate' }) as const)).rotation,
    );
    expect(rotations).toEqual([90, 180, 270, 0]);
    const reset = run([
      { type: 'next' },
      { type: 'zoomIn' },
      { type: 'rotate' },
      { type: 'reset' },
    ]);
    expect(reset).toEqual({ ...initialViewer, index: 1 });
  });

  it('when a thumbnail is chosen, then that file shows (kept inside the slot)', () => {
    expect(run([{ type: 'select', index: 2 }]).index).toBe(2);
    expect(run([{ type: 'select', index: 9 }]).index).toBe(2);
    expect(run([{ type: 'select', index: -1 }]).index).toBe(0);
  });

  it('maps the keyboard shortcuts, and ignores other keys', () => {
    expect(viewerKey('ArrowRight')).toEqual({ type: 'next' });
    expect(viewerKey('ArrowLeft')).toEqual({ type: 'previous' });
    expect(viewerKey('+')).toEqual({ type: 'zoomIn' });
    expect(viewerKey('=')).toEqual({ type: 'zoomIn' });
    expect(viewerKey('-')).toEqual({ type: 'zoomOut' });
    expect(viewerKey('r')).toEqual({ type: 'rotate' });
    expect(viewerKey('R')).toEqual({ type: 'rotate' });
    expect(viewerKey('0')).toEqual({ type: 'reset' });
    expect(viewerKey('Tab')).toBeNull();
    expect(viewerKey('Enter')).toBeNull();
  });

  it('when a picture is turned a quarter, then its frame swaps sides and the picture still fills the width', () => {
    expect(rotatedFrame(800, 1100, 0)).toEqual({
      aspectRatio: '800 / 1100',
      imageWidthPercent: 100,
    });
    expect(rotatedFrame(800, 1100, 180).imageWidthPercent).toBe(100);
    const quarter = rotatedFrame(800, 1100, 90);
    expect(quarter.aspectRatio).toBe('1100 / 800');
    expect(quarter.imageWidthPercent).toBeCloseTo((800 / 1100) * 100);
    expect(rotatedFrame(0, 0, 270)).toEqual({ aspectRatio: '1 / 1', imageWidthPercent: 100 });
  });

  it('writes sizes as people read them', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(820 * 1024)).toBe('820 KB');
    expect(formatBytes(1.4 * 1024 * 1024)).toBe('1.4 MB');
  });
});
