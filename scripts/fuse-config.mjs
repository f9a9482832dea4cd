// The fuses the packaged app must have. The inspect fuse is on only in a test build
// (IPT_TEST_BUILD=1), because Playwright's _electron needs it.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

export function wantedFuses(testBuild = process.env.IPT_TEST_BUILD === '1') {
  return {
    version: FuseVersion.V1,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: testBuild,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}
