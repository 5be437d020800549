// What a delegate rule may look at for one operator: its tensors as the runtime sees them, its options as the
// op's parser would fill them in, and the target (Android API level, accelerator named or not).
import type { TfliteBuiltinOpName } from './builtin-operator.js';
import type { TfliteModel, TfliteOperator, TfliteSubgraph, TfliteTensor } from './model.js';
import { tfliteTensorTypeName } from './tensor-type.js';

export interface TfliteOpContext {
  readonly model: TfliteModel;
  readonly subgraph: TfliteSubgraph;
  readonly op: TfliteOperator;
  /** Inputs in kernel order; null where the model omits an optional input (−1). */
  readonly inputs: readonly (TfliteTensor | null)[];
  readonly outputs: readonly TfliteTensor[];
  /** Inputs that are neither constant nor omitted (GetNumberOfRuntimeInputs). */
  readonly runtimeInputs: number;
  readonly constInputs: number;
  readonly androidSdk: number;
  readonly acceleratorNamed: boolean;
}

/** A rule's verdict: null = passes, otherwise the reason in the delegate's words. */
export type TfliteDelegateCheck = (ctx: TfliteOpContext) => string | null;

export interface TfliteDelegateOpRule {
  /** Highest OperatorCode.version the delegate takes; null = no cap. */
  readonly maxVersion: number | null;
  /** NNAPI only: lowest Android API level. */
  readonly minSdk?: number;
  readonly checks: readonly TfliteDelegateCheck[];
}

export type TfliteDelegateRules = Readonly<Partial<Record<TfliteBuiltinOpName, TfliteDelegateOpRule>>>;

export function tfliteOpContext(
  model: TfliteModel,
  subgraph: TfliteSubgraph,
  op: TfliteOperator,
  target: { readonly androidSdk: number; readonly acceleratorNamed: boolean },
): TfliteOpContext {
  const inputs = op.inputs.map((i) => (i < 0 ? null : (subgraph.tensors[i] ?? null)));
  const outputs = op.outputs.flatMap((i) => subgraph.tensors[i] ?? []);
  const present = inputs.filter((t): t is TfliteTensor => t !== null);
  const constInputs = present.filter((t) => t.isConstant).length;
  return {
    model,
    subgraph,
    op,
    inputs,
    outputs,
    runtimeInputs: present.length - constInputs,
    constInputs,
    ...target,
  };
}

/**
 * An option as the op's parser sees it: the parser zero-fills its params and copies the table only when
 * present, so a missing table means 0 for every field, schema defaults included (tflite-format.md §3.2).
 */
export function optionNumber(ctx: TfliteOpContext, field: string): number {
  const value = (ctx.op.options?.values as Readonly<Record<string, unknown>> | undefined)?.[field];
  return typeof value === 'number' ? value : value === true ? 1 : 0;
}

export function optionList(ctx: TfliteOpContext, field: string): readonly number[] {
  const value = (ctx.op.options?.values as Readonly<Record<string, unknown>> | undefined)?.[field];
  return Array.isArray(value) ? (value as readonly number[]) : [];
}

export const typeOf = (t: TfliteTensor | null | undefined): string => (t ? tfliteTensorTypeName(t.type) : 'NONE');
export const rankOf = (t: TfliteTensor | null | undefined): number => t?.shape.length ?? 0;
