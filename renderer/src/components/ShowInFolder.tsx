import { useState } from 'react';
import { errorText } from '../ipt.ts';
import { useChannelMutation } from '../query.ts';

/**
 * "Show in folder" next to a "Saved …" message. The page holds only the save's opaque id; main
 * keeps the path. Where there is no file manager to show (the browser host) it says so plainly.
 */
export function ShowInFolder({ fileId }: { fileId: string | null | undefined }) {
  const [note, setNote] = useState<string | null>(null);
  const show = useChannelMutation('files.showInFolder', {
    onSuccess: ({ shown }) => setNote(shown ? null : 'Showing the folder is not available here.'),
    onError: (error) => setNote(errorText(error)),
  });
  if (!fileId) return null;
  return (
    <>
      {' '}
      <button type="button" className="link-button" onClick={() => show.mutate({ id: fileId })} disabled={show.isPending}>
        Show in folder
      </button>
      {note && <span> {note}</span>}
    </>
  );
}
