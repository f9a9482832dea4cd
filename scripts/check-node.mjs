// Stops early with a plain message on an old Node, instead of a crash inside the native module.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `IPT Workstation needs Node.js 22.12 or newer (this is ${process.versions.node}). ` +
      'Install Node 24 (see .nvmrc), or run `bash .ci/run`, which fetches it from the npm registry.',
  );
  process.exit(1);
}
