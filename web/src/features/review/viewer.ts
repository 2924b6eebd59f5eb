/*
 * The materials viewer's state: which file of the slot is shown, how large, turned how far. Pure,
 * so the buttons and the keyboard shortcuts share one tested behaviour.
 */

/** Zoom steps, as a share of the viewer's width. */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4] as const;
const DEFAULT_ZOOM_INDEX = ZOOM_STEPS.indexOf(1);

export interface ViewerState {
  /** The file shown, 0-based in the slot. */
  index: number;
  /** Index into ZOOM_STEPS. */
  zoomIndex: number;
  /** Clockwise rotation in degrees. */
  rotation: 0 | 90 | 180 | 270;
}

export type ViewerAction =
  | { type: 'select'; index: number }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'zoomIn' }
  | { type: 'zoomOut' }
  | { type: 'rotate' }
  | { type: 'reset' };

export const initialViewer: ViewerState = {
  index: 0,
  zoomIndex: DEFAULT_ZOOM_INDEX,
  rotation: 0,
};

const fresh = (index: number): ViewerState => ({ ...initialViewer, index });

/** The next state for `count` files in the slot; moving to another file starts unzoomed, upright. */
export function viewerReducer(
  state: ViewerState,
  action: ViewerAction,
  count: number,
): ViewerState {
  const last = Math.max(count - 1, 0);
  switch (action.type) {
    case 'select':
      return fresh(Math.min(Math.max(action.index, 0), last));
    case 'next':
      return state.index < last ? fresh(state.index + 1) : state;
    case 'previous':
      return state.index > 0 ? fresh(state.index - 1) : state;
    case 'zoomIn':
      return { ...state, zoomIndex: Math.min(state.zoomIndex + 1, ZOOM_STEPS.length - 1) };
    case 'zoomOut':
      return { ...state, zoomIndex: Math.max(state.zoomIndex - 1, 0) };
    case 'rotate':
      return { ...state, rotation: ((state.rotation + 90) % 360) as ViewerState['rotation'] };
    case 'reset':
      return { ...state, zoomIndex: DEFAULT_ZOOM_INDEX, rotation: 0 };
  }
}

/** The zoom as a whole percentage, e.g. 125. */
export function zoomPercent(state: ViewerState): number {
  return Math.round((ZOOM_STEPS[state.zoomIndex] ?? 1) * 100);
}

/** The viewer action of a key press, or null when the key is not a shortcut. */
export function viewerKey(key: string): ViewerAction | null {
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
      return { type: 'next' };
    case 'ArrowLeft':
    case 'PageUp':
      return { type: 'previous' };
    case '+':
    case '=':
      return { type: 'zoomIn' };
    case '-':
    case '_':
      return { type: 'zoomOut' };
    case 'r':
    case 'R':
      return { type: 'rotate' };
    case '0':
      return { type: 'reset' };
    default:
      return null;
  }
}

/** A file size as people read it: 820 KB, 1.4 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The frame of a picture turned by `rotation`: its aspect ratio (width / height) and the picture's
 * width as a share of the frame's width, so a quarter turn still fills the frame's width.
 */
export function rotatedFrame(
  width: number,
  height: number,
  rotation: ViewerState['rotation'],
): { aspectRatio: string; imageWidthPercent: number } {
  const w = width > 0 ? width : 1;
  const h = height > 0 ? height : 1;
  if (rotation === 90 || rotation === 270) {
    return { aspectRatio: `${h} / ${w}`, imageWidthPercent: (w / h) * 100 };
  }
  return { aspectRatio: `${w} / ${h}`, imageWidthPercent: 100 };
}
