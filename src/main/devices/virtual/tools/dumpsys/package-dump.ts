// `dumpsys package <name>`: the Packages section a real dump holds for one app (pkgFlags with DEBUGGABLE for a
// debuggable build, targetSdk), or the not-found notes.
import type { PackageRegistry } from '../apk/packages.js';

const date = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

export function packageDump(packages: PackageRegistry, name: string | undefined): string {
  const pkg = name === undefined ? undefined : packages.get(name);
  if (name === undefined || pkg === undefined) {
    const what = name ?? '';
    return `Dexopt state:\n  Unable to find package: ${what}\n\nCompiler stats:\n  Unable to find package: ${what}\n`;
  }
  const m = pkg.manifest;
  const flags = [...(m?.debuggable === true ? ['DEBUGGABLE'] : []), 'HAS_CODE', 'ALLOW_CLEAR_USER_DATA', ...(pkg.system ? ['SYSTEM'] : ['ALLOW_BACKUP'])];
  const activity = m === null ? [] : [
    'Activity Resolver Table:',
    '  Non-Data Actions:',
    '      android.intent.action.MAIN:',
    `        4f1c2a7 ${pkg.name}/${m.activity} filter 9e3b51d`,
    '          Action: "android.intent.action.MAIN"',
    '          Category: "android.intent.category.LAUNCHER"',
    '',
  ];
  return [
    ...activity,
    'Key Set Manager:',
    `  [${pkg.name}]`,
    '      Signing KeySets: 42',
    '',
    'Packages:',
    `  Package [${pkg.name}] (1d2e3f4):`,
    `    userId=${pkg.uid}`,
    `    pkg=Package{1d2e3f4 ${pkg.name}}`,
    `    codePath=${pkg.codePath}`,
    `    resourcePath=${pkg.codePath}`,
    `    legacyNativeLibraryDir=${pkg.codePath}/lib`,
    '    primaryCpuAbi=arm64-v8a',
    '    secondaryCpuAbi=null',
    `    versionCode=${m?.versionCode ?? 1} minSdk=${m?.minSdk ?? 1} targetSdk=${m?.targetSdk ?? 34}`,
    `    versionName=${m?.versionName ?? '1'}`,
    `    flags=[ ${flags.join(' ')} ]`,
    `    timeStamp=${date(pkg.lastUpdateMs)}`,
    `    firstInstallTime=${date(pkg.firstInstallMs)}`,
    `    lastUpdateTime=${date(pkg.lastUpdateMs)}`,
    '    installerPackageName=null',
    `    pkgFlags=[ ${flags.join(' ')} ]`,
    '    User 0: ceDataInode=0 installed=true hidden=false suspended=false distractionFlags=0 stopped=false notLaunched=false enabled=0 instant=false virtual=false',
    '',
  ].join('\n');
}
