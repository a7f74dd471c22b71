// Small DOM helpers shared by the views: element builder, notices, confirmation, busy buttons, formatting.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'class') el.className = v;
    else if (k === 'html') el.innerHTML = v;
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// An error box that shows the API's own type and message.
export function errorBox(error) {
  return h('div', { class: 'notice error', role: 'alert' },
    h('strong', {}, error.type || error.name || 'Error'), ' ', error.message);
}

export function notice(kind, ...content) {
  return h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...content);
}

let toastTimer;
export function toast(message, kind = 'success') {
  let el = document.getElementById('toast');
  if (!el) {
    el = h('div', { id: 'toast', role: 'status' });
    document.body.append(el);
  }
  el.className = `toast ${kind}`;
  el.textContent = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.className = 'toast hidden'; }, 4000);
}

// Runs an async action with the button disabled and a spinner; shows failures in `errorTarget` (or a toast).
export async function busy(button, action, errorTarget) {
  const label = button.textContent;
  button.disabled = true;
  button.classList.add('loading');
  if (errorTarget) errorTarget.replaceChildren();
  try {
    return await action();
  } catch (e) {
    if (errorTarget) errorTarget.replaceChildren(errorBox(e));
    else toast(`${e.type || 'Error'}: ${e.message}`, 'error');
    return undefined;
  } finally {
    button.disabled = false;
    button.classList.remove('loading');
    button.textContent = label;
  }
}

// A modal dialog asking the user to type `word` before `onConfirm` runs (as the AWS console does for deletes).
export function confirmDialog({ title, text, word, action = 'Delete', onConfirm }) {
  const input = h('input', { type: 'text', 'aria-label': 'Confirmation', placeholder: word, class: 'confirm-input' });
  const errors = h('div');
  const ok = h('button', { class: 'danger', disabled: true }, action);
  const dialog = h('dialog', { class: 'modal' },
    h('h2', {}, title), h('p', {}, text),
    word ? h('p', {}, 'To confirm, type ', h('code', {}, word), ':') : null, word ? input : null, errors,
    h('div', { class: 'actions' },
      h('button', { class: 'secondary', onclick: () => dialog.close() }, 'Cancel'), ok));
  ok.disabled = Boolean(word);
  input.addEventListener('input', () => { ok.disabled = input.value !== word; });
  ok.addEventListener('click', async () => {
    const done = await busy(ok, async () => { await onConfirm(); return true; }, errors);
    if (done) dialog.close();
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  (word ? input : ok).focus();
}

export function spinner(text = 'Loading…') {
  return h('div', { class: 'loading-state', role: 'status' }, h('span', { class: 'spin' }), text);
}

export function ago(value) {
  const t = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(t)) return String(value ?? '');
  const s = Math.round((Date.now() - t) / 1000);
  if (s < 60) return `${Math.max(s, 0)} seconds ago`;
  if (s < 3600) return `${Math.round(s / 60)} minutes ago`;
  if (s < 86400) return `${Math.round(s / 3600)} hours ago`;
  return `${Math.round(s / 86400)} days ago`;
}

export function field(label, control, hint) {
  return h('label', { class: 'field' }, h('span', { class: 'label' }, label), control,
    hint ? h('span', { class: 'hint' }, hint) : null);
}

export function base64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text) {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}
