import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY, isAllowedRequest, isAllowedSender, SECURITY_HEADERS, windowOptions } from '../../electron/main/shell/security-policy.ts';

describe('shell security policy', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = windowOptions('/app/out/preload/index.cjs').webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
  });

  it('has a strict CSP with no inline script, no eval and no remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers IPC only from our page in the main frame', () => {
    expect(isAllowedSender({ url: `${APP_ORIGIN}/index.html`, isMainFrame: true })).toBe(true);
    expect(isAllowedSender({ url: `${APP_ORIGIN}/index.html`, isMainFrame: false })).toBe(false); // a sub-frame
    expect(isAllowedSender({ url: 'https://evil.example/', isMainFrame: true })).toBe(false); // a foreign frame
    expect(isAllowedSender({ url: 'app://other/index.html', isMainFrame: true })).toBe(false);
    expect(isAllowedSender({ url: 'file:///etc/passwd', isMainFrame: true })).toBe(false);
    expect(isAllowedSender({ url: 'not a url', isMainFrame: true })).toBe(false);
    expect(isAllowedSender(null)).toBe(false);
    expect(isAllowedSender({ url: 'http://localhost:5173/', isMainFrame: true })).toBe(false);
    expect(isAllowedSender({ url: 'http://localhost:5173/', isMainFrame: true }, 'http://localhost:5173')).toBe(true);
  });

  it('lets the session load only our protocol (and the dev server in development)', () => {
    expect(isAllowedRequest(`${APP_ORIGIN}/assets/index.js`)).toBe(true);
    expect(isAllowedRequest('https://dictionaries.example/en-US.bdic')).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:8080/')).toBe(false);
    expect(isAllowedRequest('app://elsewhere/x')).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});
