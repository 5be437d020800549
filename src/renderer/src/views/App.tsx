import { useEffect } from 'react';
import { useAppStore, type StoreState } from '../store/store.js';
import type { ThemeChoice } from '../store/app-slice.js';
import { DevicePanel } from './DevicePanel.js';
import { MainArea } from './MainArea.js';
import { StatusBar } from './StatusBar.js';

const THEMES: ThemeChoice[] = ['system', 'light', 'dark'];

function ThemeSwitch() {
  const theme = useAppStore((s: StoreState) => s.theme);
  const setTheme = useAppStore((s: StoreState) => s.setTheme);
  return (
    <label className="theme-switch">
      Theme{' '}
      <select value={theme} onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
        {THEMES.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </label>
  );
}

export function App() {
  const theme = useAppStore((s) => s.theme);
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset['theme'];
    else document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  return (
    <div className="app">
      <header className="title-bar">
        <h1>Tetherscope</h1>
        <ThemeSwitch />
      </header>
      <DevicePanel />
      <MainArea />
      <StatusBar />
    </div>
  );
}
