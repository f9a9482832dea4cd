import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { FuseState, FuseV1Options, getCurrentFuseWire, flipFuses } from '@electron/fuses';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.ts';
// @ts-expect-error plain ES module script without types
import { wantedFuses } from '../../scripts/fuse-config.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const config = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & { asarUnpack: string[]; files: string[] };

/** A glob test good enough for electron-builder's patterns here (**, *). */
function globMatches(pattern: string, path: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '(.*/)?').replace(/\*\*/g, '.*').replace(/(?<!\.)\*/g, '[^/]*')}$`);
  return re.test(path);
}

describe('installer configuration', () => {
  it('is valid against electron-builder’s own JSON schema', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    const valid = ajv.validate(schema, config);
    expect(ajv.errors ?? [], JSON.stringify(ajv.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('unpacks the native SQLCipher addon from the ASAR archive', () => {
    const addon = 'node_modules/better-sqlite3-multiple-ciphers/prebuilds/linux-x64.node';
    expect(config.asarUnpack.some((p) => globMatches(p, addon))).toBe(true);
    expect(globMatches('**/*.node', 'node_modules/x/build/Release/y.node')).toBe(true);
    expect(globMatches('**/*.node', 'node_modules/x/index.js')).toBe(false);
  });

  it('ships the built app, the fonts and the licences, and names the app and its icons', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'resources/fonts/**', 'resources/licences.json']));
    expect(config['appId']).toBe('org.iptworkstation.desktop');
    expect(config['productName']).toBe('IPT Workstation');
    expect(config['afterPack']).toBe('scripts/after-pack.mjs');
    for (const os of ['linux', 'win', 'mac']) expect((config[os] as { icon: string }).icon).toBe('resources/icon.png');
  });
});

describe('fuses', () => {
  it('sets and reads back the wanted fuses on an Electron-like binary', async () => {
    const dir = tempDir();
    const binary = join(dir.path, 'electron');
    // The fuse wire as Electron embeds it: sentinel, version 1, length, one byte per fuse.
    const wire = Buffer.from('1101100010', 'latin1');
    writeFileSync(binary, Buffer.concat([Buffer.alloc(64, 7), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, wire.length]), wire, Buffer.alloc(64, 7)]));
    await flipFuses(binary, wantedFuses(false));
    const read = await getCurrentFuseWire(binary);
    expect(read[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(read[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(read[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(read[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(read[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(read[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wantedFuses(true)[FuseV1Options.EnableNodeCliInspectArguments]).toBe(true);
    dir.remove();
  });
});
