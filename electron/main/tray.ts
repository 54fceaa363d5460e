// Runs in Electron's main process; the electron API is a parameter. While this desk hosts the room,
// closing its window must not stop the room: the window hides and a tray icon stays, with the
// room's state in its tooltip, to bring the window back or to stop the host and quit (the one way
// out, said plainly, since the seats lose the room with it).
import type { Tray } from 'electron';
import type { ElectronApi } from './electron-api.js';

export interface HostTrayOptions {
  iconPath: string;
  tooltip: string;
  labels: { show: string; quit: string };
  onShow(): void;
  onQuit(): void;
}

export function createHostTray(electron: Pick<ElectronApi, 'Tray' | 'Menu' | 'nativeImage'>, options: HostTrayOptions): Tray {
  const icon = electron.nativeImage.createFromPath(options.iconPath).resize({ width: 16, height: 16 });
  const tray = new electron.Tray(icon);
  tray.setToolTip(options.tooltip);
  tray.setContextMenu(
    electron.Menu.buildFromTemplate([
      { label: options.labels.show, click: options.onShow },
      { type: 'separator' },
      { label: options.labels.quit, click: options.onQuit },
    ]),
  );
  tray.on('click', options.onShow);
  return tray;
}
