import { useState } from 'react';
import { z } from 'zod';
import { NOTE_LAYOUT_LABELS } from '../../../shared/ipt/note-layouts.ts';
import { measureSettingsSchema, type MeasureSettings } from '../../../shared/schemas/measures.ts';
import { practiceProfileSchema, type PracticeProfile } from '../../../shared/schemas/note.ts';
import { settingsSchema, type Settings } from '../../../shared/schemas/settings.ts';
import { worksheetRequestSchema } from '../../../shared/schemas/documents.ts';
import { Alert } from '../components/Alert.tsx';
import { ShowInFolder } from '../components/ShowInFolder.tsx';
import { UpdateNotice } from '../components/UpdateNotice.tsx';
import { CheckboxField, SelectField } from '../components/Controls.tsx';
import { FieldShell, TextAreaField, TextField } from '../components/Field.tsx';
import { useContractForm } from '../form.ts';
import { errorText } from '../ipt.ts';
import { callChannel, mutateChannel, useAppInfo, useChannel, useSettings } from '../query.ts';
import { TemplatesScreen } from './TemplatesScreen.tsx';
import { CrisisLinesFields } from './CrisisLinesFields.tsx';
import { BackupsPanel } from './BackupsPanel.tsx';
import { AuditPanel, ExportAllPanel, RetentionPanel } from './RecordsPanel.tsx';
import { SessionsCsvPanel } from './SessionsCsvPanel.tsx';
import type { VaultStatus } from '../../../shared/schemas/vault.ts';

/** Preferences of this device, and the practice profile kept in the vault. */
export function SettingsScreen({
  onStatus,
  onClientsChanged,
  show,
}: {
  onStatus?: ((status: VaultStatus) => void) | undefined;
  onClientsChanged?: (() => void) | undefined;
  /** File › Export opens Settings at the export panel. */
  show?: 'export' | undefined;
}) {
  const settings = useSettings();
  const profile = useChannel('profile.get', {});
  const measures = useChannel('measures.settings', {});
  return (
    <section aria-labelledby="settings-heading">
      <h1 id="settings-heading">Settings</h1>
      <UpdateNotice />
      {settings.data && <PreferencesForm initial={settings.data} />}
      <BackupsPanel onStatus={onStatus} />
      {profile.error && <Alert>{errorText(profile.error)}</Alert>}
      {profile.data && <ProfileForm initial={profile.data} />}
      {measures.error && <Alert>{errorText(measures.error)}</Alert>}
      {measures.data && <MeasureSettingsForm initial={measures.data} />}
      <TemplatesScreen />
      <WorksheetsPanel />
      {settings.data && <RetentionPanel initial={settings.data} onDeleted={onClientsChanged} />}
      <ExportAllPanel focusOnOpen={show === 'export'} />
      <SessionsCsvPanel />
      <AuditPanel />
      <SupportLogPanel />
    </section>
  );
}

/** The support log: what it holds, and two ways to get it to support. */
function SupportLogPanel() {
  const info = useAppInfo();
  const [message, setMessage] = useState<{ kind: 'error' | 'success' | 'info'; text: string; fileId?: string | null } | null>(null);
  // Neither call changes a record: plain calls with a message.
  async function saveLog() {
    try {
      const result = await callChannel('support.saveLog', {});
      setMessage(result.saved ? { kind: 'success', text: `Saved ${result.fileName}. Attach it to your message to support.`, fileId: result.fileId } : { kind: 'info', text: 'Nothing was saved.' });
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    }
  }
  async function openFolder() {
    try {
      const result = await callChannel('support.openLogFolder', {});
      if (!result.opened) setMessage({ kind: 'info', text: 'The folder could not be opened here. Use “Save the log for support” instead.' });
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    }
  }
  return (
    <section aria-labelledby="support-log-heading" className="panel">
      <h2 id="support-log-heading">A log for support</h2>
      <p className="hint">
        If something goes wrong, support may ask for this log. It lists what the app did, how long it took and any error codes. It never holds names, notes, any other text you typed, or where
        your files are.
      </p>
      {message && (
        <Alert kind={message.kind}>
          <span>{message.text}</span>
          <ShowInFolder fileId={message.fileId} />
        </Alert>
      )}
      <div className="button-row">
        <button type="button" onClick={() => void saveLog()}>
          Save the log for support…
        </button>
        {info.data?.shell === 'electron' && (
          <button type="button" onClick={() => void openFolder()}>
            Open the log folder
          </button>
        )}
      </div>
    </section>
  );
}

/** This computer's preferences, the fields of the shared settings schema (required here; the patch makes them optional). */
const preferencesSchema = z.strictObject({
  theme: settingsSchema.shape.theme.unwrap(),
  noteLayout: settingsSchema.shape.noteLayout.unwrap(),
  deficitsLabel: settingsSchema.shape.deficitsLabel.unwrap(),
  autoLockMinutes: settingsSchema.shape.autoLockMinutes.unwrap(),
  contentProtection: settingsSchema.shape.contentProtection.unwrap(),
  exportNameStyle: settingsSchema.shape.exportNameStyle.unwrap(),
});
type Preferences = z.output<typeof preferencesSchema>;
const preferencesOf = (s: Settings): Preferences => ({ theme: s.theme, noteLayout: s.noteLayout, deficitsLabel: s.deficitsLabel, autoLockMinutes: s.autoLockMinutes, contentProtection: s.contentProtection, exportNameStyle: s.exportNameStyle });

/** Autosave kind: each choice saves as it is made (one valid choice at a time), checked by the shared settings schema. */
function PreferencesForm({ initial }: { initial: Settings }) {
  const [saved, setSaved] = useState<string | null>(null);
  // Every screen reading settings (theme, labels, auto-lock) follows through the shared query.
  const f = useContractForm({
    schema: preferencesSchema,
    defaultValues: preferencesOf(initial),
    save: (values) => mutateChannel('settings.update', values),
    savedValues: preferencesOf,
    onSaved: () => setSaved('Preferences saved.'),
  });
  const choose =
    <V,>(field: { onChange: (value: V) => void }) =>
    (value: V) => {
      field.onChange(value);
      void f.submit();
    };
  const theme = f.bind('theme');
  const layout = f.bind('noteLayout');
  const deficits = f.bind('deficitsLabel');
  const lock = f.bind('autoLockMinutes');
  const protection = f.bind('contentProtection');
  const nameStyle = f.bind('exportNameStyle');
  return (
    <form aria-labelledby="prefs-heading" className="panel" onSubmit={(e) => e.preventDefault()}>
      <h2 id="prefs-heading">This computer</h2>
      {f.formError && <Alert>{f.formError}</Alert>}
      <div className="grid">
        <SelectField label="Theme" value={theme.value} error={theme.error} options={{ system: 'Follow the system', light: 'Light', dark: 'Dark' }} onChange={choose(theme)} />
        <SelectField label="Default note layout" value={layout.value} error={layout.error} options={NOTE_LAYOUT_LABELS} onChange={choose(layout)} />
        <SelectField
          label="Name of the fourth problem area"
          value={deficits.value}
          error={deficits.error}
          options={{ deficits: 'Interpersonal deficits', sensitivity: 'Interpersonal sensitivity' }}
          onChange={choose(deficits)}
        />
        <SelectField
          label="Lock after inactivity"
          value={String(lock.value)}
          error={lock.error}
          options={{ '0': 'Never', '5': '5 minutes', '10': '10 minutes', '15': '15 minutes', '30': '30 minutes', '60': '1 hour', '120': '2 hours' }}
          onChange={(v) => choose(lock)(Number(v))}
        />
        <SelectField
          label="Saved files name the client by"
          value={nameStyle.value}
          error={nameStyle.error}
          options={{ initials: 'Initials (NH progress letter 2026-12-01)', name: 'Full name (Noor Haddad progress letter 2026-12-01)' }}
          onChange={choose(nameStyle)}
        />
      </div>
      <CheckboxField
        label="Hide the window from screen sharing and screenshots while unlocked (turn off to share a worksheet in a video session)"
        checked={protection.value}
        onChange={choose(protection)}
      />
      {saved && !f.formError && (
        <p role="status" className="saved-note">
          {saved}
        </p>
      )}
    </form>
  );
}

function ProfileForm({ initial }: { initial: PracticeProfile }) {
  // keep: explicit Save, since a half-typed email or a half-chosen image is not a valid profile; edits survive leaving Settings.
  const f = useContractForm({
    schema: practiceProfileSchema,
    defaultValues: initial,
    save: (values) => mutateChannel('profile.save', values),
    savedValues: (saved) => saved,
    keep: { formId: 'settings.profile', recordId: 'practice', label: 'the practice profile' },
  });
  const { register, errorAt } = f;
  const paperSize = f.bind('paperSize');
  const signature = f.bind('signatureImage');
  const logo = f.bind('logo');
  return (
    <form onSubmit={(e) => void f.submit(e)} noValidate aria-labelledby="profile-heading" className="panel">
      <h2 id="profile-heading">Practice profile</h2>
      <p className="hint">Kept in the encrypted vault. Your name and credentials are copied into each note when you sign it.</p>
      {f.formError && <Alert>{f.formError}</Alert>}
      <div className="grid">
        <TextField label="Clinician name" {...register('clinicianName')} error={errorAt('clinicianName')} />
        <TextField label="Credentials" {...register('credentials')} error={errorAt('credentials')} />
        <TextField label="Registration number" {...register('registrationNumber')} error={errorAt('registrationNumber')} />
        <TextField label="Practice name" {...register('practiceName')} error={errorAt('practiceName')} />
        <TextField label="Practice phone" type="tel" {...register('phone')} error={errorAt('phone')} />
        <TextField label="Practice email" type="email" {...register('email')} error={errorAt('email')} />
      </div>
      <TextAreaField label="Practice address" {...register('address')} error={errorAt('address')} />
      <div className="grid">
        <TextField label="Sign-off" {...register('signOff')} error={errorAt('signOff')} />
        <SelectField label="Paper size" value={paperSize.value ?? 'A4'} options={{ A4: 'A4', Letter: 'US Letter' }} onChange={paperSize.onChange} />
      </div>
      <div className="grid">
        <ImagePicker label="Signature image (optional)" value={signature.value ?? null} onChange={signature.onChange} error={errorAt('signatureImage')} />
        <ImagePicker label="Logo (optional)" value={logo.value ?? null} onChange={logo.onChange} error={errorAt('logo')} />
      </div>
      <CrisisLinesFields f={f} />
      <div className="actions">
        {f.restored && <span className="saved-note">Unsaved changes from before are shown. Save them to keep them.</span>}
        {f.saved && (
          <span role="status" className="saved-note">
            Practice profile saved.
          </span>
        )}
        <button type="submit" className="primary" disabled={f.form.formState.isSubmitting}>
          Save profile
        </button>
      </div>
    </form>
  );
}

type RcDraft = { sd: string; reliability: string; source: string };
type MeasureDraft = { phq9: RcDraft; gad7: RcDraft; nhsRules: MeasureSettings['nhsRules'] };

function toDraft(value: MeasureSettings['phq9']): RcDraft {
  return value ? { sd: String(value.sd), reliability: String(value.reliability), source: value.source } : { sd: '', reliability: '', source: '' };
}

function toMeasureDraft(value: MeasureSettings): MeasureDraft {
  return { phq9: toDraft(value.phq9), gad7: toDraft(value.gad7), nhsRules: value.nhsRules };
}

const parseRc = (d: RcDraft) => (d.sd.trim() === '' && d.reliability.trim() === '' && d.source.trim() === '' ? null : { sd: d.sd.trim() === '' ? 0 : Number(d.sd), reliability: d.reliability.trim() === '' ? 0 : Number(d.reliability), source: d.source });

/** The form holds typed text; `prepare` turns it into the shared schema's numbers before checking. */
const measureFormSchema = measureSettingsSchema as unknown as z.ZodType<MeasureSettings, MeasureDraft>;

/** Reliable-change figures per instrument (with their source) and the NHS Talking Therapies rules. */
function MeasureSettingsForm({ initial }: { initial: MeasureSettings }) {
  // keep: explicit Save, since the three figures of an instrument are only valid together; edits survive leaving Settings.
  const f = useContractForm({
    schema: measureFormSchema,
    defaultValues: toMeasureDraft(initial),
    prepare: (d) => ({ phq9: parseRc(d.phq9), gad7: parseRc(d.gad7), nhsRules: d.nhsRules }) as never,
    save: (values) => mutateChannel('measures.saveSettings', values),
    savedValues: toMeasureDraft,
    keep: { formId: 'settings.measures', recordId: 'practice', label: 'the measure settings' },
  });
  const { register, errorAt } = f;
  const enabled = f.bind('nhsRules.enabled');
  const variant = f.bind('nhsRules.variant');
  const rcFields = (id: 'phq9' | 'gad7', name: string) => (
    <fieldset>
      <legend>{name} reliable change</legend>
      <div className="grid">
        <TextField label={`${name} standard deviation`} inputMode="decimal" {...register(`${id}.sd`)} error={errorAt(`${id}.sd`)} />
        <TextField label={`${name} reliability (0 to 1)`} inputMode="decimal" {...register(`${id}.reliability`)} error={errorAt(`${id}.reliability`)} />
        <TextField label={`${name} source of these figures`} {...register(`${id}.source`)} error={errorAt(`${id}.source`)} />
      </div>
    </fieldset>
  );
  return (
    <form onSubmit={(e) => void f.submit(e)} noValidate aria-labelledby="measure-settings-heading" className="panel">
      <h2 id="measure-settings-heading">Measuring change</h2>
      <p className="hint">Until you enter a standard deviation and reliability with their source, no reliable-change verdict is shown.</p>
      {f.formError && <Alert>{f.formError}</Alert>}
      {rcFields('phq9', 'PHQ-9')}
      {rcFields('gad7', 'GAD-7')}
      <fieldset>
        <legend>NHS Talking Therapies rules</legend>
        <CheckboxField label="Show NHS Talking Therapies outcomes" checked={enabled.value} onChange={enabled.onChange} />
        <SelectField
          label="Reliable improvement needs"
          value={variant.value}
          options={{ or: 'PHQ-9 or GAD-7 to improve (and neither to deteriorate)', and: 'Both PHQ-9 and GAD-7 to improve' }}
          onChange={variant.onChange}
        />
      </fieldset>
      <div className="actions">
        {f.restored && <span className="saved-note">Unsaved changes from before are shown. Save them to keep them.</span>}
        {f.saved && (
          <span role="status" className="saved-note">
            Measure settings saved.
          </span>
        )}
        <button type="submit" className="primary" disabled={f.form.formState.isSubmitting}>
          Save measure settings
        </button>
      </div>
    </form>
  );
}

/** Blank worksheets to print or hand out: techniques, inventory, circle, PHQ-9 and GAD-7. */
function WorksheetsPanel() {
  const templates = useChannel('templates.list', { area: null });
  const [message, setMessage] = useState<{ text: string; fileId: string | null } | null>(null);
  // Neither kind: the choice for one file, sent once.
  const f = useContractForm({
    schema: worksheetRequestSchema,
    defaultValues: { kind: 'phq9', templateId: '', format: 'docx' },
    save: (values) => mutateChannel('documents.worksheet', values),
    onSaved: (value) => setMessage(value.saved ? { text: `Saved ${value.fileName}.`, fileId: value.fileId } : { text: 'Not saved.', fileId: null }),
  });
  const options: Record<string, string> = {
    phq9: 'PHQ-9 form',
    gad7: 'GAD-7 form',
    inventory: 'Interpersonal inventory',
    circle: 'Blank closeness circle',
    ...Object.fromEntries((templates.data ?? []).map((t) => [`template:${t.id}`, `${t.title} worksheet`])),
  };
  // One list for two fields: a technique's worksheet is kind "template" with its id.
  const kind = f.bind('kind');
  const templateId = f.bind('templateId');
  const format = f.bind('format');
  const choice = kind.value === 'template' ? `template:${templateId.value ?? ''}` : kind.value;
  function choose(value: string) {
    const [k, id] = value.startsWith('template:') ? (['template', value.slice('template:'.length)] as const) : ([value as typeof kind.value, ''] as const);
    kind.onChange(k);
    templateId.onChange(id);
  }
  return (
    <section aria-labelledby="worksheets-heading" className="panel">
      <h2 id="worksheets-heading">Printable worksheets</h2>
      <form onSubmit={(e) => void f.submit(e)} noValidate>
        {f.formError && <Alert>{f.formError}</Alert>}
        <div className="grid">
          <SelectField label="Worksheet" value={choice} options={options} onChange={choose} error={kind.error ?? templateId.error} />
          <SelectField label="Format" {...format} options={{ docx: 'Word document', pdf: 'PDF' }} />
        </div>
        <button type="submit" disabled={f.form.formState.isSubmitting}>
          Save the worksheet
        </button>
      </form>
      {message && (
        <p role="status" className="saved-note">
          <span>{message.text}</span>
          <ShowInFolder fileId={message.fileId} />
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
