import { describe, expect, it } from 'vitest';
import { AdbShellPacketReader, AdbShellProtocolId, encodeShellPacket, parseShellService } from './shell-protocol.js';

describe('shell protocol v2', () => {
  it('parses frames that span writes', () => {
    const wire = Buffer.concat([encodeShellPacket(AdbShellProtocolId.Stdin, Buffer.from('abc')), encodeShellPacket(AdbShellProtocolId.CloseStdin, Buffer.alloc(0))]);
    const reader = new AdbShellPacketReader();
    const packets = [...wire].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(packets.map((p) => [p.id, p.data.toString()])).toEqual([
      [0, 'abc'],
      [4, ''],
    ]);
  });

  it('parses service strings as adbd does', () => {
    expect(parseShellService('shell,v2,TERM=xterm,raw:getprop ro.product.model')).toEqual({
      protocol: 'v2',
      pty: false,
      term: 'xterm',
      command: 'getprop ro.product.model',
    });
    expect(parseShellService('shell:')).toEqual({ protocol: 'none', pty: true, term: undefined, command: '' });
    expect(parseShellService('shell:ls -l')).toMatchObject({ protocol: 'none', pty: false, command: 'ls -l' });
    expect(parseShellService('shellx:ls')).toBeUndefined();
  });
});
