import { useState } from 'react';
import type { Device, VirtualProfile } from '../../../shared/api.js';
import { VIRTUAL_IOS_PROFILES, VIRTUAL_PROFILES, type VirtualIosProfile } from '../../../shared/api-constants.js';
import { call, describeError, hostApi } from '../api.js';
import { useAppStore } from '../store/store.js';
import { DeviceCard } from './DeviceCard.js';

function AddVirtualPhone() {
  const [profile, setProfile] = useState<VirtualProfile | VirtualIosProfile>('flagship');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const add = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await call(hostApi(), 'addVirtualDevice', { profile });
    } catch (e) {
      const { message, hint } = describeError(e);
      setError(hint ? `${message} ${hint}` : message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="add-virtual">
      <label>
        Virtual phone profile{' '}
        <select value={profile} onChange={(e) => setProfile(e.target.value as VirtualProfile | VirtualIosProfile)} disabled={busy}>
          <optgroup label="Android">
            {VIRTUAL_PROFILES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </optgroup>
          <optgroup label="iPhone">
            {VIRTUAL_IOS_PROFILES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <button type="button" onClick={() => void add()} disabled={busy}>
        {busy ? 'Adding…' : 'Add virtual phone'}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function EmptyDevices() {
  return (
    <div className="empty-state" data-testid="devices-empty">
      <h3>No phone connected</h3>
      <ol>
        <li>
          On an Android phone, turn on <strong>Developer options</strong> (tap <em>Build number</em> seven times) and
          then <strong>USB debugging</strong>.
        </li>
        <li>Plug it in with a USB cable that carries data.</li>
        <li>Unlock the phone and accept the <strong>Allow USB debugging?</strong> prompt.</li>
      </ol>
      <p>
        An iPhone: plug it in, unlock it and tap <strong>Trust</strong>; it needs <strong>Developer Mode</strong> and the Tetherscope
        Probe app (see resources/ios-probe/README.md).
      </p>
      <p>Phones appear here by themselves. No phone at hand? Add a virtual one: it is a model, and always labelled virtual.</p>
    </div>
  );
}

/** Undoes everything Tetherscope changed on the selected phone (the phone ledger). */
function CleanPhone({ deviceId }: { deviceId: string }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const clean = async (): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      const { removed } = await call(hostApi(), 'cleanDevice', { deviceId });
      setMessage({ text: removed.length ? `Cleaned: ${removed.length} changes undone.` : 'Nothing of Tetherscope was left on this phone.', error: false });
    } catch (e) {
      const { message: text, hint } = describeError(e);
      setMessage({ text: hint ? `${text} ${hint}` : text, error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="clean-phone">
      <button type="button" onClick={() => void clean()} disabled={busy} title="Remove the models, runner and app Tetherscope put on this phone, and restore what it changed">
        {busy ? 'Cleaning…' : 'Clean phone'}
      </button>
      {message && (
        <p className={message.error ? 'error' : 'muted'} aria-live="polite" data-testid="clean-result">
          {message.text}
        </p>
      )}
    </div>
  );
}

export function DevicePanel() {
  const devices = useAppStore((s) => s.devices);
  const loaded = useAppStore((s) => s.devicesLoaded);
  const error = useAppStore((s) => s.devicesError);
  const selectedId = useAppStore((s) => s.selectedDeviceId);
  const select = useAppStore((s) => s.selectDevice);
  const navigate = useAppStore((s) => s.navigate);
  return (
    <aside className="device-panel" aria-label="Devices">
      <h2>Devices</h2>
      {!loaded ? (
        <p className="muted">Looking for phones…</p>
      ) : error ? (
        <p className="error" role="alert" data-testid="devices-error">
          {error}
        </p>
      ) : devices.length === 0 ? (
        <EmptyDevices />
      ) : (
        <ul className="device-list">
          {devices.map((device: Device) => (
            <li key={device.id}>
              <DeviceCard device={device} selected={device.id === selectedId} onSelect={() => {
                  select(device.id);
                  navigate({ kind: 'setup' });
                }}
              />
            </li>
          ))}
        </ul>
      )}
      {selectedId && devices.some((d) => d.id === selectedId && d.state === 'device') && <CleanPhone key={selectedId} deviceId={selectedId} />}
      <AddVirtualPhone />
    </aside>
  );
}
