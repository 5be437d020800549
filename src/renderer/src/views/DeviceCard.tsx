import type { Device } from '../../../shared/api.js';

const STATE_WORDS: Record<Device['state'], string> = {
  device: 'Ready',
  unauthorized: 'Not authorized',
  offline: 'Offline',
};

export function DeviceCard({ device, selected, onSelect }: { device: Device; selected: boolean; onSelect: () => void }) {
  const facts = device.facts;
  const title = facts?.model ?? device.id;
  return (
    <button type="button" className={`device-card${selected ? ' selected' : ''}`} aria-pressed={selected} onClick={onSelect}>
      <span className="device-title">
        {title}
        {device.virtual && <span className="badge virtual">virtual</span>}
      </span>
      <span className={`device-state state-${device.state}`}>{STATE_WORDS[device.state]}</span>
      {facts && (
        <span className="device-facts">
          {[device.platform === 'ios' ? 'iPhone' : 'Android', facts.soc, facts.os, facts.refreshRateHz !== null ? `${facts.refreshRateHz} Hz display` : null]
            .filter((x): x is string => x !== null)
            .join(' · ')}
        </span>
      )}
      {device.hint && <span className="device-hint">{device.hint}</span>}
    </button>
  );
}
