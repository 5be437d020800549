// A realistic session header for tests.
import type { SessionHeader } from '../../shared/session/records.js';
import type { HostTimeMs } from '../../shared/units.js';

export function testHeader(sessionId: string, overrides: Partial<SessionHeader> = {}): SessionHeader {
  return {
    r: 'header',
    format: 'tetherscope-session',
    version: 1,
    sessionId,
    createdAt: 1_764_000_000_000 as HostTimeMs,
    tool: { name: 'Tetherscope', version: '0.1.0' },
    device: {
      id: '127.0.0.1:15555',
      platform: 'android',
      transport: 'virtual',
      virtual: true,
      facts: { manufacturer: 'Tetherscope', model: 'Virtual Flagship', soc: 'VSoC 9', os: 'Android 15', sdk: 35, abi: 'arm64-v8a', refreshRateHz: 120, accelerators: ['vnpu'] },
      buildType: 'user',
    },
    model: { name: 'mobilenet-mini.tflite', bytes: 12345, sha256: 'ab'.repeat(32), format: 'tflite', ops: [{ opType: 'CONV_2D', count: 3 }] },
    plan: { deviceId: '127.0.0.1:15555', modelPath: '/m.tflite', paths: [{ path: 'npu' }, { path: 'cpu' }], runs: 50, warmupRuns: 5, threads: 4, repeats: 1, frameBudget: { kind: 'device' } },
    deviceClockOriginNs: '123456789012345',
    ...overrides,
  };
}
