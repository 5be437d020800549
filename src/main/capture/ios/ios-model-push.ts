// Puts the model into Tetherscope Probe's container (house_arrest VendContainer, then AFC),
// named by its sha256 so no file name of the user's reaches the phone. Skipped when a file
// of the same size is already there.
import { PROBE_BUNDLE_ID, PROBE_MODELS_DIR } from '../../../shared/ios-probe/probe-protocol.js';
import { AfcFileMode, type AppiumAfc } from '../../devices/ios/appium-ios.js';
import type { IosConnection } from '../../devices/ios/ios-connection.js';

const CHUNK_BYTES = 256 * 1024;

export function probeModelPath(sha256: string, format: 'mlmodel'): string {
  return `${PROBE_MODELS_DIR}/${sha256}.${format}`;
}

async function sizeOf(afc: AppiumAfc, path: string): Promise<number | null> {
  try {
    const info = await afc.getFileInfo(path);
    return info.isFile() ? Number(info.size) : null;
  } catch {
    return null;
  }
}

export async function pushModelToProbe(
  connection: IosConnection,
  model: { sha256: string; bytes: Uint8Array },
  onProgress: (fraction: number) => void,
): Promise<{ path: string; pushed: boolean }> {
  const path = probeModelPath(model.sha256, 'mlmodel');
  const afc = await connection.appContainer(PROBE_BUNDLE_ID);
  try {
    if ((await sizeOf(afc, path)) === model.bytes.length) return { path, pushed: false };
    for (const dir of ['/Documents', PROBE_MODELS_DIR]) await afc.createDirectory(dir).catch(() => {});
    // A copy cut short has the wrong size and is written again next time; the probe also checks the sha256.
    const handle = await afc.openFile(path, AfcFileMode.write);
    try {
      for (let at = 0; at < model.bytes.length; at += CHUNK_BYTES) {
        await afc.writeFile(handle, Buffer.from(model.bytes.subarray(at, at + CHUNK_BYTES)));
        onProgress(Math.min(1, (at + CHUNK_BYTES) / model.bytes.length));
      }
    } finally {
      await afc.closeFileHandle(handle);
    }
    return { path, pushed: true };
  } finally {
    afc.close();
  }
}

/** Removes every model Tetherscope put into the probe's container; returns what was removed. */
export async function removeProbeModels(connection: IosConnection): Promise<string[]> {
  const afc = await connection.appContainer(PROBE_BUNDLE_ID);
  try {
    const names = await afc.listDirectory(PROBE_MODELS_DIR).catch(() => [] as string[]);
    const removed: string[] = [];
    for (const name of names) {
      if (name === '.' || name === '..') continue;
      await afc.deleteDirectory(`${PROBE_MODELS_DIR}/${name}`);
      removed.push(`model ${name}`);
    }
    return removed;
  } finally {
    afc.close();
  }
}
