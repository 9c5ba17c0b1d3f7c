import { Menu, dialog, app } from 'electron';
import type { BrowserWindow, MenuItemConstructorOptions, MessageBoxOptions } from 'electron';
import type { RecentCase } from '../../shared/domain/profile.ts';
import type { MenuCommand } from '../../shared/ipc/channels.ts';

/**
 * Native menus send commands to the renderer, which runs them through the same screens as a click.
 * The menu outlives windows (on macOS the app stays up with none open), so it never holds one: `send`
 * finds or opens the window when the item is clicked.
 */
export function buildMenu(
  shell: { send: (command: MenuCommand) => void; window: () => BrowserWindow | null },
  recent: RecentCase[],
  hasCase: boolean,
): void {
  const { send } = shell;
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No recent cases', enabled: false }]
      : recent.map((r) => ({
          label: `${r.title}${r.exists ? '' : ' (missing)'}`,
          sublabel: r.path,
          enabled: r.exists,
          click: () => send({ command: 'openRecent', path: r.path }),
        }));
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'New Case…', accelerator: 'CmdOrCtrl+N', click: () => send({ command: 'newCase' }) },
        { label: 'Open Case…', accelerator: 'CmdOrCtrl+O', click: () => send({ command: 'openCase' }) },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        {
          label: 'Verify Case',
          accelerator: 'CmdOrCtrl+Shift+V',
          enabled: hasCase,
          click: () => send({ command: 'verify' }),
        },
        {
          label: 'Close Case',
          accelerator: 'CmdOrCtrl+W',
          enabled: hasCase,
          click: () => send({ command: 'closeCase' }),
        },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'Help',
      submenu: [
        {
          label: 'About Custos',
          click: () => {
            const about: MessageBoxOptions = {
              type: 'info',
              title: 'About Custos',
              message: `Custos ${app.getVersion()}`,
              detail:
                'Offline incident-response case manager. Case files are tamper-evident; see docs/case-file-format.md.',
            };
            const parent = shell.window();
            void (parent ? dialog.showMessageBox(parent, about) : dialog.showMessageBox(about));
          },
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
