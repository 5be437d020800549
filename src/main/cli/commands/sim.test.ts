import { describe, expect, it } from 'vitest';
import { MAX_THERMAL_TIME_SCALE } from '../../devices/virtual/model/thermal.js';
import { CliUsageError } from '../args.js';
import { parseSimOptions } from './sim.js';

describe('tetherscope sim flags', () => {
  it('reads the virtual Android phone flags', () => {
    expect(parseSimOptions(['--profile', 'flagship', '--port=7001', '--adb-port', '15037', '--unauthorized'])).toEqual({
      kind: 'android',
      options: { profile: 'flagship', port: 7001, adbPort: 15037, unauthorized: true },
    });
    expect(parseSimOptions(['--profile=budget', '--battery', 'unplugged', '--thermal-speed=40'])).toEqual({
      kind: 'android',
      options: { profile: 'budget', battery: 'unplugged', thermalSpeed: 40 },
    });
    expect(parseSimOptions([])).toEqual({ kind: 'android', options: {} });
  });

  it('reads the virtual iPhone flags', () => {
    expect(parseSimOptions(['--ios', '--profile', 'iphone-14', '--battery=usb', '--thermal-speed', '2.5', '--probe-closed', '--tcp-port', '27015'])).toEqual({
      kind: 'ios',
      options: { profile: 'iphone-14', battery: 'usb', thermalSpeed: 2.5, probeOpen: false, tcpPort: 27015 },
    });
  });

  it('refuses bad values and flags meant for the other kind of phone, in plain words', () => {
    const refused = (argv: string[], words: RegExp): void => {
      expect(() => parseSimOptions(argv)).toThrow(CliUsageError);
      expect(() => parseSimOptions(argv)).toThrow(words);
    };
    refused(['--battery', 'wireless'], /usb or unplugged, not "wireless"/);
    refused(['--thermal-speed', '0'], /above 0/);
    refused(['--ios', '--thermal-speed', String(MAX_THERMAL_TIME_SCALE + 1)], new RegExp(`up to ${MAX_THERMAL_TIME_SCALE}`));
    refused(['--port', 'x'], /--port must be a whole number/);
    refused(['--tcp-port', '70000', '--ios'], /between 1 and 65535/);
    refused(['--bogus'], /Unknown option --bogus/);
    refused(['--profile='], /--profile needs a name/);
    refused(['--ios', '--profile', 'iphone-3g'], /iphone-16-pro, iphone-14, iphone-12, not "iphone-3g"/);
    refused(['--ios', '--unauthorized'], /--unauthorized is for a virtual Android phone/);
    refused(['--probe-closed'], /--probe-closed is for a virtual iPhone: add --ios/);
    refused(['flagship'], /Unexpected argument "flagship"/);
  });
});
