// A run's life on a virtual phone: heat that throttles it, a phone pulled mid-run, and
// "Clean phone" leaving the phone as it was before the first run.
import { describe, expect, it } from 'vitest';
import { compareSessions } from '../../src/shared/analysis/compare.js';
import { analyzeSession } from '../../src/shared/analysis/session-analysis.js';
import type { RunningVirtualPhone } from '../../src/main/devices/virtual/index.js';
import { plan, useCaptureRig, type CaptureRig } from './capture-helpers.js';

async function phoneState(rig: CaptureRig, phone: RunningVirtualPhone): Promise<string> {
  const run = (cmd: string) => rig.server.adb(['-s', phone.serial, 'shell', cmd]).then((r) => r.output);
  return [
    await run('ls -R /data/local/tmp /data/misc/perfetto-traces'),
    // An unset property and an empty one read the same (getprop prints ""); Android cannot delete one.
    (await run('getprop'))
      .split('\n')
      .filter((l) => !l.endsWith(': []'))
      .join('\n'),
    await run('settings get global stay_on_while_plugged_in; settings get global low_power'),
    await run('pm list packages'),
  ].join('\n---\n');
}

describe('a run on a virtual phone, from start to clean-up', () => {
  const rig = useCaptureRig(15086);

  it('heats a long run past its first throttling step, and the latencies show it', async () => {
    const phone = await rig.addPhone({ profile: 'flagship', thermalSpeed: 300 });
    const { sessionId, done } = await rig.core.profiles.start(plan(phone.serial, { paths: [{ path: 'cpu' }], runs: undefined, durationS: 10, threads: 8 }));
    expect((await done).status).toBe('complete');
    const { session } = await rig.core.sessions.open({ sessionId });
    const throttle = session.events.find((e) => e.kind === 'throttling');
    expect(throttle).toBeDefined();
    expect(analyzeSession(session, { budget: { kind: 'device' }, appOverheadMs: 0 }).paths[0]!.throttlingOnsetUs).not.toBeNull();
    const status = session.series.find((s) => s.meta.id === 'thermal.status')!;
    expect(Math.max(...status.v)).toBeGreaterThanOrEqual(1);
    // The HAL's live temperatures, once a second: the skin sensor the status follows warmed with the run.
    const hal = session.series.filter((s) => s.meta.id.startsWith('thermal.hal.'));
    expect(hal.length).toBeGreaterThan(1);
    expect(hal.every((s) => s.meta.kind === 'temperature' && s.meta.unit === '°C')).toBe(true);
    const skin = hal.find((s) => /SKIN/.test(s.meta.name))!;
    expect(skin.tUs.length).toBeGreaterThanOrEqual(8);
    expect(skin.v.at(-1)!).toBeGreaterThan(skin.v[0]!);
    const lat = session.points.cpu!.latUs;
    const quarter = Math.floor(lat.length / 4);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(lat.slice(-quarter))).toBeGreaterThan(mean(lat.slice(0, quarter)));
  }, 180_000);

  it('keeps everything up to a phone pulled mid-run, and marks the disconnect', async () => {
    const phone = await rig.addPhone({ profile: 'midrange' });
    const { sessionId, done } = await rig.core.profiles.start(plan(phone.serial, { paths: [{ path: 'cpu' }, { path: 'npu' }], runs: undefined, durationS: 4 }));
    // Pull it during the second path.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const opened = await rig.core.sessions.open({ sessionId }).catch(() => null);
      if (opened && opened.session.results.length >= 1) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    await new Promise((r) => setTimeout(r, 2500));
    await phone.stop();
    const outcome = await done;
    expect(outcome.status).toBe('interrupted');
    const { session, warnings } = await rig.core.sessions.open({ sessionId });
    expect(warnings).toEqual([]);
    expect(session.events.some((e) => e.kind === 'disconnect')).toBe(true);
    expect(session.results.find((r) => r.path === 'cpu')?.status).toBe('ok');
    expect(session.points.cpu?.latUs.length).toBeGreaterThan(0);
    expect(session.series.find((s) => s.meta.id === 'thermal.zone0')?.tUs.length).toBeGreaterThan(10);
  }, 180_000);

  it('compares sessions honestly: the same plan twice is no significant change, a known slowdown regressed', async () => {
    const phone = await rig.addPhone({ profile: 'midrange' });
    const run = async (threads: number) => {
      const { sessionId, done } = await rig.core.profiles.start(plan(phone.serial, { paths: [{ path: 'cpu' }], runs: undefined, durationS: 3, threads }));
      expect((await done).status).toBe('complete');
      return (await rig.core.sessions.open({ sessionId })).session;
    };
    const a = await run(4);
    const b = await run(4);
    const slow = await run(1);
    const same = compareSessions(a, b, { threshold: 0.05, budgetMs: 1000 / 90 });
    expect(same[0]?.verdict).toBe('no significant change');
    const worse = compareSessions(a, slow, { threshold: 0.05, budgetMs: 1000 / 90 });
    expect(worse[0]?.verdict).toBe('regressed');
  }, 180_000);

  it('leaves the phone as it was before the first run after "Clean phone"', async () => {
    const phone = await rig.addPhone({ profile: 'budget' });
    const before = await phoneState(rig, phone);
    const { done } = await rig.core.profiles.start(plan(phone.serial, { paths: [{ path: 'cpu' }], runs: 5 }));
    expect((await done).status).toBe('complete');
    expect(await phoneState(rig, phone)).not.toBe(before);
    const { removed } = await rig.core.handlers.cleanDevice({ deviceId: phone.serial });
    expect(removed.length).toBeGreaterThan(0);
    expect(await phoneState(rig, phone)).toBe(before);
  }, 180_000);
});
