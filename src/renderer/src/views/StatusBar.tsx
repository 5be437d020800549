import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store.js';

export function StatusBar() {
  const { connection, connectionError, appInfo, deviceCount } = useAppStore(
    useShallow((s) => ({
      connection: s.connection,
      connectionError: s.connectionError,
      appInfo: s.appInfo,
      deviceCount: s.devices.length,
    })),
  );
  return (
    <footer className="status-bar" role="status">
      <span className={`connection connection-${connection}`}>
        {connection === 'connected' ? 'Connected' : connection === 'connecting' ? 'Connecting…' : `Not connected: ${connectionError ?? ''}`}
      </span>
      <span>
        {deviceCount} {deviceCount === 1 ? 'phone' : 'phones'}
      </span>
      {appInfo && (
        <span className="muted" title={appInfo.sessionsDir}>
          Tetherscope {appInfo.version}
        </span>
      )}
    </footer>
  );
}
