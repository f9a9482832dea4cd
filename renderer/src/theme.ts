import { useEffect } from 'react';
import { ipt } from './ipt.ts';

/** Applies the theme preference (system, light or dark) to the document. */
export function useTheme(): void {
  useEffect(() => {
    void ipt.settings.get({}).then((result) => {
      if (result.ok) document.documentElement.dataset['theme'] = result.value.theme;
    });
  }, []);
}
