// CSV: one row per inference and one per telemetry sample, in one file with a `record`
// column saying which. Times are microseconds after the session's device clock origin.
import type { SessionData } from '../../shared/session/session-data.js';
import { TextFileSink } from './text-sink.js';

export const CSV_HEADER = 'record,path,repeat,warmup,series,unit,time_us,latency_us,value';

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export async function writeCsv(session: SessionData, file: string): Promise<{ rows: number }> {
  const sink = new TextFileSink(file);
  sink.write(`${CSV_HEADER}\n`);
  let rows = 0;
  for (const [warmup, byPath] of [
    [true, session.warmupPoints],
    [false, session.points],
  ] as const) {
    for (const [path, pts] of Object.entries(byPath)) {
      if (!pts) continue;
      for (let i = 0; i < pts.tUs.length; i++) {
        sink.write(`inference,${path},${pts.repeat[i]},${warmup},,,${pts.tUs[i]},${pts.latUs[i]},\n`);
        rows++;
        if ((rows & 0x3ff) === 0) await sink.drain();
      }
    }
  }
  for (const s of session.series) {
    const name = csvField(s.meta.id);
    const unit = csvField(s.meta.unit);
    for (let i = 0; i < s.tUs.length; i++) {
      sink.write(`sample,,,,${name},${unit},${s.tUs[i]},,${s.v[i]}\n`);
      rows++;
      if ((rows & 0x3ff) === 0) await sink.drain();
    }
  }
  await sink.close();
  return { rows };
}
