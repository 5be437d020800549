import type { SessionDetail } from '../../../../shared/api.js';
import { VirtualBadge } from '../../components/VirtualBadge.js';
import { formatBytes, formatDateTime } from '../../format/units.js';
import { CORE_ML_UNVERIFIED_WORDS } from '../../paths.js';
import { STATUS_WORDS } from '../sessions/status-words.js';
import { ExportButtons } from './ExportButtons.js';

export function SessionHeader({ detail, onBack }: { detail: SessionDetail; onBack(): void }) {
  const { summary, session } = detail;
  const facts = session.header.device.facts;
  return (
    <header className="session-header">
      <button type="button" className="back" onClick={onBack}>
        ← Sessions
      </button>
      <h2>
        {summary.modelName} <span className="muted">on</span> {summary.deviceLabel} {summary.virtual && <VirtualBadge />}
      </h2>
      <p className="session-meta-line muted">
        {[
          formatDateTime(summary.createdAt),
          STATUS_WORDS[summary.status],
          facts?.soc,
          facts?.os,
          facts?.refreshRateHz ? `${facts.refreshRateHz} Hz display` : null,
          `model ${formatBytes(session.header.model.bytes)}, sha256 ${session.header.model.sha256.slice(0, 12)}…`,
        ]
          .filter((x): x is string => typeof x === 'string' && x !== '')
          .join(' · ')}
      </p>
      {session.header.device.platform === 'ios' && (
        <p className="notice" data-testid="ios-unverified">
          iPhone session: the Neural Engine path is Tetherscope’s NPU path (Core ML’s cpuAndNeuralEngine). {CORE_ML_UNVERIFIED_WORDS}
        </p>
      )}
      <p className="session-file muted">
        File: <code>{detail.path}</code>
      </p>
      <ExportButtons sessionId={summary.sessionId} />
    </header>
  );
}
