// An iPhone's facts, read once: lockdown values that need no session, then Developer Mode
// and the virtual flag, which do.
import type { DeviceFacts } from '../../../shared/api.js';
import { IosDeviceError } from './errors.js';
import type { IosConnection } from './ios-connection.js';
import { IPHONE_MODELS } from './iphone-models.js';

/** Where Tetherscope's virtual iPhone says that it is one (lockdown GetValue). */
export const VIRTUAL_IPHONE_MARK = { Domain: 'dev.tetherscope', Key: 'TetherscopeVirtual' } as const;

export interface IosFacts {
  facts: DeviceFacts;
  deviceName: string | null;
  productType: string | null;
  osVersion: string | null;
  /** null when the phone would not say (iOS older than 16 has no Developer Mode). */
  developerMode: boolean | null;
  virtual: boolean;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export function iosFactsFromValues(values: Record<string, unknown>, developerMode: boolean | null, virtual: boolean): IosFacts {
  const productType = str(values['ProductType']);
  const known = productType ? IPHONE_MODELS[productType] : undefined;
  const osVersion = str(values['ProductVersion']);
  return {
    deviceName: str(values['DeviceName']),
    productType,
    osVersion,
    developerMode,
    virtual,
    facts: {
      manufacturer: 'Apple',
      model: known ? `${known.name} (${productType})` : productType,
      soc: known?.chip ?? null,
      os: osVersion ? `iOS ${osVersion}${str(values['BuildVersion']) ? ` (${str(values['BuildVersion'])})` : ''}` : null,
      sdk: null,
      abi: str(values['CPUArchitecture']),
      refreshRateHz: known?.refreshRateHz ?? null,
      accelerators: ['Neural Engine', 'GPU'],
    },
  };
}

/**
 * Reads the facts. Developer Mode needs a session; when the phone refuses one (not trusted
 * yet) the facts still come back, with the refusal beside them.
 */
export async function readIosFacts(connection: IosConnection): Promise<IosFacts & { sessionProblem: IosDeviceError | null }> {
  const values = await connection.getValues();
  if (!values || typeof values !== 'object') throw new IosDeviceError(`The iPhone ${connection.udid} sent no device values.`);
  const virtual = await connection.getValues(VIRTUAL_IPHONE_MARK).then(
    (v) => v === true,
    () => false,
  );
  let developerMode: boolean | null = null;
  let sessionProblem: IosDeviceError | null = null;
  try {
    const lockdown = await connection.session();
    try {
      developerMode = await lockdown.getValue({ Domain: 'com.apple.security.mac.amfi', Key: 'DeveloperModeStatus' }).then(
        (v) => (typeof v === 'boolean' ? v : null),
        () => null,
      );
    } finally {
      lockdown.close();
    }
  } catch (error) {
    if (!(error instanceof IosDeviceError)) throw error;
    sessionProblem = error;
  }
  return { ...iosFactsFromValues(values as Record<string, unknown>, developerMode, virtual), sessionProblem };
}
