import { formatAgo, formatUtc } from '@/components/format-time';

export function TimeAgo({ date }: { date: Date }) {
  return (
    <time dateTime={date.toISOString()} title={formatUtc(date)} className="whitespace-nowrap">
      {formatAgo(date)}
    </time>
  );
}
