// Runs in Electron's main process; imports no electron at run time. The application menu in the
// UI's language (zh-CN by default): standard roles so the OS handles copy/paste/zoom, the
// developer tools only in an unpackaged build, and About showing the version and which database
// file is open (the first question when a duty room reports a problem).
import type { MenuItemConstructorOptions } from 'electron';
import { translate, type Locale, type MessageKey } from '../../shared/i18n/index.js';

export interface MenuOptions {
  locale: Locale;
  platform: NodeJS.Platform;
  isPackaged: boolean;
  onAbout: () => void;
  onOpenDataFolder: () => void;
  /** The duty room: this desk as a seat (leave it) or on its own (join one). */
  room?: { seat: { name: string; url: string }; onLeave: () => void } | { seat: null; onJoin: () => void };
}

export function buildMenuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const t = (key: MessageKey) => translate(o.locale, key);
  const isMac = o.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: t('menu.about'), click: () => o.onAbout() };
  const openDataFolder: MenuItemConstructorOptions = { label: t('menu.openDataFolder'), click: () => o.onOpenDataFolder() };

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: t('menu.app'),
      submenu: [about, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit', label: t('menu.quit') }],
    });
  }
  template.push({
    id: 'file',
    label: t('menu.file'),
    submenu: [openDataFolder, { type: 'separator' }, isMac ? { role: 'close', label: t('menu.close') } : { role: 'quit', label: t('menu.quit') }],
  });
  if (o.room) {
    const r = o.room;
    template.push({
      id: 'room',
      label: t('menu.room'),
      submenu: r.seat
        ? [{ label: translate(o.locale, 'menu.roomSeatOf', { name: r.seat.name, url: r.seat.url }), enabled: false }, { type: 'separator' }, { id: 'room-leave', label: t('menu.roomLeave'), click: () => r.onLeave() }]
        : [{ id: 'room-join', label: t('menu.roomJoin'), click: () => r.onJoin() }],
    });
  }
  template.push({
    id: 'edit',
    label: t('menu.edit'),
    submenu: [
      { role: 'undo', label: t('menu.undo') },
      { role: 'redo', label: t('menu.redo') },
      { type: 'separator' },
      { role: 'cut', label: t('menu.cut') },
      { role: 'copy', label: t('menu.copy') },
      { role: 'paste', label: t('menu.paste') },
      { role: 'selectAll', label: t('menu.selectAll') },
    ],
  });
  template.push({
    id: 'view',
    label: t('menu.view'),
    submenu: [
      { role: 'reload', label: t('menu.reload') },
      ...(o.isPackaged ? [] : [{ id: 'devtools', role: 'toggleDevTools', label: t('menu.toggleDevTools') } satisfies MenuItemConstructorOptions]),
      { type: 'separator' },
      { role: 'resetZoom', label: t('menu.resetZoom') },
      { role: 'zoomIn', label: t('menu.zoomIn') },
      { role: 'zoomOut', label: t('menu.zoomOut') },
      { type: 'separator' },
      { role: 'togglefullscreen', label: t('menu.fullscreen') },
    ],
  });
  template.push({
    id: 'window',
    label: t('menu.window'),
    submenu: [{ role: 'minimize', label: t('menu.minimize') }, { role: 'close', label: t('menu.close') }, ...(isMac ? [{ type: 'separator' as const }, { role: 'front' as const }] : [])],
  });
  template.push({ id: 'help', role: 'help', label: t('menu.help'), submenu: [about] });
  return template;
}
