import { useState, type FormEvent } from 'react';
import { NOTE_LAYOUT_LABELS } from '../../../shared/ipt/note-layouts.ts';
import type { MeasureSettings } from '../../../shared/schemas/measures.ts';
import type { PracticeProfile } from '../../../shared/schemas/note.ts';
import type { Settings } from '../../../shared/schemas/settings.ts';
import { Alert } from '../components/Alert.tsx';
import { CheckboxField, SelectField } from '../components/Controls.tsx';
import { FieldShell, TextAreaField, TextField } from '../components/Field.tsx';
import { useFieldErrors, useResource } from '../hooks.ts';
import { errorText, ipt } from '../ipt.ts';
import { useChannelMutation, useSettings } from '../query.ts';
import { TemplatesScreen } from './TemplatesScreen.tsx';
import { BackupsPanel } from './BackupsPanel.tsx';
import { AuditPanel, ExportAllPanel, RetentionPanel } from './RecordsPanel.tsx';
import type { VaultStatus } from '../../../shared/schemas/vault.ts';

/** Preferences of this device, and the practice profile kept in the vault. */
export function SettingsScreen({
  onStatus,
  onClientsChanged,
}: {
  onStatus?: ((status: VaultStatus) => void) | undefined;
  onClientsChanged?: (() => void) | undefined;
}) {
  const settings = useSettings();
  const profile = useResource(() => ipt.profile.get({}), 'profile');
  const measures = useResource(() => ipt.measures.settings({}), 'measure-settings');
  return (
    <section aria-labelledby="settings-heading">
      <h1 id="settings-heading">Settings</h1>
      {settings.data && <PreferencesForm initial={settings.data} />}
      <BackupsPanel onStatus={onStatus} />
      {profile.data && <ProfileForm initial={profile.data} />}
      {measures.data && <MeasureSettingsForm initial={measures.data} />}
      <TemplatesScreen />
      <WorksheetsPanel />
      {settings.data && <RetentionPanel initial={settings.data} onDeleted={onClientsChanged} />}
      <ExportAllPanel />
      <AuditPanel />
    </section>
  );
}

/** Saves each choice as it is made (autosave kind: one choice at a time is always valid). */
function PreferencesForm({ initial }: { initial: Settings }) {
  const [value, setValue] = useState(initial);
  const [saved, setSaved] = useState<string | null>(null);
  // Every screen reading settings (theme, labels, auto-lock) follows through the shared query.
  const update = useChannelMutation('settings.update', { onSuccess: () => setSaved('Preferences saved.'), onError: (error) => setSaved(errorText(error)) });
  function save(patch: Partial<Settings>) {
    const next = { ...value, ...patch };
    setValue(next);
    update.mutate({ theme: next.theme, autoLockMinutes: next.autoLockMinutes, noteLayout: next.noteLayout, deficitsLabel: next.deficitsLabel, contentProtection: next.contentProtection });
  }
  return (
    <form aria-labelledby="prefs-heading" className="panel" onSubmit={(e) => e.preventDefault()}>
      <h2 id="prefs-heading">This computer</h2>
      <div className="grid">
        <SelectField label="Theme" value={value.theme} options={{ system: 'Follow the system', light: 'Light', dark: 'Dark' }} onChange={(v) => save({ theme: v })} />
        <SelectField label="Default note layout" value={value.noteLayout} options={NOTE_LAYOUT_LABELS} onChange={(v) => save({ noteLayout: v })} />
        <SelectField
          label="Name of the fourth problem area"
          value={value.deficitsLabel}
          options={{ deficits: 'Interpersonal deficits', sensitivity: 'Interpersonal sensitivity' }}
          onChange={(v) => save({ deficitsLabel: v })}
        />
        <SelectField
          label="Lock after inactivity"
          value={String(value.autoLockMinutes)}
          options={{ '0': 'Never', '5': '5 minutes', '10': '10 minutes', '15': '15 minutes', '30': '30 minutes', '60': '1 hour', '120': '2 hours' }}
          onChange={(v) => save({ autoLockMinutes: Number(v) })}
        />
      </div>
      <CheckboxField
        label="Hide the window from screen sharing and screenshots while unlocked (turn off to share a worksheet in a video session)"
        checked={value.contentProtection}
        onChange={(v) => save({ contentProtection: v })}
      />
      {saved && (
        <p role="status" className="saved-note">
          {saved}
        </p>
      )}
    </form>
  );
}

function ProfileForm({ initial }: { initial: PracticeProfile }) {
  const [p, setP] = useState(initial);
  const [status, setStatus] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [, setErrors, errorAt] = useFieldErrors();
  const set = (patch: Partial<PracticeProfile>) => setP({ ...p, ...patch });
  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await ipt.profile.save(p);
    if (!result.ok) {
      setErrors(result.error.fields);
      return setStatus({ kind: 'error', text: result.error.message });
    }
    setErrors({});
    setStatus({ kind: 'success', text: 'Practice profile saved.' });
  }
  return (
    <form onSubmit={save} noValidate aria-labelledby="profile-heading" className="panel">
      <h2 id="profile-heading">Practice profile</h2>
      <p className="hint">Kept in the encrypted vault. Your name and credentials are copied into each note when you sign it.</p>
      {status?.kind === 'error' && <Alert>{status.text}</Alert>}
      <div className="grid">
        <TextField label="Clinician name" value={p.clinicianName} onChange={(e) => set({ clinicianName: e.target.value })} error={errorAt('clinicianName')} />
        <TextField label="Credentials" value={p.credentials} onChange={(e) => set({ credentials: e.target.value })} error={errorAt('credentials')} />
        <TextField label="Registration number" value={p.registrationNumber} onChange={(e) => set({ registrationNumber: e.target.value })} />
        <TextField label="Practice name" value={p.practiceName} onChange={(e) => set({ practiceName: e.target.value })} />
        <TextField label="Practice phone" type="tel" value={p.phone} onChange={(e) => set({ phone: e.target.value })} />
        <TextField label="Practice email" type="email" value={p.email} onChange={(e) => set({ email: e.target.value })} error={errorAt('email')} />
      </div>
      <TextAreaField label="Practice address" value={p.address} onChange={(e) => set({ address: e.target.value })} />
      <div className="grid">
        <TextField label="Sign-off" value={p.signOff} onChange={(e) => set({ signOff: e.target.value })} />
        <SelectField label="Paper size" value={p.paperSize} options={{ A4: 'A4', Letter: 'US Letter' }} onChange={(v) => set({ paperSize: v })} />
      </div>
      <div className="grid">
        <ImagePicker label="Signature image (optional)" value={p.signatureImage} onChange={(v) => set({ signatureImage: v })} error={errorAt('signatureImage')} />
        <ImagePicker label="Logo (optional)" value={p.logo} onChange={(v) => set({ logo: v })} error={errorAt('logo')} />
      </div>
      <div className="actions">
        {status?.kind === 'success' && (
          <span role="status" className="saved-note">
            {status.text}
          </span>
        )}
        <button type="submit" className="primary">
          Save profile
        </button>
      </div>
    </form>
  );
}

type RcDraft = { sd: string; reliability: string; source: string };

function toDraft(value: MeasureSettings['phq9']): RcDraft {
  return value ? { sd: String(value.sd), reliability: String(value.reliability), source: value.source } : { sd: '', reliability: '', source: '' };
}

/** Reliable-change figures per instrument (with their source) and the NHS Talking Therapies rules. */
function MeasureSettingsForm({ initial }: { initial: MeasureSettings }) {
  const [phq9, setPhq9] = useState<RcDraft>(toDraft(initial.phq9));
  const [gad7, setGad7] = useState<RcDraft>(toDraft(initial.gad7));
  const [nhs, setNhs] = useState(initial.nhsRules);
  const [status, setStatus] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [, setErrors, errorAt] = useFieldErrors();
  const parse = (d: RcDraft) => (d.sd === '' && d.reliability === '' && d.source === '' ? null : { sd: Number(d.sd), reliability: Number(d.reliability), source: d.source });
  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await ipt.measures.saveSettings({ phq9: parse(phq9), gad7: parse(gad7), nhsRules: nhs });
    if (!result.ok) {
      setErrors(result.error.fields);
      return setStatus({ kind: 'error', text: result.error.message });
    }
    setErrors({});
    setStatus({ kind: 'success', text: 'Measure settings saved.' });
  }
  const rcFields = (id: 'phq9' | 'gad7', name: string, d: RcDraft, set: (d: RcDraft) => void) => (
    <fieldset>
      <legend>{name} reliable change</legend>
      <div className="grid">
        <TextField label={`${name} standard deviation`} inputMode="decimal" value={d.sd} onChange={(e) => set({ ...d, sd: e.target.value })} error={errorAt(`${id}.sd`)} />
        <TextField label={`${name} reliability (0 to 1)`} inputMode="decimal" value={d.reliability} onChange={(e) => set({ ...d, reliability: e.target.value })} error={errorAt(`${id}.reliability`)} />
        <TextField label={`${name} source of these figures`} value={d.source} onChange={(e) => set({ ...d, source: e.target.value })} error={errorAt(`${id}.source`)} />
      </div>
    </fieldset>
  );
  return (
    <form onSubmit={save} noValidate aria-labelledby="measure-settings-heading" className="panel">
      <h2 id="measure-settings-heading">Measuring change</h2>
      <p className="hint">Until you enter a standard deviation and reliability with their source, no reliable-change verdict is shown.</p>
      {status?.kind === 'error' && <Alert>{status.text}</Alert>}
      {rcFields('phq9', 'PHQ-9', phq9, setPhq9)}
      {rcFields('gad7', 'GAD-7', gad7, setGad7)}
      <fieldset>
        <legend>NHS Talking Therapies rules</legend>
        <CheckboxField label="Show NHS Talking Therapies outcomes" checked={nhs.enabled} onChange={(v) => setNhs({ ...nhs, enabled: v })} />
        <SelectField
          label="Reliable improvement needs"
          value={nhs.variant}
          options={{ or: 'PHQ-9 or GAD-7 to improve (and neither to deteriorate)', and: 'Both PHQ-9 and GAD-7 to improve' }}
          onChange={(v) => setNhs({ ...nhs, variant: v })}
        />
      </fieldset>
      <div className="actions">
        {status?.kind === 'success' && (
          <span role="status" className="saved-note">
            {status.text}
          </span>
        )}
        <button type="submit" className="primary">
          Save measure settings
        </button>
      </div>
    </form>
  );
}

/** Blank worksheets to print or hand out: techniques, inventory, circle, PHQ-9 and GAD-7. */
function WorksheetsPanel() {
  const templates = useResource(() => ipt.templates.list({ area: null }), 'templates-worksheets');
  const [choice, setChoice] = useState('phq9');
  const [format, setFormat] = useState<'docx' | 'pdf'>('docx');
  const [message, setMessage] = useState<string | null>(null);
  const options: Record<string, string> = {
    phq9: 'PHQ-9 form',
    gad7: 'GAD-7 form',
    inventory: 'Interpersonal inventory',
    circle: 'Blank closeness circle',
    ...Object.fromEntries((templates.data ?? []).map((t) => [`template:${t.id}`, `${t.title} worksheet`])),
  };
  async function save() {
    const [kind, templateId] = choice.startsWith('template:') ? ['template', choice.slice(9)] : [choice, ''];
    const result = await ipt.documents.worksheet({ kind: kind as 'template', templateId, format });
    setMessage(result.ok ? (result.value.saved ? `Saved ${result.value.fileName}.` : 'Not saved.') : result.error.message);
  }
  return (
    <section aria-labelledby="worksheets-heading" className="panel">
      <h2 id="worksheets-heading">Printable worksheets</h2>
      <div className="grid">
        <SelectField label="Worksheet" value={choice} options={options} onChange={setChoice} />
        <SelectField label="Format" value={format} options={{ docx: 'Word document', pdf: 'PDF' }} onChange={setFormat} />
      </div>
      <button type="button" onClick={() => void save()}>
        Save the worksheet
      </button>
      {message && (
        <p role="status" className="saved-note">
          {message}
        </p>
      )}
    </section>
  );
}

type ImageValue = PracticeProfile['logo'];

/** Reads a PNG or JPEG chosen by the user into the profile; main checks the bytes again. */
function ImagePicker({ label, value, onChange, error }: { label: string; value: ImageValue; onChange: (v: ImageValue) => void; error: string | undefined }) {
  const [problem, setProblem] = useState<string | null>(null);
  function read(file: File | undefined) {
    if (!file) return;
    if (!['image/png', 'image/jpeg'].includes(file.type)) return setProblem('Choose a PNG or JPEG image.');
    if (file.size > 1_000_000) return setProblem('Choose an image under 1 MB.');
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      setProblem(null);
      onChange({ mime: file.type as 'image/png' | 'image/jpeg', base64: url.slice(url.indexOf(',') + 1) });
    };
    reader.readAsDataURL(file);
  }
  return (
    <FieldShell label={label} error={problem ?? error} hint={value ? 'An image is set; it is saved in the vault with the profile.' : 'PNG or JPEG, under 1 MB.'}>
      {({ id, describedBy }) => (
        <div className="image-picker">
          <input id={id} type="file" accept="image/png,image/jpeg" aria-describedby={describedBy} onChange={(e) => read(e.target.files?.[0])} />
          {value && (
            <>
              <img src={`data:${value.mime};base64,${value.base64}`} alt={`Current ${label.toLowerCase()}`} className="image-preview" />
              <button type="button" onClick={() => onChange(null)}>
                Remove<span className="visually-hidden"> {label.toLowerCase()}</span>
              </button>
            </>
          )}
        </div>
      )}
    </FieldShell>
  );
}
