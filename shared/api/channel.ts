// Pure code: runs anywhere (the main process's IPC handler and the preload, which bundles it). The
// single IPC channel every contract method travels on: the method name is an argument, checked by
// the dispatcher, so adding a method never adds a channel.
export const DUTY_CHANNEL = 'duty:call';
