// Code tab: the package's files in a tree and an editor; new/rename/delete file; Deploy builds the zip in the
// browser and calls UpdateFunctionCode. Java (and other compiled runtimes) show their settings and take an upload.
import { lambda, waitUntilReady } from '../api.js';
import { codeEditor } from '../editor.js';
import { isInline } from '../runtimes.js';
import { buildZip, readZip } from '../zipfiles.js';
import { base64, busy, errorBox, field, h, toast } from '../ui.js';

export function codeTab(fn, refresh) {
  const errors = h('div', { id: 'code-errors' });
  const upload = uploadPanel(fn, refresh);
  if (!isInline(fn.Runtime)) {
    return { el: h('div', {}, h('div', { class: 'panel' }, h('h2', {}, 'Code source'),
      h('p', {}, `${fn.Runtime} functions are built outside the console: upload the jar or zip.`),
      h('dl', { class: 'props' },
        h('dt', {}, 'Handler'), h('dd', {}, h('code', {}, fn.Handler)),
        h('dt', {}, 'Code size'), h('dd', {}, `${fn.CodeSize} bytes`),
        h('dt', {}, 'SHA-256'), h('dd', {}, h('code', {}, fn.CodeSha256)))), upload.el) };
  }
  const tree = h('ul', { class: 'tree', id: 'file-tree', role: 'tree' });
  const editorHost = h('div', { class: 'editor', id: 'editor' });
  const state = { files: {}, binaries: {}, open: null, dirty: false };
  const deploy = h('button', { class: 'primary', id: 'deploy', title: 'Ctrl+S', disabled: true }, 'Deploy');
  const status = h('span', { class: 'muted', id: 'deploy-status' }, 'Loading code…');
  const markDirty = (dirty) => {
    state.dirty = dirty;
    deploy.disabled = !dirty;
    status.textContent = dirty ? 'Changes not deployed' : 'Deployed';
    status.className = dirty ? 'warn-text' : 'muted';
  };
  const doDeploy = () => busy(deploy, async () => {
    status.textContent = 'Deploying…';
    await lambda.updateCode(fn.FunctionName, base64(buildZip(state.files, state.binaries)));
    await waitUntilReady(fn.FunctionName);
    await refresh({ summary: true });
    markDirty(false);
    toast(`Successfully updated the function ${fn.FunctionName}.`);
  }, errors);
  const editor = codeEditor(editorHost, {
    onChange: (path, text) => { state.files[path] = text; markDirty(true); },
    keys: [{ key: 'Mod-s', preventDefault: true, run: () => { if (state.dirty) doDeploy(); return true; } }],
  });
  deploy.addEventListener('click', doDeploy);

  const open = (path) => {
    state.open = path;
    editor.open(path, state.files[path]);
    renderTree();
  };
  const renderTree = () => {
    const paths = Object.keys(state.files).sort();
    tree.replaceChildren(...paths.map((p) => h('li', { role: 'treeitem', class: p === state.open ? 'open' : '' },
      h('button', { class: 'file', 'data-file': p, onclick: () => open(p) }, p))),
    ...Object.keys(state.binaries).sort().map((p) => h('li', { class: 'muted', title: 'Binary file, kept as is' }, p)));
  };
  const newFile = () => {
    const path = prompt('New file name (folders with /):', 'lib.js');
    if (!path) return;
    if (state.files[path] !== undefined || state.binaries[path]) { toast(`${path} already exists`, 'error'); return; }
    if (!/^[^/][\w./-]*$/.test(path) || path.split('/').includes('..')) { toast(`${path} is not a valid file name`, 'error'); return; }
    state.files[path] = '';
    markDirty(true);
    open(path);
  };
  const renameFile = () => {
    const from = state.open;
    const to = from && prompt(`Rename ${from} to:`, from);
    if (!to || to === from) return;
    if (state.files[to] !== undefined) { toast(`${to} already exists`, 'error'); return; }
    state.files[to] = state.files[from];
    delete state.files[from];
    editor.forget(from);
    markDirty(true);
    open(to);
  };
  const deleteFile = () => {
    const path = state.open;
    if (!path || !confirm(`Delete ${path}?`)) return;
    delete state.files[path];
    editor.forget(path);
    markDirty(true);
    const next = Object.keys(state.files).sort()[0];
    if (next) open(next); else { state.open = null; renderTree(); }
  };

  const load = async () => {
    try {
      const { Code } = await lambda.get(fn.FunctionName);
      const response = await fetch(Code.Location);
      if (!response.ok) throw new Error(`Downloading the code answered ${response.status}`);
      Object.assign(state, readZip(new Uint8Array(await response.arrayBuffer())));
      const handlerFile = Object.keys(state.files).find((p) => p.startsWith(fn.Handler.split('.')[0] + '.'));
      const first = handlerFile || Object.keys(state.files).sort()[0];
      if (first) open(first); else renderTree();
      markDirty(false);
    } catch (e) {
      errors.replaceChildren(errorBox(e));
      status.textContent = '';
    }
  };
  load();
  return {
    el: h('div', {},
      h('div', { class: 'panel code' },
        h('div', { class: 'toolbar' }, h('h2', {}, 'Code source'), h('span', { class: 'spacer' }), status,
          h('button', { class: 'secondary', onclick: newFile, id: 'new-file' }, 'New file'),
          h('button', { class: 'secondary', onclick: renameFile, id: 'rename-file' }, 'Rename'),
          h('button', { class: 'secondary', onclick: deleteFile, id: 'delete-file' }, 'Delete file'), deploy),
        errors,
        h('div', { class: 'ide' }, h('nav', { class: 'files' }, tree), editorHost),
        h('p', { class: 'muted small' }, 'Handler: ', h('code', {}, fn.Handler))),
      upload.el),
    cleanup: () => editor.destroy(),
  };
}

function uploadPanel(fn, refresh) {
  const file = h('input', { type: 'file', accept: '.zip,.jar', id: 'upload-file' });
  const errors = h('div');
  const button = h('button', { class: 'secondary', id: 'upload' }, 'Upload');
  button.addEventListener('click', () => busy(button, async () => {
    if (!file.files[0]) throw Object.assign(new Error('Choose a .zip or .jar file first.'), { type: 'No file' });
    const bytes = new Uint8Array(await file.files[0].arrayBuffer());
    await lambda.updateCode(fn.FunctionName, base64(bytes));
    await waitUntilReady(fn.FunctionName);
    toast(`Uploaded ${file.files[0].name} to ${fn.FunctionName}.`);
    refresh();
  }, errors));
  return { el: h('div', { class: 'panel' }, h('h2', {}, 'Upload a package'),
    h('div', { class: 'row' }, field('.zip or .jar file', file), button), errors) };
}
