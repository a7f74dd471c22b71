// One function: its summary and tabs (Code, Test, and the others as they are registered in TABS).
import { lambda, waitUntilReady } from '../api.js';
import { DEPRECATED } from '../runtimes.js';
import { ago, confirmDialog, errorBox, h, spinner, toast } from '../ui.js';
import { codeTab } from './code.js';
import { testTab } from './test.js';
import { triggersTab } from './triggers.js';
import { configTab } from './config.js';
import { versionsTab } from './versions.js';
import { monitorTab } from './monitor.js';

const TABS = [
  ['code', 'Code', codeTab],
  ['test', 'Test', testTab],
  ['monitor', 'Monitor', monitorTab],
  ['triggers', 'Triggers', triggersTab],
  ['configuration', 'Configuration', configTab],
  ['versions', 'Versions and aliases', versionsTab],
];

export function functionView(name, tab) {
  const body = h('div', {}, spinner(`Loading ${name}…`));
  let cleanup = () => {};
  const el = h('section', { class: 'page' },
    h('nav', { class: 'crumbs' }, h('a', { href: '#/functions' }, 'Functions'), ' › ', name), body);

  let fn;
  let head;
  // refresh() rebuilds the whole view; refresh({ summary: true }) only updates the function's settings in place
  // (the tabs share `fn`) and its header, keeping what the user is editing.
  const load = async (options = {}) => {
    let latest;
    try {
      latest = await lambda.config(name);
    } catch (e) {
      body.replaceChildren(errorBox(e));
      return;
    }
    if (options.summary && fn) {
      Object.assign(fn, latest);
      const next = summary(fn);
      head.replaceWith(next);
      head = next;
      return;
    }
    cleanup();
    cleanup = () => {};
    fn = latest;
    const current = TABS.find(([id]) => id === tab) ?? TABS[0];
    const content = current[2](fn, load);
    cleanup = content.cleanup ?? (() => {});
    head = summary(fn);
    body.replaceChildren(head,
      h('nav', { class: 'tabs', role: 'tablist' }, TABS.map(([id, label]) => h('a', {
        role: 'tab', id: `tab-${id}`, 'aria-selected': String(id === current[0]), class: id === current[0] ? 'active' : '',
        href: `#/functions/${encodeURIComponent(name)}/${id}`,
      }, label))),
      content.el);
    if (fn.State === 'Pending' || fn.LastUpdateStatus === 'InProgress') {
      // The header follows the function to Active (or Failed) on its own.
      waitUntilReady(name).catch(() => {}).then(() => load({ summary: true }));
    }
  };
  load();
  return { el, cleanup: () => cleanup() };
}

function summary(fn) {
  const remove = () => confirmDialog({
    title: `Delete ${fn.FunctionName}?`,
    text: 'The function, its versions, aliases, URL and saved test events are deleted.',
    word: 'delete',
    onConfirm: async () => {
      await lambda.remove(fn.FunctionName);
      toast(`Deleted ${fn.FunctionName}`);
      location.hash = '#/functions';
    },
  });
  return h('div', { class: 'page-head' },
    h('div', {}, h('h1', { id: 'function-title' }, fn.FunctionName),
      h('div', { class: 'meta' },
        h('span', { class: 'tag' }, fn.Runtime || fn.PackageType),
        DEPRECATED.has(fn.Runtime) ? h('span', { class: 'tag warn' }, 'deprecated runtime') : null,
        h('span', { class: `tag state-${(fn.State || '').toLowerCase()}` }, fn.State),
        h('span', { class: 'muted' }, `${fn.MemorySize} MB · ${fn.Timeout} s · ${(fn.Architectures || []).join(', ')}`),
        h('span', { class: 'muted', title: fn.LastModified }, `modified ${ago(fn.LastModified)}`)),
      h('code', { class: 'arn' }, fn.FunctionArn),
      fn.State === 'Failed' || fn.LastUpdateStatus === 'Failed'
        ? h('div', { class: 'notice error' }, h('strong', {}, fn.StateReasonCode || fn.LastUpdateStatusReasonCode), ' ',
          fn.StateReason || fn.LastUpdateStatusReason) : null),
    h('span', { class: 'spacer' }),
    h('button', { class: 'ghost danger', onclick: remove }, 'Delete function'));
}
