/** Features the virtual phone really implements; the adb CLI switches on them. */
export const ADB_DEVICE_FEATURES = ['shell_v2', 'stat_v2', 'ls_v2', 'fixed_push_mkdir'] as const;

export interface AdbBannerProps {
  readonly product: string;
  readonly model: string;
  readonly device: string;
}

/** `device::ro.product.name=…;ro.product.model=…;ro.product.device=…;features=…` */
export function buildAdbDeviceBanner(props: AdbBannerProps, features: readonly string[] = ADB_DEVICE_FEATURES): string {
  const clean = (value: string): string => value.replace(/[:;=]/g, '_');
  return (
    'device::' +
    `ro.product.name=${clean(props.product)};` +
    `ro.product.model=${clean(props.model)};` +
    `ro.product.device=${clean(props.device)};` +
    `features=${features.join(',')}`
  );
}
