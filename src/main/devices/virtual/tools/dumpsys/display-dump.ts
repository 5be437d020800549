// `dumpsys display`, the parts device-facts reads (android-telemetry.md §4.4): the DisplayDeviceInfo line
// (with renderFrameRate from Android 14) and the local adapter's mActiveSfDisplayMode.
import type { VirtualPhoneProfile } from '../../phone/profiles.js';

function modes(refreshHz: number): number[] {
  return [...new Set([refreshHz, ...[120, 90, 60].filter((hz) => hz < refreshHz)])];
}

export function displayDump(profile: VirtualPhoneProfile): string {
  const d = profile.spec.display;
  const rates = modes(d.refreshHz);
  const hz = (value: number): string => value.toFixed(1);
  const deadline = Math.round(1e9 / d.refreshHz - 1e6);
  const supported = rates
    .map((fps, i) => {
      const alternatives = rates.filter((r) => r !== fps).map(hz).join(', ');
      const vsync = profile.sdk >= 34 ? `, vsync=${hz(fps)}` : '';
      return `{id=${i + 1}, width=${d.width}, height=${d.height}, fps=${hz(fps)}${vsync}, alternativeRefreshRates=[${alternatives}], supportedHdrTypes=[]}`;
    })
    .join(', ');
  const render = profile.sdk >= 34 ? `, renderFrameRate ${hz(d.refreshHz)}` : '';
  return [
    'DISPLAY MANAGER (dumpsys display)',
    '  mOnlyCode=false',
    '  mSafeMode=false',
    '  mPendingTraversal=false',
    '',
    'Display Adapters: size=1',
    '  LocalDisplayAdapter',
    '',
    'Display Devices: size=1',
    `  DisplayDeviceInfo{"Built-in Screen": uniqueId="local:4619827259835644672", ${d.width} x ${d.height}, modeId 1${render}, defaultModeId 1, supportedModes [${supported}], density ${d.dpi}, ${hz(d.dpi)} x ${hz(d.dpi)} dpi, appVsyncOff 1000000, presDeadline ${deadline}, type INTERNAL, state ON, FLAG_ALLOWED_TO_BE_DEFAULT_DISPLAY, FLAG_ROTATES_WITH_CONTENT, FLAG_SECURE, FLAG_SUPPORTS_PROTECTED_BUFFERS}`,
    '    mAdapter=LocalDisplayAdapter',
    '    mUniqueId=local:4619827259835644672',
    `    mActiveSfDisplayMode=DisplayMode{id=1, width=${d.width}, height=${d.height}, xDpi=${hz(d.dpi)}, yDpi=${hz(d.dpi)}, refreshRate=${hz(d.refreshHz)}, appVsyncOffsetNanos=1000000, presentationDeadlineNanos=${deadline}, group=0}`,
    ...(profile.sdk >= 34 ? [`    mActiveRenderFrameRate=${hz(d.refreshHz)}`] : []),
    '',
  ].join('\n');
}
