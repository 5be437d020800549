// Facts read once per connection: who the phone is, what it can run, and which telemetry
// sources this shell user can actually read. One shell round trip.
import type { DeviceFacts } from '../../../shared/api.js';
import { parseGetprop } from '../../telemetry/parsers/getprop.js';
import type { AdbkitDeviceClient } from './adbkit.js';
import { runShell } from './shell.js';

/** The property by which Tetherscope's virtual phone says what it is. */
export const VIRTUAL_PHONE_PROPERTY = 'ro.tetherscope.virtual';

export interface TelemetrySources {
  batteryCurrent: string | null;
  batteryVoltage: string | null;
  batteryTemperature: string | null;
  thermalZones: string[];
  cpuFreq: string[];
  gpuFreq: string | null;
  powerRails: boolean;
}

export interface AndroidFacts {
  facts: DeviceFacts;
  virtual: boolean;
  buildType: string | null;
  debuggable: boolean;
  properties: Readonly<Record<string, string>>;
  sources: TelemetrySources;
}

const SECTION = '@@tetherscope:';

/** Kept to mksh builtins and the toybox tools every Android since 8 has. */
export const FACTS_SCRIPT = [
  'getprop',
  `echo '${SECTION}display'`,
  "dumpsys display 2>/dev/null | grep -E 'renderFrameRate|mActiveSfDisplayMode|mActiveRenderFrameRate|fps='",
  `echo '${SECTION}nnapi'`,
  'service list 2>/dev/null | grep -i neuralnetworks',
  `echo '${SECTION}readable'`,
  'for f in /sys/class/power_supply/*/current_now /sys/class/power_supply/*/voltage_now /sys/class/power_supply/*/temp ' +
    '/sys/class/thermal/thermal_zone*/temp /sys/devices/system/cpu/cpu*/cpufreq/scaling_cur_freq ' +
    '/sys/class/kgsl/kgsl-3d0/gpuclk /sys/class/misc/mali0/device/cur_freq; do',
  '  if [ -r "$f" ]; then echo "$f"; fi',
  'done',
  `echo '${SECTION}rails'`,
  'dumpsys android.hardware.power.stats.IPowerStats/default 2>/dev/null | grep -c -i "energy"',
  'true',
].join('\n');

function sections(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current = 'getprop';
  out.set(current, []);
  for (const line of text.split('\n')) {
    if (line.startsWith(SECTION)) {
      current = line.slice(SECTION.length).trim();
      out.set(current, []);
    } else out.get(current)!.push(line);
  }
  return out;
}

export function refreshRateFromDisplay(lines: readonly string[]): number | null {
  const text = lines.join('\n');
  const patterns = [
    /renderFrameRate (\d+(?:\.\d+)?)/,
    /mActiveRenderFrameRate=(\d+(?:\.\d+)?)/,
    /mActiveSfDisplayMode=DisplayMode\{id=\d+,.*?(?:peakRefreshRate|refreshRate)=(\d+(?:\.\d+)?)/,
    /fps=(\d+(?:\.\d+)?)/,
  ];
  for (const p of patterns) {
    const m = p.exec(text);
    if (m?.[1]) {
      const hz = Number(m[1]);
      if (hz > 0 && hz < 1000) return Math.round(hz * 100) / 100;
    }
  }
  return null;
}

export function nnapiAcceleratorsFromServices(lines: readonly string[]): string[] {
  const names = new Set<string>();
  for (const line of lines) {
    const m = /neuralnetworks[\w.@]*(?:::)?IDevice\/([\w.-]+)/i.exec(line);
    if (m?.[1]) names.add(m[1]);
  }
  return [...names];
}

export function parseFactsOutput(text: string): AndroidFacts {
  const parts = sections(text.replaceAll('\r\n', '\n'));
  const getprop = parseGetprop((parts.get('getprop') ?? []).join('\n'));
  const props: Record<string, string> = getprop.kind === 'getprop' ? getprop.properties : {};
  const readable = (parts.get('readable') ?? []).map((l) => l.trim()).filter((l) => l.startsWith('/'));
  const supply = (suffix: string): string | null =>
    readable.find((p) => p.startsWith('/sys/class/power_supply/battery/') && p.endsWith(suffix)) ??
    readable.find((p) => /\/power_supply\/(bms|bat|main-battery)\//.test(p) && p.endsWith(suffix)) ??
    null;
  const railsCount = Number((parts.get('rails') ?? [])[0]?.trim() ?? '0');
  const g = getprop.kind === 'getprop' ? getprop : null;
  const soc = g ? (g.soc_model ? [g.soc_manufacturer, g.soc_model].filter(Boolean).join(' ') : (g.board_platform ?? g.hardware)) : null;
  return {
    facts: {
      manufacturer: g?.manufacturer ?? null,
      model: g?.model ?? null,
      soc,
      os: g?.release ? `Android ${g.release}` : null,
      sdk: g?.sdk ?? null,
      abi: g?.abi ?? null,
      refreshRateHz: refreshRateFromDisplay(parts.get('display') ?? []),
      accelerators: nnapiAcceleratorsFromServices(parts.get('nnapi') ?? []),
    },
    virtual: props[VIRTUAL_PHONE_PROPERTY] === '1',
    buildType: g?.build_type ?? null,
    debuggable: g?.debuggable === true,
    properties: props,
    sources: {
      batteryCurrent: supply('/current_now'),
      batteryVoltage: supply('/voltage_now'),
      batteryTemperature: supply('/temp'),
      thermalZones: readable.filter((p) => p.includes('/thermal/thermal_zone')),
      cpuFreq: readable.filter((p) => p.includes('/cpufreq/scaling_cur_freq')),
      gpuFreq: readable.find((p) => p.includes('kgsl') || p.includes('mali')) ?? null,
      powerRails: Number.isFinite(railsCount) && railsCount > 0,
    },
  };
}

export async function readAndroidFacts(device: AdbkitDeviceClient, serial: string): Promise<AndroidFacts> {
  const result = await runShell(device, serial, FACTS_SCRIPT, { timeoutMs: 15_000, what: "reading the phone's facts" });
  return parseFactsOutput(result.stdout);
}
