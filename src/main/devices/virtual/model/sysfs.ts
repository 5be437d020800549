// The kernel's view of the device model, as the files a shell reads: the battery's power_supply nodes (with the
// driver's sign and unit quirks), thermal zones in millidegrees, cooling devices, cpufreq in kHz, and the GPU
// clock. Each read brings the model up to the clock first.
import type { Vfs } from '../fs/vfs.js';
import type { DeviceModel } from './device-model.js';

const SUPPLY = '/sys/class/power_supply';
const THERMAL = '/sys/class/thermal';
const CPU = '/sys/devices/system/cpu';

/** current_now as the driver prints it: µA or mA, kernel sign or inverted. */
export function driverCurrentNow(model: DeviceModel): number {
  const spec = model.hardware.battery;
  let value = model.battery.reading.currentUa;
  if (spec.currentSignInverted) value = -value;
  if (spec.currentUnit === 'mA') value = Math.round(value / 1000);
  return value === 0 ? 0 : value;
}

/** The power_supply `status` string. */
export function batteryStatusText(model: DeviceModel): string {
  if (model.battery.charger !== 'usb') return 'Discharging';
  return model.battery.reading.capacityPercent >= 100 ? 'Full' : 'Charging';
}

export function installModelSysfs(vfs: Vfs, model: DeviceModel): void {
  const live = (path: string, read: () => string | number): void => {
    vfs.defineDynamic(path, {
      read: () => {
        model.catchUp();
        return `${read()}\n`;
      },
      mode: 0o444,
    });
  };
  const fixed = (path: string, text: string): void => {
    vfs.defineDynamic(path, { read: () => `${text}\n`, mode: 0o444 });
  };
  const hw = model.hardware;

  const battery = `${SUPPLY}/battery`;
  fixed(`${battery}/type`, 'Battery');
  fixed(`${battery}/present`, '1');
  fixed(`${battery}/health`, 'Good');
  fixed(`${battery}/technology`, hw.battery.technology);
  live(`${battery}/status`, () => batteryStatusText(model));
  live(`${battery}/capacity`, () => model.battery.reading.capacityPercent);
  live(`${battery}/current_now`, () => driverCurrentNow(model));
  live(`${battery}/voltage_now`, () => model.battery.reading.voltageUv);
  live(`${battery}/temp`, () => model.battery.reading.temperatureDeciC);
  live(`${battery}/charge_counter`, () => model.battery.reading.chargeCounterUah);
  const usb = `${SUPPLY}/usb`;
  fixed(`${usb}/type`, 'USB');
  live(`${usb}/online`, () => (model.battery.charger === 'usb' ? 1 : 0));
  live(`${usb}/voltage_now`, () => (model.battery.charger === 'usb' ? hw.battery.usb.maxVoltageUv : 0));

  hw.thermal.sensors.forEach((sensor, i) => {
    const zone = `${THERMAL}/thermal_zone${i}`;
    fixed(`${zone}/type`, sensor.name);
    fixed(`${zone}/mode`, 'enabled');
    fixed(`${zone}/policy`, 'step_wise');
    live(`${zone}/temp`, () => Math.round(model.thermal.sensorC(sensor.node, sensor.offsetC) * 10) * 100);
  });
  const coolers = [...hw.cpu.clusters.map((c) => `thermal-cpufreq-${c.cpus[0] ?? 0}`), 'gpu', ...(hw.npu === null ? [] : ['npu'])];
  coolers.forEach((name, i) => {
    const dir = `${THERMAL}/cooling_device${i}`;
    fixed(`${dir}/type`, name);
    fixed(`${dir}/max_state`, '6');
    live(`${dir}/cur_state`, () => model.coolingState());
  });

  const cpuCount = hw.cpu.clusters.reduce((n, c) => n + c.cpus.length, 0);
  fixed(`${CPU}/online`, `0-${cpuCount - 1}`);
  fixed(`${CPU}/possible`, `0-${cpuCount - 1}`);
  fixed(`${CPU}/present`, `0-${cpuCount - 1}`);
  for (const cluster of hw.cpu.clusters) {
    for (const cpu of cluster.cpus) {
      const dir = `${CPU}/cpu${cpu}/cpufreq`;
      fixed(`${dir}/cpuinfo_max_freq`, String(cluster.maxKhz));
      fixed(`${dir}/cpuinfo_min_freq`, String(cluster.idleKhz));
      fixed(`${dir}/scaling_min_freq`, String(cluster.idleKhz));
      fixed(`${dir}/scaling_governor`, 'schedutil');
      fixed(`${dir}/related_cpus`, cluster.cpus.join(' '));
      live(`${dir}/scaling_max_freq`, () => model.cpuCapKhz(cluster));
      live(`${dir}/scaling_cur_freq`, () => model.cpuCurKhz(cpu));
    }
  }

  live(hw.gpu.clock.path, () => Math.round(model.gpuClockHz()));
  if (hw.gpu.clock.path.includes('/kgsl/')) {
    const kgsl = hw.gpu.clock.path.slice(0, hw.gpu.clock.path.lastIndexOf('/'));
    live(`${kgsl}/max_gpuclk`, () => Math.round(model.gpuMaxClockHz()));
    live(`${kgsl}/thermal_pwrlevel`, () => model.thermalStatus);
  }
}
