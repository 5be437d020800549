import type { AdbServiceResolver } from '../adb/device-connection.js';
import type { VirtualPhone } from '../phone/phone.js';
import { SHELL_CREDENTIALS } from '../phone/phone.js';
import { parseShellService } from './shell-protocol.js';
import { startShellService } from './shell-service.js';
import { AdbSyncService } from './sync-service.js';

/** Routes OPEN service strings as adbd's `daemon_service_to_fd`; anything else is refused. */
export function createServiceResolver(phone: VirtualPhone): AdbServiceResolver {
  return (service) => {
    if (service === 'sync:') {
      return (socket) => void new AdbSyncService(socket, phone.vfs, SHELL_CREDENTIALS);
    }
    if (service.startsWith('exec:')) {
      const command = service.slice('exec:'.length);
      return (socket) => startShellService(socket, phone, { protocol: 'none', pty: false, term: undefined, command });
    }
    if (service.startsWith('shell')) {
      const options = parseShellService(service);
      if (options === undefined) return undefined;
      return (socket) => startShellService(socket, phone, options);
    }
    return undefined;
  };
}
