// The one list of feature flags. An "operation" flag can be switched off and has a mode (sync runs
// the work in the web process, async sends it to the queue, with a percentage rollout by user); a
// "switch" can only be switched off (work that is in-process anyway, and background tasks).

export type FlagKind = 'operation' | 'switch';

type FlagDefinition = {
  kind: FlagKind;
  label: string;
  /** Shown (with a 503) when the flag is off. */
  disabledMessage: string;
  description: string;
};

export const FLAGS = {
  'single-analysis': {
    kind: 'switch',
    label: 'Single analysis',
    disabledMessage: 'Single-page analysis is switched off by an administrator.',
    description: 'Instant analysis of one URL (always in the web process).',
  },
  'keyword-analysis': {
    kind: 'switch',
    label: 'Keyword analysis',
    disabledMessage: 'Keyword analysis is switched off by an administrator.',
    description: 'Instant analysis of one URL for a target keyword.',
  },
  'professional-audit': {
    kind: 'operation',
    label: 'Professional audit',
    disabledMessage: 'Professional audits are switched off by an administrator.',
    description: 'Full-site crawl and checks.',
  },
  'bulk-analysis': {
    kind: 'operation',
    label: 'Bulk analysis',
    disabledMessage: 'Bulk analysis is switched off by an administrator.',
    description: 'One quick analysis per URL of a list.',
  },
  comparison: {
    kind: 'switch',
    label: 'Comparison',
    disabledMessage: 'Comparisons are switched off by an administrator.',
    description: 'Side-by-side comparison with competitors.',
  },
  'report-generation': {
    kind: 'operation',
    label: 'Report generation',
    disabledMessage: 'Report generation is switched off by an administrator.',
    description: 'Excel/CSV report files.',
  },
  'task.cleanup': {
    kind: 'switch',
    label: 'Background: cleanup',
    disabledMessage: 'The cleanup task is switched off by an administrator.',
    description: 'Daily deletion of old instant analyses.',
  },
  'task.sweep-dead-letters': {
    kind: 'switch',
    label: 'Background: dead-letter sweep',
    disabledMessage: 'The dead-letter sweep is switched off by an administrator.',
    description: 'Copies failed jobs to the dead-letter table every minute.',
  },
  'task.sweep-stuck-work': {
    kind: 'switch',
    label: 'Background: stuck-work sweep',
    disabledMessage: 'The stuck-work sweep is switched off by an administrator.',
    description: 'Re-queues or fails audits and reports with no progress for a while.',
  },
  'task.daily-aggregates': {
    kind: 'switch',
    label: 'Background: daily aggregates',
    disabledMessage: 'The daily aggregates task is switched off by an administrator.',
    description: 'Audits per day, average scores, pages crawled and job durations for the admin charts (hourly).',
  },
  'task.queue-health': {
    kind: 'switch',
    label: 'Background: queue health alerts',
    disabledMessage: 'The queue health alerts are switched off by an administrator.',
    description: 'Every minute: raises an alert when a backlog grows while nothing completes or a job waits too long.',
  },
} as const satisfies Record<string, FlagDefinition>;

export type FlagKey = keyof typeof FLAGS;
export const FLAG_KEYS = Object.keys(FLAGS) as FlagKey[];
export type OperationFlag = { [K in FlagKey]: (typeof FLAGS)[K]['kind'] extends 'operation' ? K : never }[FlagKey];

export function isFlagKey(key: string): key is FlagKey {
  return Object.hasOwn(FLAGS, key);
}

export function isOperationFlag(key: FlagKey): key is OperationFlag {
  return FLAGS[key].kind === 'operation';
}

export type FlagMode = 'sync' | 'async';

/** A flag's value as the app uses it (the row without its bookkeeping). */
export type FlagValue = { enabled: boolean; mode: FlagMode; rolloutPercent: number };

/** A fresh database gets these: everything on, queued, for everyone. */
export const DEFAULT_FLAG_VALUE: FlagValue = { enabled: true, mode: 'async', rolloutPercent: 100 };
