import { UpdateNotice } from '../components/UpdateNotice.tsx';
import { formatDate } from '../format.ts';
import { useAppInfo } from '../query.ts';

const SHORTCUTS: [string, string][] = [
  ['Ctrl+N (⌘N on a Mac)', 'New client'],
  ['Ctrl+K (⌘K)', 'Search notes, techniques and clients'],
  ['Ctrl+L (⌘L)', 'Lock the vault'],
  ['Ctrl+P (⌘P)', 'Print the session note or course on screen'],
  ['Ctrl+E (⌘E)', 'Export everything'],
  ['Ctrl+B (⌘B)', 'Back up now'],
  ['Ctrl+, (⌘,)', 'Settings'],
  ['F1', 'This list of shortcuts'],
  ['Tab and Shift+Tab', 'Move between controls'],
  ['Arrow keys in a list', 'Move between clients or search results'],
  ['Left and Right arrows on tabs', 'Move between a client’s tabs'],
  ['Up and Down on a person in the circle', 'Move them to a closer or further ring'],
  ['Left and Right on a person in the circle', 'Move them round the ring'],
];

/** Keyboard shortcuts, as shown in the menus. */
export function ShortcutsScreen({ onAbout }: { onAbout: () => void }) {
  return (
    <section aria-labelledby="shortcuts-heading">
      <h1 id="shortcuts-heading">Keyboard shortcuts</h1>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What they do</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onAbout}>
        About IPT Workstation
      </button>
    </section>
  );
}

/** Version, where the data lives, and the licences of the libraries the app ships. */
export function AboutScreen() {
  const info = useAppInfo();
  if (!info.data) return <p aria-busy="true">Loading…</p>;
  const i = info.data;
  return (
    <section aria-labelledby="about-heading">
      <h1 id="about-heading">About IPT Workstation</h1>
      <UpdateNotice />
      <dl>
        <dt>Version</dt>
        <dd>
          {i.version}, made on {formatDate(i.buildDate)}
        </dd>
        <dt>Your data</dt>
        <dd>
          <code>{i.dataDir}</code>: an encrypted vault that only your passphrase (or recovery key) opens.
        </dd>
        <dt>Spell-checking</dt>
        <dd>Off. It would need dictionaries from the internet, and a personal dictionary would store words such as client names unencrypted.</dd>
        <dt>Network</dt>
        <dd>The app makes no network requests.</dd>
      </dl>
      <h2>Libraries and their licences</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Library</th>
            <th scope="col">Version</th>
            <th scope="col">Licence</th>
          </tr>
        </thead>
        <tbody>
          {i.licences.map((l) => (
            <tr key={l.name}>
              <td>{l.name}</td>
              <td>{l.version}</td>
              <td>{l.licence}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
