// Chart colours follow the window's light or dark theme: they are read from the same CSS
// variables the rest of the window uses, whenever the theme changes.
import { useMemo, useSyncExternalStore } from 'react';

export interface ChartTheme {
  dark: boolean;
  text: string;
  muted: string;
  border: string;
  panel: string;
  danger: string;
  warn: string;
  accent: string;
  /** Colours for telemetry lines: none of them is a path colour. */
  series: readonly string[];
}

// Okabe–Ito's other colours first, then a few more that stay clear of the path colours;
// grey is kept for the right-hand axis of a lane.
const LIGHT_SERIES = ['#cc79a7', '#d55e00', '#56b4e9', '#8c6bb1', '#8c564b', '#c51b7d'];
const DARK_SERIES = ['#e7a6c9', '#ff8a4c', '#8fd0f5', '#b9a3dd', '#c49c94', '#f48fb1'];

/** The fallback matches styles.css light theme, for tests without a DOM. */
export const LIGHT_CHART_THEME: ChartTheme = {
  dark: false,
  text: '#1d1d1f',
  muted: '#5f6368',
  border: '#d9dadc',
  panel: '#ffffff',
  danger: '#b3261e',
  warn: '#8a5a00',
  accent: '#0b62c4',
  series: LIGHT_SERIES,
};

function readTheme(key: string): ChartTheme {
  if (typeof document === 'undefined') return LIGHT_CHART_THEME;
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const dark = key.endsWith(':dark');
  return {
    dark,
    text: v('--text', LIGHT_CHART_THEME.text),
    muted: v('--muted', LIGHT_CHART_THEME.muted),
    border: v('--border', LIGHT_CHART_THEME.border),
    panel: v('--panel', LIGHT_CHART_THEME.panel),
    danger: v('--danger', LIGHT_CHART_THEME.danger),
    warn: v('--warn', LIGHT_CHART_THEME.warn),
    accent: v('--accent', LIGHT_CHART_THEME.accent),
    series: dark ? DARK_SERIES : LIGHT_SERIES,
  };
}

const darkQuery = (): MediaQueryList | null => (typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null);

/** "light" / "dark" / "system:dark" …: changes exactly when the colours do. */
function themeKey(): string {
  const chosen = document.documentElement.dataset['theme'];
  if (chosen === 'light' || chosen === 'dark') return `chosen:${chosen}`;
  return darkQuery()?.matches ? 'system:dark' : 'system:light';
}

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const query = darkQuery();
  query?.addEventListener('change', onChange);
  return () => {
    observer.disconnect();
    query?.removeEventListener('change', onChange);
  };
}

export function useChartTheme(): ChartTheme {
  const key = useSyncExternalStore(subscribe, themeKey, () => 'system:light');
  return useMemo(() => readTheme(key), [key]);
}
