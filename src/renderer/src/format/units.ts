// Every number the window shows goes through here, so each carries its unit and the
// same precision wherever it appears. A thin space would be nicer, but plain spaces
// survive copy and paste into any tool.

const DASH = '–';

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Latency held in µs, shown in ms, or in whole µs below 1 ms (a fast model reads 98 µs,
 * 190 µs rather than 0.10 ms, 0.19 ms). Longer times keep fewer decimals: 4.45 ms,
 * 61.2 ms, 1380 ms.
 */
export function formatLatencyUs(us: number | null | undefined, digits = 2): string {
  if (!finite(us)) return DASH;
  if (Math.abs(us) < 1000) return `${us.toFixed(0)} µs`;
  const ms = us / 1000;
  const d = Math.abs(ms) >= 1000 ? 0 : Math.abs(ms) >= 100 ? Math.min(digits, 1) : digits;
  return `${ms.toFixed(d)} ms`;
}

export function formatMs(ms: number | null | undefined, digits = 2): string {
  return finite(ms) ? `${ms.toFixed(digits)} ms` : DASH;
}

/** A 0..1 share as a percentage; a share that is not all (or not none) never reads 100 % (or 0 %). */
export function formatShare(share: number | null | undefined, digits = 1): string {
  if (!finite(share)) return DASH;
  const text = (share * 100).toFixed(digits);
  const step = 10 ** -digits;
  if (share < 1 && Number(text) >= 100) return `${(100 - step).toFixed(digits)} %`;
  if (share > 0 && Number(text) <= 0) return `under ${step.toFixed(digits)} %`;
  return `${text} %`;
}

export function formatEnergyJ(joules: number | null | undefined): string {
  if (!finite(joules)) return DASH;
  const mj = joules * 1000;
  return Math.abs(mj) >= 100 ? `${mj.toFixed(0)} mJ` : Math.abs(mj) >= 1 ? `${mj.toFixed(2)} mJ` : `${(mj * 1000).toFixed(0)} µJ`;
}

export function formatBytes(bytes: number | null | undefined): string {
  if (!finite(bytes)) return DASH;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatSeconds(s: number | null | undefined, digits = 1): string {
  return finite(s) ? `${s.toFixed(digits)} s` : DASH;
}

/** A remaining time in words: "about 2 min 5 s left". */
export function formatEta(ms: number | null | undefined): string {
  if (!finite(ms) || ms < 0) return 'time left unknown';
  const s = Math.round(ms / 1000);
  if (s < 60) return `about ${s} s left`;
  const m = Math.floor(s / 60);
  return `about ${m} min ${s % 60} s left`;
}

/** 30,001: thousands grouped by hand (toLocaleString is slow enough to show in a live view). */
export function formatCount(n: number | null | undefined): string {
  if (!finite(n)) return DASH;
  const [whole, fraction] = String(Math.abs(n)).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '−' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

export function formatDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
