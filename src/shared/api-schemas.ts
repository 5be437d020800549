// Runtime checks for every call's input, applied where a call enters the Node side
// (Electron IPC and the browser bridge both go through src/main/api/dispatch.ts).
import { z } from 'zod';
import { EXPORT_FORMATS, PATH_IDS, VIRTUAL_IOS_PROFILES, VIRTUAL_PROFILES } from './api-constants.js';

/** Ids that reach the phone or the disk are limited to a safe character set. */
const safeId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:-]+$/, 'may hold only letters, digits and . _ : -');

/** A host file the user picked; never handed to a shell. */
const hostFilePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'must not contain a NUL character');

export const FrameBudgetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('device') }),
  z.object({ kind: z.literal('hz'), hz: z.number().positive().max(1000) }),
  z.object({ kind: z.literal('ms'), ms: z.number().positive().max(10_000) }),
]);

export const PathPlanSchema = z.object({
  path: z.enum(PATH_IDS),
  /** NNAPI accelerator name, for the npu path. */
  acceleratorName: safeId.optional(),
});

export const ProfilePlanSchema = z
  .object({
    deviceId: safeId,
    modelPath: hostFilePath,
    paths: z.array(PathPlanSchema).min(1).max(8),
    runs: z.number().int().min(1).max(1_000_000).optional(),
    durationS: z.number().positive().max(24 * 3600).optional(),
    warmupRuns: z.number().int().min(0).max(10_000),
    threads: z.number().int().min(1).max(64),
    repeats: z.number().int().min(1).max(100),
    frameBudget: FrameBudgetSchema,
    runnerPath: hostFilePath.optional(),
  })
  .refine((p) => (p.runs === undefined) !== (p.durationS === undefined), {
    message: 'give either a number of runs or a duration, not both',
  });

export const SettingsSchema = z.object({
  /** The benchmark_model binary (CLI flavour) on this computer. */
  runnerCliPath: hostFilePath.nullable(),
  /** The benchmark app (.apk) on this computer. */
  runnerApkPath: hostFilePath.nullable(),
  /** The adb server's port; null: ANDROID_ADB_SERVER_PORT or 5037. */
  adbServerPort: z.number().int().min(1).max(65535).nullable(),
  telemetryRateHz: z.number().min(1).max(100),
  baselineWaitMaxS: z.number().min(0).max(600),
  idleBaselineS: z.number().min(0).max(60),
  /** How long an iPhone run waits for the user to open Tetherscope Probe. */
  probeWaitS: z.number().min(5).max(3600),
  /** usbmuxd to watch for iPhones; null: USBMUXD_SOCKET_ADDRESS, else the system's. */
  usbmuxdAddress: z.string().max(4096).nullable(),
});

const none = z.undefined();
const sessionRef = z.object({ sessionId: safeId });

/** One entry per call: the schema of its single argument (z.undefined() when it takes none). */
export const ApiInputSchemas = {
  getAppInfo: none,
  listDevices: none,
  addVirtualDevice: z.object({ profile: z.enum([...VIRTUAL_PROFILES, ...VIRTUAL_IOS_PROFILES]) }),
  removeVirtualDevice: z.object({ deviceId: safeId }),
  cleanDevice: z.object({ deviceId: safeId }),
  inspectModel: z.object({ path: hostFilePath }),
  startProfile: ProfilePlanSchema,
  cancelProfile: sessionRef,
  listSessions: none,
  openSession: sessionRef,
  deleteSession: sessionRef,
  exportSession: sessionRef.extend({ format: z.enum(EXPORT_FORMATS) }),
  openInPerfetto: sessionRef,
  getSettings: none,
  updateSettings: SettingsSchema.partial(),
} as const;

export type ApiInputs = { [K in keyof typeof ApiInputSchemas]: z.infer<(typeof ApiInputSchemas)[K]> };
export type ProfilePlan = z.infer<typeof ProfilePlanSchema>;
export type PathPlan = z.infer<typeof PathPlanSchema>;
export type FrameBudget = z.infer<typeof FrameBudgetSchema>;
export type AppSettings = z.infer<typeof SettingsSchema>;
