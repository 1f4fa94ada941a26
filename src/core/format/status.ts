import type { Status } from '../results';

export const STATUS_LABEL: Record<Status, string> = {
  met: 'met',
  at_risk: 'at risk',
  off_track: 'off track',
  no_data: 'no data',
};
