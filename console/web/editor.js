// CodeMirror 6 editors: one for code (language from the file name) and one for JSON with validation.
import { EditorView, basicSetup } from 'codemirror';
import { EditorState, Compartment } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { linter, lintGutter } from '@codemirror/lint';
import { oneDark } from '@codemirror/theme-one-dark';

function languageFor(path) {
  if (/\.(m?js|cjs|ts)$/.test(path)) return javascript({ typescript: path.endsWith('.ts') });
  if (path.endsWith('.py')) return python();
  if (path.endsWith('.json')) return json();
  return [];
}

const dark = () => {
  const t = document.documentElement.dataset.theme;
  return t === 'dark' || (t !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
};

// Editors follow the page's theme when it changes (main.js sends 'stratus-theme'; the system can change it too).
function followTheme(view, theme) {
  const apply = () => view().dispatch({ effects: theme.reconfigure(dark() ? oneDark : []) });
  const media = matchMedia('(prefers-color-scheme: dark)');
  document.addEventListener('stratus-theme', apply);
  media.addEventListener('change', apply);
  return () => {
    document.removeEventListener('stratus-theme', apply);
    media.removeEventListener('change', apply);
  };
}

// An editor whose document can be swapped (one state per open file); onChange(text) after each edit.
export function codeEditor(parent, { onChange, keys = [] } = {}) {
  const theme = new Compartment();
  const states = new Map();
  let view;
  let current;
  const unfollow = followTheme(() => view ?? { dispatch() {} }, theme);
  const extensions = (path) => [
    basicSetup, keymap.of([...keys, indentWithTab]), languageFor(path), theme.of(dark() ? oneDark : []),
    EditorView.updateListener.of((u) => { if (u.docChanged) onChange?.(path, u.state.doc.toString()); }),
  ];
  return {
    open(path, text) {
      if (view && current !== undefined && states.has(current)) states.set(current, view.state);
      if (!states.has(path)) states.set(path, EditorState.create({ doc: text, extensions: extensions(path) }));
      if (!view) view = new EditorView({ state: states.get(path), parent });
      else view.setState(states.get(path));
      current = path;
      view.dispatch({ effects: theme.reconfigure(dark() ? oneDark : []) });
    },
    forget(path) {
      states.delete(path);
      if (path === current) current = undefined;
    },
    focus() { view?.focus(); },
    destroy() {
      unfollow();
      view?.destroy();
    },
  };
}

// A JSON editor that reports whether its text parses; returns { get, set, valid }.
export function jsonEditor(parent, { text = '{}', onChange, keys = [] } = {}) {
  const theme = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [basicSetup, keymap.of(keys), json(), linter(jsonParseLinter(), { delay: 200 }), lintGutter(),
        theme.of(dark() ? oneDark : []),
        EditorView.updateListener.of((u) => { if (u.docChanged) onChange?.(u.state.doc.toString()); })],
    }),
  });
  const unfollow = followTheme(() => view, theme);
  return {
    get: () => view.state.doc.toString(),
    set: (value) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } }),
    destroy: () => {
      unfollow();
      view.destroy();
    },
    focus: () => view.focus(),
  };
}
