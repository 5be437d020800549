import type { SessionConditions } from '../../../../shared/session/records.js';
import { PATH_LABEL, type PathLabels } from '../../paths.js';

const yesNo = (v: boolean | null, yes: string, no: string): string | null => (v === null ? null : v ? yes : no);

export function ConditionsNote({ conditions, labels = PATH_LABEL }: { conditions: SessionConditions | null; labels?: PathLabels }) {
  if (!conditions) return <p className="muted conditions">The conditions of this run were not recorded.</p>;
  const parts = [
    yesNo(conditions.screenKeptOn, 'screen kept on', 'screen allowed to sleep'),
    yesNo(conditions.batterySaverOff, 'battery saver off', 'battery saver on'),
    yesNo(conditions.charging, 'charging over USB', 'not charging'),
    conditions.baselineTemperatureC !== null ? `each path started at ${conditions.baselineTemperatureC.toFixed(1)} °C` : null,
    conditions.pathOrder.length ? `order ${conditions.pathOrder.map((round) => round.map((p) => labels[p]).join(' → ')).join(', then ')}` : null,
  ].filter((x): x is string => x !== null);
  return (
    <div className="conditions">
      <p>
        <strong>Conditions:</strong> {parts.join(' · ') || 'not recorded'}
      </p>
      {conditions.notes.length > 0 && (
        <ul>
          {conditions.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
