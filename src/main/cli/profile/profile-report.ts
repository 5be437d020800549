// The machine-readable result of `tetherscope profile --json`, with its schema: pipelines
// may rely on this shape.
import { z } from 'zod';

const VerdictSchema = z.object({
  budget: z.enum(['latency', 'energy']),
  outcome: z.enum(['pass', 'fail', 'unjudged']),
  value: z.number().nullable(),
  limit: z.number(),
  unit: z.enum(['ms', 'mJ']),
  message: z.string(),
});

const PathReportSchema = z.object({
  path: z.enum(['npu', 'gpu', 'cpu']),
  status: z.enum(['ok', 'failed', 'cancelled', 'not-run']),
  failure: z.string().nullable(),
  inferences: z.number().int(),
  p50_ms: z.number().nullable(),
  p90_ms: z.number().nullable(),
  p99_ms: z.number().nullable(),
  tool_avg_ms: z.number().nullable(),
  points_unavailable: z.string().nullable(),
  energy_mj_per_inference: z.number().nullable(),
  energy_unavailable: z.string().nullable(),
  fallback_ops: z.number().int(),
  budgets: z.array(VerdictSchema),
});

export const ProfileReportSchema = z.object({
  format: z.literal('tetherscope-profile-report'),
  version: z.literal(1),
  exit_code: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  budget_ms: z.number().nullable(),
  percentile: z.number(),
  energy_budget_mj: z.number().nullable(),
  phones: z.array(
    z.object({
      serial: z.string(),
      model: z.string().nullable(),
      virtual: z.boolean(),
      exit_code: z.union([z.literal(0), z.literal(1), z.literal(2)]),
      status: z.enum(['complete', 'cancelled', 'failed', 'interrupted', 'error']),
      message: z.string().nullable(),
      session: z.string().nullable(),
      exports: z.array(z.string()),
      paths: z.array(PathReportSchema),
    }),
  ),
});

export type ProfileReport = z.infer<typeof ProfileReportSchema>;
export type PhoneReport = ProfileReport['phones'][number];
export type PathReport = PhoneReport['paths'][number];
