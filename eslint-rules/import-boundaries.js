// Keeps DESIGN.md's folder map honest: a file's folder says what it may import.
// Relative imports are resolved to the folder they land in, so `../../main/x` from the
// renderer is caught like a bare import would be.
import { builtinModules } from 'node:module';
import path from 'node:path';

/** Zones, most specific first. `ours` lists the project folders a zone may import from. */
const ZONES = [
  { name: 'src/main/electron', ours: ['src/main', 'src/shared'], node: true, electron: true },
  { name: 'src/main', ours: ['src/main', 'src/shared'], node: true, electron: false },
  { name: 'src/preload/electron', ours: ['src/preload/electron', 'src/preload/common', 'src/shared'], node: false, electron: true },
  { name: 'src/preload/browser', ours: ['src/preload/browser', 'src/preload/common', 'src/shared'], node: false, electron: false },
  { name: 'src/preload/common', ours: ['src/preload/common', 'src/shared'], node: false, electron: false },
  { name: 'src/renderer', ours: ['src/renderer', 'src/shared'], node: false, electron: false },
  { name: 'src/shared', ours: ['src/shared'], node: false, electron: false },
];

const NODE_BUILTINS = new Set(builtinModules);
const isNodeBuiltin = (spec) => spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0]);

function zoneOf(relativePath) {
  const posix = relativePath.split(path.sep).join('/');
  return ZONES.find((z) => posix === z.name || posix.startsWith(`${z.name}/`)) ?? null;
}

function within(posix, folder) {
  return posix === folder || posix.startsWith(`${folder}/`);
}

/** @type {import('eslint').Rule.RuleModule} */
export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the process and folder boundaries of DESIGN.md' },
    schema: [],
    messages: {
      forbidden: "{{zone}} may not import '{{spec}}': {{why}}",
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const fromZone = zoneOf(path.relative(root, file));
    const isTestFile = /\.test\.tsx?$/.test(file);
    if (!fromZone) {
      // Outside src/: tests, scripts and configs may import anything except the electron runtime.
      return checker((node, spec) => {
        if (spec === 'electron' && node.importKind !== 'type') {
          return "requiring 'electron' from Node downloads its binary; look for node_modules/electron/path.txt instead";
        }
        return null;
      });
    }

    function verdict(node, spec) {
      if (spec === 'electron') {
        if (fromZone.electron) return null;
        if (fromZone.name.startsWith('src/main') && node.importKind === 'type') return null;
        return 'only src/main/electron and src/preload/electron may import electron';
      }
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep).join('/');
        // Unit tests beside the code may use the shared test helpers in tests/.
        if (isTestFile && within(target, 'tests')) return null;
        if (!target.startsWith('src/')) return within(target, 'src') ? null : 'imports from outside src/ are not allowed';
        if (fromZone.ours.some((folder) => within(target, folder))) return null;
        return `it lands in ${target}; ${fromZone.name} may import only from ${fromZone.ours.join(', ')}`;
      }
      if (isNodeBuiltin(spec) && !fromZone.node) return `${fromZone.name} runs without Node; builtins such as '${spec}' are not there`;
      return null;
    }

    return checker(verdict);

    function checker(check) {
      const report = (node, source) => {
        if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
        const why = check(node, source.value);
        if (why) context.report({ node: source, messageId: 'forbidden', data: { zone: fromZone?.name ?? 'this file', spec: source.value, why } });
      };
      return {
        ImportDeclaration: (node) => report(node, node.source),
        ExportNamedDeclaration: (node) => report(node, node.source),
        ExportAllDeclaration: (node) => report(node, node.source),
        ImportExpression: (node) => report(node, node.source),
        CallExpression: (node) => {
          if (node.callee.type === 'Identifier' && node.callee.name === 'require') report(node, node.arguments[0]);
        },
      };
    }
  },
};

export default { rules: { 'import-boundaries': importBoundaries } };
