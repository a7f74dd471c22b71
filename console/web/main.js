// Entry point: the page frame, hash routing (#/functions, #/create, #/functions/NAME/TAB) and global keys.
import { h } from './ui.js';
import { functionsView } from './views/functions.js';
import { createView } from './views/create.js';
import { functionView } from './views/function.js';
import './style.css';

const main = h('main', { id: 'main' });
let cleanup = () => {};

function theme(next) {
  const value = next ?? localStorage.getItem('stratus-theme') ?? 'auto';
  localStorage.setItem('stratus-theme', value);
  document.documentElement.dataset.theme = value;
  document.dispatchEvent(new Event('stratus-theme'));
  return value;
}

function frame() {
  const themeButton = h('button', { class: 'ghost', title: 'Light, dark or follow the system (T)', id: 'theme' });
  const label = (v) => { themeButton.textContent = { auto: '◐ Auto', light: '☀ Light', dark: '☾ Dark' }[v]; };
  label(theme());
  themeButton.addEventListener('click', () => {
    const order = ['auto', 'light', 'dark'];
    label(theme(order[(order.indexOf(theme()) + 1) % 3]));
  });
  document.body.append(
    h('header', { class: 'top' },
      h('a', { href: '#/functions', class: 'brand' }, h('span', { class: 'logo' }, 'λ'), 'Stratus'),
      h('nav', {}, h('a', { href: '#/functions' }, 'Functions')),
      h('span', { class: 'spacer' }),
      h('span', { class: 'keys', title: 'Keyboard shortcuts' }, '/ search · c create · Ctrl+S deploy · Ctrl+Enter test'),
      themeButton),
    main);
}

async function route() {
  cleanup();
  cleanup = () => {};
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  main.replaceChildren();
  window.scrollTo(0, 0);
  if (parts[0] === 'create') {
    main.append(createView());
  } else if (parts[0] === 'functions' && parts[1]) {
    const view = functionView(parts[1], parts[2] || 'code');
    main.append(view.el);
    cleanup = view.cleanup;
  } else {
    main.append(functionsView());
  }
}

document.addEventListener('keydown', (e) => {
  const typing = e.target.closest('input, textarea, select, .cm-editor, dialog');
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === '/') {
    const search = document.querySelector('[data-search]');
    if (search) { e.preventDefault(); search.focus(); }
  } else if (e.key === 'c' && !location.hash.startsWith('#/create')) {
    location.hash = '#/create';
  } else if (e.key === 't') {
    document.getElementById('theme')?.click();
  }
});

frame();
window.addEventListener('hashchange', route);
route();
