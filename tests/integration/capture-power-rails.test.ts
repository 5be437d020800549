// Energy from ODPM power rails on a virtual Pixel, through the real adb server: measured below the battery, so
// the figure holds while USB charges the phone. Its own file so it runs beside the other capture tests.
import { describe, expect, it } from 'vitest';
import { analyzeSession } from '../../src/shared/analysis/session-analysis.js';
import { plan, useCaptureRig, trueEnergyPerInference } from './capture-helpers.js';

describe('capture with power rails', () => {
  const rig = useCaptureRig(15097);

  it('takes energy from the power rails of a Pixel while USB charges it, within ±10 % of the ground truth', async () => {
    const phone = await rig.addPhone({ profile: 'pixel', battery: 'usb' });
    expect(rig.core.android.tracker.facts(phone.serial)?.sources.powerRails).toBe(true);
    const { sessionId, done } = await rig.core.profiles.start(plan(phone.serial, { runs: undefined, durationS: 6 }));
    expect((await done).status).toBe('complete');
    const { session } = await rig.core.sessions.open({ sessionId });
    expect(session.conditions?.charging).toBe(true);
    const rails = session.series.find((x) => x.meta.id === 'rails.power');
    expect(rails?.tUs.length).toBeGreaterThan(10);
    expect(rails?.meta.updateHz).toBeGreaterThan(0.5);
    const analysis = analyzeSession(session, { budget: { kind: 'device' }, appOverheadMs: 0 });
    const errors: number[] = [];
    for (const p of analysis.paths) {
      expect(p.energy.available, `${p.path}: ${JSON.stringify(p.energy)}`).toBe(true);
      if (!p.energy.available) continue;
      expect(p.energy.source).toBe('power-rails');
      // Whole reading intervals inside the inferences, not the fallback over the whole window.
      expect(p.energy.caveats.join(' ')).not.toMatch(/shorter than two readings/);
      const truth = trueEnergyPerInference(session, phone, p.path);
      console.log(`${p.path} (rails): ${(p.energy.joulesPerInference * 1000).toFixed(4)} mJ measured, ${(truth.joules * 1000).toFixed(4)} mJ true; idle on the rails ${truth.result.idleRailsPowerW?.toFixed(3)} W`);
      errors.push(Math.abs(p.energy.joulesPerInference - truth.joules) / truth.joules);
    }
    expect(Math.max(...errors)).toBeLessThan(0.1);
  }, 180_000);
});
