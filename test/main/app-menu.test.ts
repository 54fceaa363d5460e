// Runs in plain Node (tests). The application menu: localized, standard roles, developer tools
// only when not packaged, About with version and database path.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuOptions } from '../../electron/main/app-menu.js';

function template(o: Partial<MenuOptions> = {}) {
  const clicks: string[] = [];
  const t = buildMenuTemplate({
    locale: 'zh-CN',
    platform: 'win32',
    isPackaged: true,
    onAbout: () => clicks.push('about'),
    onOpenDataFolder: () => clicks.push('folder'),
    ...o,
  });
  return { t, clicks };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('application menu', () => {
  it('has File, Edit, View, Window, Help in Chinese by default', () => {
    assert.deepEqual(template().t.map((m) => m.label), ['文件', '编辑', '视图', '窗口', '帮助']);
  });

  it('follows the English locale', () => {
    assert.deepEqual(template({ locale: 'en' }).t.map((m) => m.label), ['File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('uses roles for the standard edit and view commands', () => {
    const roles = flatten(template().t).map((i) => i.role).filter(Boolean);
    for (const r of ['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'minimize', 'close']) {
      assert.ok(roles.includes(r as never), r);
    }
  });

  it('offers the developer tools only when not packaged', () => {
    assert.equal(flatten(template({ isPackaged: true }).t).some((i) => i.role === 'toggleDevTools'), false);
    const dev = flatten(template({ isPackaged: false }).t).find((i) => i.role === 'toggleDevTools');
    assert.equal(dev?.label, '开发者工具');
  });

  it('About and Open data folder call back', () => {
    const { t, clicks } = template();
    const items = flatten(t);
    const click = (label: string) => (items.find((i) => i.label === label)?.click as (() => void) | undefined)?.();
    click('关于应急值班台');
    click('打开数据文件夹');
    assert.deepEqual(clicks, ['about', 'folder']);
  });

  it('on macOS puts About and Quit in the app menu', () => {
    const { t } = template({ platform: 'darwin' });
    assert.equal(t[0]?.label, '值班台');
    const appItems = flatten([t[0]!]);
    assert.ok(appItems.some((i) => i.label === '关于应急值班台'));
    assert.ok(appItems.some((i) => i.role === 'quit'));
  });
});
