// A function's package: text files (path → text, editable) and binary files (path → bytes, kept as they are),
// built into and read from zip files with fflate.
import { unzipSync, zipSync, strToU8 } from 'fflate';

const EXECUTABLE = (0o100755 << 16) >>> 0;
const REGULAR = (0o100644 << 16) >>> 0;
const MTIME = new Date('2020-01-01T00:00:00Z');

export function buildZip(files, binaries = {}) {
  const entries = {};
  const add = (path, data) => {
    const executable = path === 'bootstrap' || path.endsWith('.sh');
    entries[path] = [data, { os: 3, attrs: executable ? EXECUTABLE : REGULAR, mtime: MTIME }];
  };
  for (const [path, data] of Object.entries(binaries)) add(path, data);
  for (const [path, text] of Object.entries(files)) add(path, strToU8(text));
  return zipSync(entries, { level: 6 });
}

export function readZip(bytes) {
  const files = {};
  const binaries = {};
  const strict = new TextDecoder('utf-8', { fatal: true });
  for (const [path, data] of Object.entries(unzipSync(bytes))) {
    if (path.endsWith('/')) continue;
    try {
      const text = strict.decode(data);
      if (text.includes('\0')) throw new Error('binary');
      files[path] = text;
    } catch {
      binaries[path] = data;
    }
  }
  return { files, binaries };
}
