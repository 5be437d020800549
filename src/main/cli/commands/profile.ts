// `tetherscope profile`: the same capture as the window, headless, with budgets that make a
// pipeline pass or fail, JUnit for CI, and a report per phone.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PATH_IDS, EXPORT_FORMATS, VIRTUAL_IOS_PROFILES, isVirtualIosProfile, type PathId, type VirtualIosProfile } from '../../../shared/api-constants.js';
import type { ProfilePlan } from '../../../shared/api-schemas.js';
import { budgetMs } from '../../../shared/analysis/frame-budget.js';
import { analyzeSession } from '../../../shared/analysis/session-analysis.js';
import { restorePhone } from '../../capture/capture-engine.js';
import { CORE_ML_UNVERIFIED } from '../../capture/ios/ios-capture.js';
import { loadModelFile } from '../../capture/model-file.js';
import { defaultDataDir } from '../../core/app-paths.js';
import { createCore, type Core } from '../../core/core.js';
import { appVersion } from '../../core/version.js';
import { startVirtualPhone, type RunningVirtualPhone } from '../../devices/virtual/index.js';
import { exportFileName, exportSession } from '../../export/export-session.js';
import { CliUsageError, flagInt, flagValue, parseArgs } from '../args.js';
import { judgeEnergy, judgeLatency, type BudgetVerdict } from '../profile/budget-judge.js';
import { junitXml, type JunitCase } from '../profile/junit.js';
import type { PhoneReport, ProfileReport } from '../profile/profile-report.js';
import { ProgressDisplay } from '../profile/progress-display.js';
import { parseBudget } from './export.js';

export const PROFILE_HELP = `tetherscope profile MODEL (--device ID | --virtual PROFILE | --virtual-ios PROFILE | --all-devices) [options]

Profiles a model on one or more phones (.tflite on Android, .mlmodel on iPhones through
Tetherscope Probe), writes each session and its exports into
--out, prints a summary, and exits 0 when every budget holds, 1 when one fails (a path that
cannot run fails), 2 on an error that stops profiling or a budget that cannot be judged.

  --device ID          a phone by its adb serial or iPhone UDID (repeat for several)
  --virtual PROFILE    start a virtual phone (flagship, midrange, budget) and profile it
  --virtual-ios PROFILE  start a virtual iPhone (iphone-16-pro, iphone-14, iphone-12)
  --all-devices        every phone that is connected and ready
  --paths npu,gpu,cpu  paths to run (default all three)
  --runs N | --duration 30s   timed inferences per path (default 100 runs; iPhones take --runs)
  --warmup N           warm-up inferences (default 5)
  --threads N          CPU threads (default 4)
  --repeats N          runs of every path, in interleaved order (default 1)
  --budget 60hz|120hz|16.7ms  frame budget (default: the phone's refresh rate)
  --p 90               the percentile judged against the budget (default 90)
  --energy-budget 5mJ  energy per inference budget
  --runner PATH        benchmark_model binary or benchmark .apk on this computer
  --out DIR            where sessions and exports go (default ./tetherscope-out)
  --junit FILE         JUnit XML with one case per phone × path × budget
  --json               print the report as JSON`;

type Exit = 0 | 1 | 2;
const worst = (codes: Exit[]): Exit => (codes.includes(2) ? 2 : codes.includes(1) ? 1 : 0);

function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|min)?$/.exec(text);
  if (!m) throw new CliUsageError(`--duration must look like 30s or 2m, not "${text}".`);
  return Number(m[1]) * (m[2] === 'm' || m[2] === 'min' ? 60 : 1);
}

function parseEnergy(text: string | undefined): number | null {
  if (text === undefined) return null;
  const m = /^(\d+(?:\.\d+)?)\s*(mj|j|uj|µj)?$/i.exec(text);
  if (!m) throw new CliUsageError(`--energy-budget must look like 5mJ, not "${text}".`);
  const unit = (m[2] ?? 'mj').toLowerCase();
  return Number(m[1]) * (unit === 'j' ? 1000 : unit === 'mj' ? 1 : 0.001);
}

export async function runProfile(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, {
    device: { value: true, repeatable: true },
    virtual: { value: true, repeatable: true },
    'virtual-ios': { value: true, repeatable: true },
    'all-devices': { value: false },
    paths: { value: true },
    runs: { value: true },
    duration: { value: true },
    warmup: { value: true },
    threads: { value: true },
    repeats: { value: true },
    budget: { value: true },
    p: { value: true },
    'energy-budget': { value: true },
    runner: { value: true },
    out: { value: true },
    junit: { value: true },
    json: { value: false },
  });
  const [modelPath, ...extra] = args.positionals;
  if (!modelPath || extra.length) throw new CliUsageError('profile takes exactly one MODEL.');
  const devices = args.flags.get('device') ?? [];
  const virtuals = args.flags.get('virtual') ?? [];
  const virtualIphones = args.flags.get('virtual-ios') ?? [];
  for (const name of virtualIphones) {
    if (!isVirtualIosProfile(name)) throw new CliUsageError(`Unknown virtual iPhone "${name}"; the profiles are ${VIRTUAL_IOS_PROFILES.join(', ')}.`);
  }
  const all = args.flags.has('all-devices');
  if (devices.length + virtuals.length + virtualIphones.length === 0 && !all) throw new CliUsageError('Name the phones: --device ID, --virtual PROFILE, --virtual-ios PROFILE or --all-devices.');
  const paths = (flagValue(args, 'paths') ?? PATH_IDS.join(',')).split(',').map((p) => p.trim());
  for (const p of paths) if (!(PATH_IDS as readonly string[]).includes(p)) throw new CliUsageError(`Unknown path "${p}"; the paths are ${PATH_IDS.join(', ')}.`);
  if (args.flags.has('runs') && args.flags.has('duration')) throw new CliUsageError('Give --runs or --duration, not both.');
  const durationText = flagValue(args, 'duration');
  const runs = durationText === undefined ? (flagInt(args, 'runs', 1, 1_000_000) ?? 100) : undefined;
  const durationS = durationText === undefined ? undefined : parseDuration(durationText);
  const budget = parseBudget(flagValue(args, 'budget'));
  const percentile = Number(flagValue(args, 'p') ?? '90');
  if (!(percentile > 0 && percentile <= 100)) throw new CliUsageError('--p must be a percentile between 0 and 100.');
  const energyBudget = parseEnergy(flagValue(args, 'energy-budget'));
  const out = resolve(flagValue(args, 'out') ?? 'tetherscope-out');
  const junit = flagValue(args, 'junit');
  const json = args.flags.has('json');
  const say = (line: string): void => (json ? console.error(line) : console.log(line));

  // A bad model stops everything before any phone is touched.
  try {
    await loadModelFile(resolve(modelPath));
  } catch (error) {
    say(`Cannot profile ${modelPath}: ${error instanceof Error ? error.message : String(error)}`);
    const hint = (error as { hint?: unknown }).hint;
    if (typeof hint === 'string') say(hint);
    return 2;
  }
  await mkdir(out, { recursive: true });
  const core: Core = await createCore({ dataDir: defaultDataDir(), version: appVersion(), sessionsDir: out, log: (l) => console.error(l) });
  const started: RunningVirtualPhone[] = [];
  const display = new ProgressDisplay(Boolean(process.stdout.isTTY) && !json, say);
  const stopProgress = core.events.subscribe((batch) => {
    for (const e of batch) if (e.event === 'profileProgress') display.update(e.payload);
  });
  let interrupted = false;
  const onSigint = (): void => {
    if (interrupted) return;
    interrupted = true;
    say('\nStopping: cancelling the runs and restoring the phones…');
    void core.profiles.cancelAll();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    for (const profile of virtualIphones) {
      const iphone = await core.handlers.addVirtualDevice({ profile: profile as VirtualIosProfile });
      say(`Started a virtual iPhone (${profile}) as ${iphone.id}. Its figures are a model, not a measurement.`);
      devices.push(iphone.id);
    }
    const iphones = await core.ios.settle(3000);
    const isIphone = (id: string): boolean => iphones.some((d) => d.id === id);
    const needsAndroid = virtuals.length > 0 || devices.some((id) => !isIphone(id));
    if (needsAndroid) await core.android.ready();
    for (const profile of virtuals) {
      const phone = await startVirtualPhone({ profile, adbPort: core.android.config.port });
      started.push(phone);
      say(`Started a virtual phone (${profile}) as ${phone.serial}. Its figures are a model, not a measurement.`);
      devices.push(phone.serial);
    }
    const listed = [...(needsAndroid || all ? await core.android.settle(10_000).catch((error: unknown) => (all && !needsAndroid ? [] : Promise.reject(error))) : []), ...core.ios.list()];
    const serials = all ? [...new Set([...devices, ...listed.filter((d) => d.state === 'device').map((d) => d.id)])] : devices;
    if (serials.length === 0) {
      say('No phone to profile: none is connected and ready. Plug one in with USB debugging on, or use --virtual flagship.');
      return 2;
    }
    const reports = await Promise.all(
      serials.map(async (serial): Promise<PhoneReport> => {
        const device = [...core.android.tracker.devices(), ...core.ios.list()].find((d) => d.id === serial);
        const base = { serial, model: device?.facts?.model ?? null, virtual: device?.virtual ?? false, session: null, exports: [] as string[], paths: [] };
        const plan: ProfilePlan = {
          deviceId: serial,
          modelPath: resolve(modelPath),
          paths: paths.map((p) => ({ path: p as PathId })),
          ...(runs !== undefined ? { runs } : {}),
          ...(durationS !== undefined ? { durationS } : {}),
          warmupRuns: flagInt(args, 'warmup', 0, 10_000) ?? 5,
          threads: flagInt(args, 'threads', 1, 64) ?? 4,
          repeats: flagInt(args, 'repeats', 1, 100) ?? 1,
          frameBudget: budget,
          ...(flagValue(args, 'runner') ? { runnerPath: resolve(flagValue(args, 'runner')!) } : {}),
        };
        let run;
        try {
          run = await core.profiles.start(plan);
        } catch (error) {
          const hint = (error as { hint?: unknown }).hint;
          return { ...base, exit_code: 2, status: 'error', message: `${error instanceof Error ? error.message : String(error)}${typeof hint === 'string' ? ` ${hint}` : ''}` };
        }
        display.label(run.sessionId, device?.facts?.model ? `${device.facts.model} (${serial})` : serial);
        const outcome = await run.done;
        if (interrupted && device?.platform !== 'ios') await restorePhone(core.android.client.getDevice(serial), serial, true).catch(() => {});
        if (outcome.path === '') return { ...base, exit_code: 2, status: 'error', message: outcome.message };
        return await reportPhone(core, base, outcome, { budget, percentile, energyBudget });
      }),
    );
    display.done();
    const report: ProfileReport = {
      format: 'tetherscope-profile-report',
      version: 1,
      exit_code: interrupted ? 2 : worst(reports.map((r) => r.exit_code)),
      budget_ms: budget.kind === 'ms' ? budget.ms : budget.kind === 'hz' ? 1000 / budget.hz : null,
      percentile,
      energy_budget_mj: energyBudget,
      phones: reports,
    };
    if (junit) {
      const cases: JunitCase[] = reports.flatMap((r) =>
        r.paths.flatMap((p) => p.budgets.map((verdict) => ({ phone: r.model ? `${r.model} ${r.serial}` : r.serial, path: p.path, verdict, sessionPath: r.session }))),
      );
      for (const r of reports.filter((x) => x.paths.length === 0)) {
        cases.push({ phone: r.serial, path: 'all', verdict: { budget: 'latency', outcome: 'unjudged', value: null, limit: 0, unit: 'ms', message: r.message ?? 'Profiling did not run.' }, sessionPath: r.session });
      }
      await writeFile(junit, junitXml(cases));
    }
    if (json) console.log(JSON.stringify(report, null, 2));
    else printSummary(report);
    if (interrupted) say('Stopped by Ctrl-C. The phones were restored; the partial sessions are kept in ' + out);
    return report.exit_code;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    stopProgress();
    await core.dispose();
    for (const phone of started) await phone.stop().catch(() => {});
  }
}

async function reportPhone(
  core: Core,
  base: Pick<PhoneReport, 'serial' | 'model' | 'virtual'>,
  outcome: { sessionId: string; path: string; status: PhoneReport['status']; message: string | null },
  o: { budget: ProfilePlan['frameBudget']; percentile: number; energyBudget: number | null },
): Promise<PhoneReport> {
  const detail = await core.sessions.open({ sessionId: outcome.sessionId });
  const analysis = analyzeSession(detail.session, { budget: o.budget, appOverheadMs: 0 });
  const limit = budgetMs(o.budget, analysis.refreshRateHz);
  const exports: string[] = [];
  for (const format of EXPORT_FORMATS) {
    try {
      exports.push((await exportSession(detail.session, format, exportFileName(detail.path, format), { budget: o.budget, appOverheadMs: 0 })).path);
    } catch {
      // A format this version cannot write yet is left out of the list.
    }
  }
  const paths = analysis.paths.map((p) => {
    const budgets: BudgetVerdict[] = [];
    if (limit !== null) budgets.push(judgeLatency(detail.session, p, o.percentile, limit));
    if (o.energyBudget !== null) budgets.push(judgeEnergy(detail.session, p, o.energyBudget));
    const ms = (us: number | null): number | null => (us === null ? null : Math.round(us) / 1000);
    return {
      path: p.path,
      status: p.status,
      failure: p.failure,
      inferences: p.latency.count,
      p50_ms: ms(p.latency.p50Us),
      p90_ms: ms(p.latency.p90Us),
      p99_ms: ms(p.latency.p99Us),
      tool_avg_ms: ms(p.toolAvgUs),
      points_unavailable: p.pointsUnavailable,
      energy_mj_per_inference: p.energy.available ? p.energy.joulesPerInference * 1000 : null,
      energy_unavailable: p.energy.available ? null : p.energy.reason,
      fallback_ops: p.fallbackOpCount,
      budgets,
    };
  });
  const outcomes = paths.flatMap((p) => p.budgets.map((b) => b.outcome));
  let exit: Exit = outcomes.includes('unjudged') ? 2 : outcomes.includes('fail') ? 1 : 0;
  if (outcome.status === 'failed' || outcome.status === 'interrupted') exit = 2;
  if (limit === null && o.energyBudget === null) exit = outcome.status === 'complete' ? 0 : 2;
  // An iPhone's figures come through Tetherscope Probe, which nobody has built and run on a real iPhone yet.
  const unverified = detail.session.header.device.platform === 'ios' ? CORE_ML_UNVERIFIED : null;
  const message = [outcome.message, unverified].filter((m): m is string => m !== null).join(' ') || null;
  return { ...base, exit_code: exit, status: outcome.status, message, session: detail.path, exports, paths };
}

function printSummary(report: ProfileReport): void {
  for (const phone of report.phones) {
    console.log(`\n${phone.model ?? phone.serial} (${phone.serial})${phone.virtual ? ' — virtual phone, modelled figures' : ''}: ${phone.status}${phone.message ? ` — ${phone.message}` : ''}`);
    if (phone.session) console.log(`  Session: ${phone.session}`);
    if (phone.paths.length) {
      console.log(`  ${'path'.padEnd(5)} ${'runs'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'mJ/inf'.padStart(8)}  budget`);
      for (const p of phone.paths) {
        const f = (v: number | null): string => (v === null ? '—' : v.toFixed(2)).padStart(8);
        const verdicts = p.budgets.map((b) => `${b.budget} ${b.outcome}`).join(', ') || '—';
        console.log(`  ${p.path.toUpperCase().padEnd(5)} ${String(p.inferences).padStart(6)} ${f(p.p50_ms)} ${f(p.p90_ms)} ${f(p.p99_ms)} ${f(p.energy_mj_per_inference)}  ${verdicts}`);
        for (const b of p.budgets.filter((x) => x.outcome !== 'pass')) console.log(`        ${b.message}`);
        if (p.failure) console.log(`        ${p.failure}`);
      }
    }
  }
  console.log(`\nExit code ${report.exit_code}: ${report.exit_code === 0 ? 'every budget holds' : report.exit_code === 1 ? 'a budget failed' : 'profiling stopped on an error, or a budget could not be judged'}.`);
}
