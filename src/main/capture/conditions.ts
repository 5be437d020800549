// The phone in the same state for every path (DESIGN.md, "Conditions"): screen kept on and
// battery saver off for the run, each recorded in the phone ledger before it is changed.
import type { AdbkitDeviceClient } from '../devices/android/adbkit.js';
import { runShell, shQuote } from '../devices/android/shell.js';
import { PHONE_DIR, PHONE_LEDGER } from './phone-layout.js';

export interface AppliedConditions {
  screenKeptOn: boolean;
  batterySaverOff: boolean;
  notes: string[];
}

async function setSetting(device: AdbkitDeviceClient, serial: string, name: string, value: string): Promise<boolean> {
  const script = [
    `old=$(settings get global ${name} 2>/dev/null)`,
    `if [ "$old" = ${shQuote(value)} ]; then exit 0; fi`,
    // The old value goes into the ledger as the JSON line the ledger expects (settings values are numbers or words).
    `mkdir -p ${shQuote(PHONE_DIR)}`,
    `echo "{\\"kind\\":\\"setting\\",\\"namespace\\":\\"global\\",\\"name\\":\\"${name}\\",\\"old\\":\\"$old\\"}" >>${shQuote(PHONE_LEDGER)}`,
    `settings put global ${name} ${shQuote(value)}`,
  ].join('\n');
  const r = await runShell(device, serial, script, { timeoutMs: 15_000, what: `changing the ${name} setting` });
  return r.exitCode === 0;
}

export async function applyConditions(device: AdbkitDeviceClient, serial: string): Promise<AppliedConditions> {
  const notes: string[] = [];
  // 7 = stay awake on AC, USB and wireless power.
  const screenKeptOn = await setSetting(device, serial, 'stay_on_while_plugged_in', '7').catch(() => false);
  if (!screenKeptOn) notes.push('The screen could not be kept on; a screen that turns off changes the clocks the phone runs at.');
  const batterySaverOff = await setSetting(device, serial, 'low_power', '0').catch(() => false);
  if (!batterySaverOff) notes.push('Battery saver could not be checked; it slows every path when on.');
  await runShell(device, serial, 'input keyevent KEYCODE_WAKEUP', { timeoutMs: 10_000, what: 'waking the screen' }).catch(() => {
    notes.push('The screen could not be woken.');
  });
  return { screenKeptOn, batterySaverOff, notes };
}
