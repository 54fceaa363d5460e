// Pure code: runs anywhere (the main process's IPC handler and the preload, which bundles it). The
// single IPC channel every contract method travels on: the method name is an argument, checked by
// the dispatcher, so adding a method never adds a channel.
export const DUTY_CHANNEL = 'duty:call';

/**
 * The one channel the main process pushes on: the live channel's batches of committed writes
 * (electron/main/live-ipc.ts), which the preload hands to `window.duty.onChange` listeners.
 */
export const LIVE_CHANNEL = 'duty:change';
