// The compute-plan message: MLComputePlan's per-layer device usage as the app reads it on iOS 17.4+, or why
// there is none. For neural network layers MLComputePlan gives no estimated cost (Cost.weight is for ML
// Program operations only), so weight is null.
import { PROBE_PROTOCOL_VERSION, type ProbeAppMessage, type ProbeOp } from '../../../../shared/ios-probe/probe-protocol.js';
import type { CompiledCoremlPlan } from '../coreml/device-model.js';
import type { VirtualIphoneProfile } from '../coreml/iphone-spec.js';

export function computePlanMessage(planId: string, plan: CompiledCoremlPlan, profile: VirtualIphoneProfile, available: boolean): ProbeAppMessage {
  if (!available) {
    return {
      v: PROBE_PROTOCOL_VERSION,
      type: 'compute-plan',
      id: planId,
      ops: null,
      unavailable: `MLComputePlan needs iOS 17.4 or later; this iPhone runs iOS ${profile.identity.productVersion}.`,
    };
  }
  const ops: ProbeOp[] = plan.cost.placement.map((p) => ({ name: p.name, opType: p.opType, preferred: p.preferred, supported: [...p.supported], weight: null }));
  return { v: PROBE_PROTOCOL_VERSION, type: 'compute-plan', id: planId, ops, unavailable: null };
}
