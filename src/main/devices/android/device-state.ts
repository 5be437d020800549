// adb's device states, folded into the three the window shows, each with what to do.
import type { DeviceState, DeviceTransport } from '../../../shared/api.js';

export function foldAdbState(adbState: string): DeviceState {
  if (adbState === 'device') return 'device';
  if (adbState === 'unauthorized' || adbState === 'authorizing') return 'unauthorized';
  return 'offline';
}

export function stateHint(state: DeviceState, adbState: string, transport: DeviceTransport): string | null {
  switch (state) {
    case 'device':
      return null;
    case 'unauthorized':
      return 'Unlock the phone and accept the USB debugging prompt.';
    case 'offline':
      if (adbState.startsWith('no permissions')) {
        return 'This computer may not open the USB device: add a udev rule for Android phones (Debian/Ubuntu: sudo apt-get install android-sdk-platform-tools-common) and plug it in again.';
      }
      return transport === 'usb'
        ? 'The phone is not answering: unplug it and plug it in again, or restart USB debugging on the phone.'
        : 'The phone is not answering over the network: check that it is on the same network and that Wi-Fi debugging is still on.';
  }
}

/** A serial of the form host:port is a network (Wi-Fi or farm) connection. */
export function transportFromSerial(serial: string): DeviceTransport {
  if (/^\[?[0-9a-fA-F:.]+\]?:\d+$/.test(serial) || /^[\w.-]+:\d+$/.test(serial)) return 'tcp';
  return 'usb';
}
