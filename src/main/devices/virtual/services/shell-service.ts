import type { AdbDeviceSocket } from '../adb/device-socket.js';
import { FdTable } from '../fs/fd-table.js';
import type { OpenFile } from '../fs/open-file.js';
import { Pipe } from '../fs/pipe.js';
import type { PhoneProcess } from '../process/process-table.js';
import type { VirtualPhone } from '../phone/phone.js';
import { AdbShellPacketReader, AdbShellProtocolId, encodeShellPacket } from './shell-protocol.js';
import type { AdbShellServiceOptions } from './shell-protocol.js';

const NEVER = new AbortController().signal;

/** Releases an OpenFile at most once. */
function once(file: OpenFile): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    file.release();
  };
}

/** Copies a pipe to the stream until EOF or until the host goes away. */
async function pump(reader: OpenFile, write: (chunk: Buffer) => Promise<void>, signal: AbortSignal): Promise<void> {
  for (;;) {
    const chunk = await reader.read(64 * 1024, signal);
    if (chunk === null) return;
    await write(chunk);
  }
}

/**
 * `shell:`, `shell,v2,…:` and `exec:`. adbd starts `sh -c CMD` (uid shell, cwd
 * /); the stream ends when the output pipes reach EOF, i.e. when every process
 * holding them (background jobs included) has closed them. If the host closes
 * first, the pipes lose their reader and the next write raises SIGPIPE.
 */
export function startShellService(socket: AdbDeviceSocket, phone: VirtualPhone, options: AdbShellServiceOptions): void {
  const stdin = new Pipe('adb stdin');
  const stdout = new Pipe('adb stdout');
  const stderr = options.protocol === 'v2' ? new Pipe('adb stderr') : undefined;
  const fds = new FdTable();
  fds.set(0, stdin.openRead());
  fds.set(1, stdout.openWrite());
  if (stderr === undefined) fds.dup(1, 2);
  else fds.set(2, stderr.openWrite());

  const stdinWriter = stdin.openWrite();
  const closeStdin = once(stdinWriter);
  const stdoutReader = stdout.openRead();
  const closeStdout = once(stdoutReader);
  const stderrReader = stderr?.openRead();
  const closeStderr = stderrReader === undefined ? () => undefined : once(stderrReader);

  const process: PhoneProcess = phone.startShell(options.command === '' ? undefined : options.command, fds, options.term);

  const writeStdin = async (data: Buffer): Promise<void> => {
    try {
      await stdinWriter.write(data, NEVER);
    } catch {
      // Nobody reads stdin any more: drop, as a closed pipe would.
    }
  };
  if (options.protocol === 'v2') {
    const reader = new AdbShellPacketReader();
    socket.setDataHandler(async (data) => {
      for (const packet of reader.push(data)) {
        if (packet.id === AdbShellProtocolId.Stdin) await writeStdin(packet.data);
        else if (packet.id === AdbShellProtocolId.CloseStdin) closeStdin();
      }
    });
  } else {
    socket.setDataHandler(writeStdin);
  }
  const hostGone = new AbortController();
  socket.onClose(() => {
    hostGone.abort(new Error('host closed the stream'));
    closeStdin();
    closeStdout();
    closeStderr();
  });

  const frame = (id: AdbShellProtocolId) => (chunk: Buffer) =>
    socket.write(options.protocol === 'v2' ? encodeShellPacket(id, chunk) : chunk);
  const pumps = [pump(stdoutReader, frame(AdbShellProtocolId.Stdout), hostGone.signal)];
  if (stderrReader !== undefined) pumps.push(pump(stderrReader, frame(AdbShellProtocolId.Stderr), hostGone.signal));

  void (async () => {
    try {
      await Promise.all(pumps);
      const status = await process.exited;
      if (options.protocol === 'v2') await socket.write(encodeShellPacket(AdbShellProtocolId.Exit, Buffer.from([status & 0xff])));
      await socket.close();
    } catch {
      // The host closed the stream; the processes live on until they write.
    } finally {
      closeStdin();
      closeStdout();
      closeStderr();
    }
  })();
}
