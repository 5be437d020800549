import { describe, expect, it } from 'vitest';
import { ApiInputSchemas } from '../../../../shared/api-schemas.js';
import { checkRunForm, DEFAULT_RUN_FORM, FIELD_WORDS, type RunForm } from './run-form.js';

const form = (over: Partial<RunForm>): RunForm => ({ ...DEFAULT_RUN_FORM, modelPath: '/home/me/mobilenet.tflite', ...over });

describe('checkRunForm', () => {
  it('makes a plan the host accepts', () => {
    const check = checkRunForm(form({ acceleratorName: 'qti-dsp', budget: '90', paths: { npu: true, gpu: false, cpu: true } }), 'R58M1234');
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.plan).toEqual({
      deviceId: 'R58M1234',
      modelPath: '/home/me/mobilenet.tflite',
      paths: [{ path: 'npu', acceleratorName: 'qti-dsp' }, { path: 'cpu' }],
      runs: 500,
      warmupRuns: 10,
      threads: 4,
      repeats: 1,
      frameBudget: { kind: 'hz', hz: 90 },
    });
    expect(ApiInputSchemas.startProfile.safeParse(check.plan).success).toBe(true);
  });

  it('names each wrong field in plain words', () => {
    const check = checkRunForm(
      form({ modelPath: ' ', paths: { npu: false, gpu: false, cpu: false }, runs: '2.5', threads: '0', budget: 'ms', budgetMs: '-1', acceleratorName: 'rm -rf' }),
      null,
    );
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors).toEqual({
      device: FIELD_WORDS.device,
      modelPath: FIELD_WORDS.modelPath,
      paths: FIELD_WORDS.paths,
      runs: FIELD_WORDS.runs,
      threads: FIELD_WORDS.threads,
      budgetMs: FIELD_WORDS.budgetMs,
    });
    const npuOnly = checkRunForm(form({ acceleratorName: 'rm -rf', paths: { npu: true, gpu: false, cpu: false } }), 'R58M');
    expect(!npuOnly.ok && npuOnly.errors).toEqual({ acceleratorName: FIELD_WORDS.acceleratorName });
  });

  it('takes a duration instead of runs', () => {
    const check = checkRunForm(form({ lengthKind: 'duration', durationS: '45' }), 'R58M');
    expect(check.ok && check.plan.durationS).toBe(45);
    expect(check.ok && 'runs' in check.plan).toBe(false);
    const bad = checkRunForm(form({ lengthKind: 'duration', durationS: '' }), 'R58M');
    expect(!bad.ok && bad.errors).toEqual({ durationS: FIELD_WORDS.durationS });
  });
});
