import { describe, expect, it } from 'vitest';
import { AfcStatus } from './afc-protocol.js';
import { AfcStore } from './afc-store.js';

describe('AFC store', () => {
  it('normalizes spellings and refuses `..`', () => {
    expect(AfcStore.normalize('a//b/./c/')).toBe('/a/b/c');
    expect(AfcStore.normalize('/')).toBe('/');
    expect(AfcStore.normalize('/Documents/../../etc')).toBeNull();
    expect(AfcStore.normalize('a\0b')).toBeNull();
  });

  it('makes parents like mkdir -p and lists entries with . and ..', () => {
    const store = new AfcStore('x');
    expect(store.makeDir('/Documents/models/a')).toBe(AfcStatus.Success);
    expect(store.list('/Documents')).toEqual(['.', '..', 'models']);
    expect(store.list('/nope')).toBe(AfcStatus.ObjectNotFound);
  });

  it('keeps bytes written at offsets and reports them through readFile', () => {
    const store = new AfcStore('x');
    store.makeDir('/d');
    const file = store.openFile('/d/f', { create: true, truncate: true });
    if (typeof file === 'number') throw new Error(`open failed ${file}`);
    expect(store.writeAt(file, 4, Buffer.from('tail'))).toBe(AfcStatus.Success);
    expect(store.writeAt(file, 0, Buffer.from('head'))).toBe(AfcStatus.Success);
    expect(Buffer.from(store.readFile('/d/f') ?? []).toString()).toBe('headtail');
    expect(store.usedBytes).toBe(8);
    expect(store.readFile('/d')).toBeNull();
  });

  it('refuses to remove a non-empty directory unless asked to recurse', () => {
    const store = new AfcStore('x');
    store.writeFile('/a/b/c.txt', Buffer.from('c'));
    expect(store.remove('/a', false)).toBe(AfcStatus.DirNotEmpty);
    expect(store.remove('/a', true)).toBe(AfcStatus.Success);
    expect(store.lookup('/a/b/c.txt')).toBeUndefined();
    expect(store.usedBytes).toBe(0);
    expect(store.remove('/a', false)).toBe(AfcStatus.ObjectNotFound);
  });

  it('renames whole subtrees', () => {
    const store = new AfcStore('x');
    store.writeFile('/a/b/c.txt', Buffer.from('c'));
    expect(store.rename('/a', '/z')).toBe(AfcStatus.Success);
    expect(Buffer.from(store.readFile('/z/b/c.txt') ?? []).toString()).toBe('c');
    expect(store.rename('/z', '/z/inside')).toBe(AfcStatus.InvalidArg);
    expect(store.rename('/missing', '/q')).toBe(AfcStatus.ObjectNotFound);
  });

  it('refuses writes past its byte budget', () => {
    const store = new AfcStore('x', 10);
    expect(store.writeFile('/f', Buffer.alloc(10))).toBe(AfcStatus.Success);
    expect(store.writeFile('/g', Buffer.alloc(1))).toBe(AfcStatus.NoSpaceLeft);
  });
});
