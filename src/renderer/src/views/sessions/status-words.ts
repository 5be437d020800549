import type { SessionSummary } from '../../../../shared/api.js';

export const STATUS_WORDS: Readonly<Record<SessionSummary['status'], string>> = {
  running: 'Recording',
  complete: 'Complete',
  cancelled: 'Cancelled',
  failed: 'Failed',
  interrupted: 'Cut short',
};
