// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// How a report reaches the duty room. Official channels carry the responsible unit's own quick
// (phone, sms) or written (fax, document, system) reports; the others are how the duty room hears
// of an incident from someone else.

export const CHANNELS = [
  'phone',
  'sms',
  'fax',
  'document',
  'system',
  'media',
  'public',
  'superior',
  'other_department',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const QUICK_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['phone', 'sms']);
export const WRITTEN_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['fax', 'document', 'system']);
export const OFFICIAL_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([...QUICK_CHANNELS, ...WRITTEN_CHANNELS]);

export type ChannelKind = 'quick' | 'written' | 'other';

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export function channelKind(channel: Channel): ChannelKind {
  return QUICK_CHANNELS.has(channel) ? 'quick' : WRITTEN_CHANNELS.has(channel) ? 'written' : 'other';
}

export function isOfficialChannel(channel: Channel): boolean {
  return OFFICIAL_CHANNELS.has(channel);
}

export function isWrittenChannel(channel: Channel): boolean {
  return WRITTEN_CHANNELS.has(channel);
}
