import { describe, expect, it } from 'vitest';
import { runnerSettingChange, runnerSettingKey } from './runner-setting.js';

describe('runner setting', () => {
  it('files an .apk under the benchmark app and anything else under the command-line tool', () => {
    expect(runnerSettingKey('/opt/litert/android_aarch64_benchmark_model.APK')).toBe('runnerApkPath');
    expect(runnerSettingKey('/opt/litert/android_aarch64_benchmark_model')).toBe('runnerCliPath');
    expect(runnerSettingKey('/opt/apk/benchmark_model')).toBe('runnerCliPath');
  });

  it('saves a new path, and nothing when the field is blank or the path is saved already', () => {
    const saved = { runnerApkPath: '/a/app.apk', runnerCliPath: null };
    expect(runnerSettingChange('  /b/benchmark_model ', saved)).toEqual({ runnerCliPath: '/b/benchmark_model' });
    expect(runnerSettingChange('/b/other.apk', saved)).toEqual({ runnerApkPath: '/b/other.apk' });
    expect(runnerSettingChange('/a/app.apk', saved)).toBeNull();
    expect(runnerSettingChange('   ', saved)).toBeNull();
    expect(runnerSettingChange('/b/other.apk', null)).toEqual({ runnerApkPath: '/b/other.apk' });
  });
});
