import { useEffect } from 'react';
import { useSettings } from './query.ts';

/** Applies the theme preference (system, light or dark) to the document, following the settings query. */
export function useTheme(): void {
  const theme = useSettings().data?.theme;
  useEffect(() => {
    if (theme) document.documentElement.dataset['theme'] = theme;
  }, [theme]);
}
