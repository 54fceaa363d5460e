// Runs in Electron's main process and is bundled into the preload; imports nothing. The single IPC
// channel every contract method travels on: the method name is an argument, checked by the
// dispatcher, so adding a method never adds a channel.
export const DUTY_CHANNEL = 'duty:call';
