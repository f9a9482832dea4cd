import { useState } from 'react';
import { todayIso } from '../../../shared/schemas/dates.ts';
import { DOWNLOAD_PAGE_URL, updateNoticeDue } from '../../../shared/update-notice.ts';
import { formatDate } from '../format.ts';
import { errorText } from '../ipt.ts';
import { useAppInfo, useChannelMutation, useSettings } from '../query.ts';

/**
 * The offline update notice: shown when this build is more than a year old. The app never asks
 * the internet about updates; the download page opens in the browser only on the button.
 * `atUnlock`: the once-a-build notice after unlocking, which the user can dismiss for good.
 */
export function UpdateNotice({ atUnlock = false }: { atUnlock?: boolean }) {
  const info = useAppInfo();
  const settings = useSettings();
  const [note, setNote] = useState<string | null>(null);
  const dismiss = useChannelMutation('settings.update', { onError: (error) => setNote(errorText(error)) });
  const open = useChannelMutation('app.openDownloadPage', {
    onSuccess: ({ opened }) => setNote(opened ? 'The download page is open in your browser.' : `The browser cannot be opened from here. The download page is ${DOWNLOAD_PAGE_URL}`),
    onError: (error) => setNote(errorText(error)),
  });
  const buildDate = info.data?.buildDate;
  if (!buildDate || !updateNoticeDue(buildDate, todayIso())) return null;
  if (atUnlock && (!settings.data || settings.data.updateNoticeDismissed === buildDate)) return null;
  return (
    <div className="alert alert-info update-notice" role="status">
      <p>
        This version of IPT Workstation was made on {formatDate(buildDate)}, more than a year ago. A newer version may fix security problems. The app never checks by itself: nothing is
        sent unless you open the download page.
      </p>
      <div className="button-row">
        <button type="button" onClick={() => open.mutate({})} disabled={open.isPending}>
          Open the download page
        </button>
        {atUnlock && (
          <button type="button" className="link-button" onClick={() => dismiss.mutate({ updateNoticeDismissed: buildDate })} disabled={dismiss.isPending}>
            Dismiss this notice
          </button>
        )}
      </div>
      {note && <p>{note}</p>}
    </div>
  );
}
