/** Android's fixed uids/gids (system/core/libcutils/include/private/android_filesystem_config.h). */
const NAMES = new Map<number, string>([
  [0, 'root'],
  [1000, 'system'],
  [1004, 'input'],
  [1007, 'log'],
  [1015, 'sdcard_rw'],
  [1023, 'media_rw'],
  [1028, 'sdcard_r'],
  [1036, 'logd'],
  [2000, 'shell'],
  [3003, 'inet'],
  [9997, 'everybody'],
  [9999, 'nobody'],
]);

/** App uids (10000–19999) print as `u0_a<n>`, as bionic's getpwuid names them for user 0. */
export function idName(id: number): string {
  if (id >= 10000 && id < 20000) return `u0_a${id - 10000}`;
  return NAMES.get(id) ?? String(id);
}
