/** Android's fixed uids/gids (system/core/libcutils/include/private/android_filesystem_config.h). */
const NAMES = new Map<number, string>([
  [0, 'root'],
  [1000, 'system'],
  [1004, 'input'],
  [1007, 'log'],
  [1015, 'sdcard_rw'],
  [1023, 'media_rw'],
  [1028, 'sdcard_r'],
  [2000, 'shell'],
  [3003, 'inet'],
  [9997, 'everybody'],
]);

export function idName(id: number): string {
  return NAMES.get(id) ?? String(id);
}
