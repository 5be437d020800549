// The run setup form's values (as typed) and the plan they make. The contract's own zod
// schema decides what is valid, so the window refuses exactly what the host would; the
// words shown are ours, one plain sentence per field.
import '../../zod-setup.js';
import { ProfilePlanSchema } from '../../../../shared/api-schemas.js';
import type { FrameBudget, ProfilePlan } from '../../../../shared/api.js';
import { PATH_IDS, type PathId } from '../../../../shared/api-constants.js';

export interface RunForm {
  modelPath: string;
  paths: Readonly<Record<PathId, boolean>>;
  acceleratorName: string;
  lengthKind: 'runs' | 'duration';
  runs: string;
  durationS: string;
  warmupRuns: string;
  threads: string;
  repeats: string;
  budget: 'device' | '60' | '90' | '120' | 'ms';
  budgetMs: string;
  runnerPath: string;
}

export type RunFormField = 'device' | 'modelPath' | 'paths' | 'acceleratorName' | 'runs' | 'durationS' | 'warmupRuns' | 'threads' | 'repeats' | 'budgetMs' | 'runnerPath';

export const DEFAULT_RUN_FORM: RunForm = {
  modelPath: '',
  paths: { npu: true, gpu: true, cpu: true },
  acceleratorName: '',
  lengthKind: 'runs',
  runs: '500',
  durationS: '30',
  warmupRuns: '10',
  threads: '4',
  repeats: '1',
  budget: 'device',
  budgetMs: '16.7',
  runnerPath: '',
};

export const FIELD_WORDS: Readonly<Record<RunFormField, string>> = {
  device: 'Choose a phone on the left first.',
  modelPath: 'Give the full path of a model file on the computer running Tetherscope.',
  paths: 'Pick at least one path to run.',
  acceleratorName: 'The accelerator name may hold only letters, digits and . _ : - (for example qti-dsp).',
  runs: 'Runs must be a whole number from 1 to 1,000,000.',
  durationS: 'The duration must be more than 0 s and at most 24 hours (86,400 s).',
  warmupRuns: 'Warm-up runs must be a whole number from 0 to 10,000.',
  threads: 'Threads must be a whole number from 1 to 64.',
  repeats: 'Repeats must be a whole number from 1 to 100.',
  budgetMs: 'The budget must be more than 0 ms and at most 10,000 ms.',
  runnerPath: 'Give the full path of the benchmark tool, or leave it empty to use the saved one.',
};

/** A number as typed; blank or junk becomes NaN, which the schema refuses. */
const num = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

function budgetOf(form: RunForm): FrameBudget {
  if (form.budget === 'device') return { kind: 'device' };
  if (form.budget === 'ms') return { kind: 'ms', ms: num(form.budgetMs) };
  return { kind: 'hz', hz: Number(form.budget) };
}

export function draftPlan(form: RunForm, deviceId: string): Record<string, unknown> {
  const accelerator = form.acceleratorName.trim();
  return {
    deviceId,
    modelPath: form.modelPath.trim(),
    paths: PATH_IDS.filter((p) => form.paths[p]).map((path) => (path === 'npu' && accelerator ? { path, acceleratorName: accelerator } : { path })),
    ...(form.lengthKind === 'runs' ? { runs: num(form.runs) } : { durationS: num(form.durationS) }),
    warmupRuns: num(form.warmupRuns),
    threads: num(form.threads),
    repeats: num(form.repeats),
    frameBudget: budgetOf(form),
    ...(form.runnerPath.trim() ? { runnerPath: form.runnerPath.trim() } : {}),
  };
}

function fieldOf(path: readonly PropertyKey[], form: RunForm): RunFormField {
  const [head, , leaf] = path;
  switch (head) {
    case 'deviceId':
      return 'device';
    case 'paths':
      return leaf === 'acceleratorName' ? 'acceleratorName' : 'paths';
    case 'frameBudget':
      return 'budgetMs';
    case 'modelPath':
    case 'runs':
    case 'durationS':
    case 'warmupRuns':
    case 'threads':
    case 'repeats':
    case 'runnerPath':
      return head;
    default:
      // The only whole-plan rule: runs or a duration.
      return form.lengthKind === 'runs' ? 'runs' : 'durationS';
  }
}

export type PlanCheck = { ok: true; plan: ProfilePlan } | { ok: false; errors: Partial<Record<RunFormField, string>> };

export function checkRunForm(form: RunForm, deviceId: string | null): PlanCheck {
  const errors: Partial<Record<RunFormField, string>> = {};
  if (deviceId === null) errors.device = FIELD_WORDS.device;
  const parsed = ProfilePlanSchema.safeParse(draftPlan(form, deviceId ?? 'none'));
  if (parsed.success && deviceId !== null) return { ok: true, plan: parsed.data };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path, form);
      errors[field] ??= FIELD_WORDS[field];
    }
  }
  return { ok: false, errors };
}
