// Runs in the renderer. The one way the UI raises an alarm (deadlines, missed check-ins): a desktop notification (the web Notification API,
// which Electron supports too) and a short WebAudio beep, once per deadline and stage in this
// window. Where notifications are not permitted (headless Chromium) only the sound and the in-page
// alarm remain; nothing here may throw.
let audio: AudioContext | null = null;

export function beep(times = 2): void {
  try {
    audio ??= new AudioContext();
    const ctx = audio;
    for (let k = 0; k < times; k++) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = 880;
      gain.gain.value = 0.08;
      osc.connect(gain).connect(ctx.destination);
      const at = ctx.currentTime + k * 0.35;
      osc.start(at);
      osc.stop(at + 0.2);
    }
  } catch {
    // No audio device (a server, a locked-down desktop): the in-page alarm still shows.
  }
}

export function notificationsAllowed(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

export async function askNotificationPermission(): Promise<boolean> {
  try {
    if (typeof Notification === 'undefined') return false;
    if (Notification.permission === 'default') await Notification.requestPermission();
    return Notification.permission === 'granted';
  } catch {
    return false;
  }
}

export function notify(title: string, body: string, tag: string): void {
  try {
    if (notificationsAllowed()) new Notification(title, { body, tag, requireInteraction: true });
  } catch {
    // Permission revoked between the check and the call.
  }
}

/** Alarms raised in this window, by deadline and stage: each is raised once. */
const raised = new Set<string>();
/** A burst of new alarms (a log opened after a quiet spell) notifies this many and beeps once. */
const MAX_NOTIFY = 3;

/** Raises the alarms not raised before in this window: a notification each (the first few), one beep. */
export function raiseNew(alarms: readonly { key: string; title: string; body: string; beeps: number }[]): void {
  const fresh = alarms.filter((a) => !raised.has(a.key));
  if (fresh.length === 0) return;
  for (const a of fresh) raised.add(a.key);
  fresh.slice(0, MAX_NOTIFY).forEach((a) => notify(a.title, a.body, a.key));
  beep(Math.max(...fresh.map((a) => a.beeps)));
}
