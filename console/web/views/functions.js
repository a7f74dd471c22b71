// Functions list: name, runtime, memory, last modified, description; search; delete with confirmation.
import { lambda } from '../api.js';
import { DEPRECATED } from '../runtimes.js';
import { h, ago, confirmDialog, errorBox, spinner, toast } from '../ui.js';

export function functionsView() {
  const search = h('input', { type: 'search', placeholder: 'Filter by name, runtime or description  ( / )',
    'data-search': '', 'aria-label': 'Filter functions', class: 'search' });
  const body = h('div', {}, spinner('Loading functions…'));
  const count = h('span', { class: 'count' });
  let functions = [];

  const render = () => {
    const q = search.value.trim().toLowerCase();
    const shown = functions.filter((f) => !q || [f.FunctionName, f.Runtime, f.Description]
      .some((v) => (v || '').toLowerCase().includes(q)));
    count.textContent = `(${functions.length})`;
    if (functions.length === 0) {
      body.replaceChildren(h('div', { class: 'empty' },
        h('p', {}, 'No functions yet.'), h('a', { class: 'button primary', href: '#/create' }, 'Create function')));
      return;
    }
    body.replaceChildren(h('table', { class: 'list', id: 'functions' },
      h('thead', {}, h('tr', {}, ['Function name', 'Runtime', 'Memory (MB)', 'Last modified', 'Description', '']
        .map((t) => h('th', {}, t)))),
      h('tbody', {}, shown.map((f) => h('tr', { 'data-function': f.FunctionName },
        h('td', {}, h('a', { href: `#/functions/${encodeURIComponent(f.FunctionName)}` }, f.FunctionName)),
        h('td', {}, f.Runtime || f.PackageType, DEPRECATED.has(f.Runtime) ? h('span', { class: 'tag warn' }, 'deprecated') : null),
        h('td', { class: 'num' }, f.MemorySize),
        h('td', { title: f.LastModified }, ago(f.LastModified)),
        h('td', { class: 'muted' }, f.Description || ''),
        h('td', { class: 'row-actions' }, h('button', { class: 'ghost danger', title: `Delete ${f.FunctionName}`,
          onclick: () => remove(f.FunctionName) }, 'Delete')))))),
    ...(shown.length === 0 ? [h('p', { class: 'muted' }, `No function matches “${search.value}”.`)] : []));
  };

  const load = async () => {
    try {
      functions = (await lambda.list()).sort((a, b) => a.FunctionName.localeCompare(b.FunctionName));
      render();
    } catch (e) {
      body.replaceChildren(errorBox(e));
    }
  };

  const remove = (name) => confirmDialog({
    title: `Delete ${name}?`,
    text: 'The function, its versions, aliases, URL and saved test events are deleted. Triggers that point at it stop working.',
    word: 'delete',
    onConfirm: async () => {
      await lambda.remove(name);
      toast(`Deleted ${name}`);
      await load();
    },
  });

  search.addEventListener('input', render);
  load();
  return h('section', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Functions ', count), h('span', { class: 'spacer' }),
      h('button', { class: 'secondary', onclick: load, title: 'Refresh' }, '↻'),
      h('a', { class: 'button primary', href: '#/create', id: 'create-function' }, 'Create function')),
    search, body);
}
