// Test tab: named test events (saved on the server per function) edited as JSON with validation, templates, and
// Test: the response, the invocation's log output, the REPORT summary and the request id.
import { lambda, stratus } from '../api.js';
import { jsonEditor } from '../editor.js';
import { TEMPLATES } from '../events.js';
import { parseReport, reportLine } from '../logtail.js';
import { busy, errorBox, field, fromBase64, h, notice, toast } from '../ui.js';

export function testTab(fn) {
  const saved = h('select', { id: 'saved-events', 'aria-label': 'Saved events' });
  const name = h('input', { type: 'text', id: 'event-name', placeholder: 'MyEvent', maxlength: 25 });
  const template = h('select', { id: 'event-template' },
    h('option', { value: '' }, 'Template…'), Object.keys(TEMPLATES).map((t) => h('option', { value: t }, t)));
  const validity = h('span', { class: 'muted', id: 'json-state' }, 'Valid JSON');
  const errors = h('div', { id: 'test-errors' });
  const result = h('div', { id: 'test-result' });
  const host = h('div', { class: 'editor small-editor', id: 'event-editor' });
  const testButton = h('button', { class: 'primary', id: 'run-test', title: 'Ctrl+Enter' }, 'Test');
  const saveButton = h('button', { class: 'secondary', id: 'save-event' }, 'Save');
  const deleteButton = h('button', { class: 'ghost danger', id: 'delete-event' }, 'Delete');
  let events = [];

  const check = (text) => {
    try {
      JSON.parse(text);
      validity.textContent = 'Valid JSON';
      validity.className = 'muted';
      testButton.disabled = saveButton.disabled = false;
    } catch (e) {
      validity.textContent = `Invalid JSON: ${e.message}`;
      validity.className = 'error-text';
      testButton.disabled = saveButton.disabled = true;
    }
  };
  const run = () => busy(testButton, async () => {
    result.replaceChildren(h('p', { class: 'muted' }, `Invoking ${fn.FunctionName}…`));
    const response = await lambda.invoke(fn.FunctionName, editor.get());
    result.replaceChildren(resultView(response.headers, await response.text()));
    result.scrollIntoView({ block: 'start' });
  }, errors);
  const editor = jsonEditor(host, {
    text: JSON.stringify(TEMPLATES['hello-world'](), null, 2),
    onChange: check,
    keys: [{ key: 'Mod-Enter', preventDefault: true, run: () => { run(); return true; } }],
  });

  const select = (eventName) => {
    const ev = events.find((e) => e.Name === eventName);
    if (!ev) return;
    name.value = ev.Name;
    saved.value = ev.Name;
    editor.set(prettify(ev.Event));
  };
  const loadSaved = async (selectName) => {
    try {
      events = await stratus.testEvents(fn.FunctionName);
      saved.replaceChildren(h('option', { value: '' }, events.length ? 'Saved events…' : 'No saved events'),
        ...events.map((e) => h('option', { value: e.Name }, e.Name)));
      if (selectName) select(selectName);
      else if (events.length) select(events[0].Name);
    } catch (e) {
      errors.replaceChildren(errorBox(e));
    }
  };
  saved.addEventListener('change', () => select(saved.value));
  template.addEventListener('change', () => {
    if (!template.value) return;
    editor.set(JSON.stringify(TEMPLATES[template.value](), null, 2));
    if (!name.value) name.value = template.value.slice(0, 25);
    template.value = '';
  });
  saveButton.addEventListener('click', () => busy(saveButton, async () => {
    if (!name.value.trim()) throw Object.assign(new Error('Give the event a name.'), { type: 'Name required' });
    await stratus.saveTestEvent(fn.FunctionName, name.value.trim(), editor.get());
    toast(`Saved test event ${name.value.trim()}.`);
    await loadSaved(name.value.trim());
  }, errors));
  deleteButton.addEventListener('click', () => busy(deleteButton, async () => {
    if (!saved.value) return;
    await stratus.deleteTestEvent(fn.FunctionName, saved.value);
    toast(`Deleted test event ${saved.value}.`);
    name.value = '';
    await loadSaved();
  }, errors));
  testButton.addEventListener('click', run);
  loadSaved();
  return {
    el: h('div', { class: 'test-grid' },
      h('div', { class: 'panel' },
        h('div', { class: 'toolbar' }, h('h2', {}, 'Test event'), h('span', { class: 'spacer' }), testButton),
        h('div', { class: 'row' }, field('Saved events', saved), field('Event name', name)),
        h('div', { class: 'row' }, field('Start from', template), h('span', { class: 'spacer' }), saveButton, deleteButton),
        host, validity, errors),
      h('div', { class: 'result-column' }, result)),
    cleanup: () => editor.destroy(),
  };
}

function prettify(text) {
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
}

function resultView(headers, body) {
  const error = headers.get('X-Amz-Function-Error');
  const tail = headers.get('X-Amz-Log-Result');
  const log = tail ? fromBase64(tail) : '';
  const report = parseReport(reportLine(log) || '');
  const requestId = report?.requestId || headers.get('x-amzn-RequestId');
  let doc;
  try { doc = JSON.parse(body); } catch { doc = undefined; }
  const head = error
    ? notice('error', h('strong', {}, 'Executing function: failed'), ' ',
      h('span', { class: 'error-type' }, doc?.errorType || error), ': ', doc?.errorMessage || body)
    : notice('success', h('strong', {}, 'Executing function: succeeded'));
  const metric = (label, v) => (v ? [h('dt', {}, label), h('dd', {}, `${v.value} ${v.unit}`)] : []);
  return h('div', { class: 'panel result', id: 'execution-result', 'data-outcome': error ? 'error' : 'success' },
    head,
    h('h3', {}, 'Response'), h('pre', { class: 'output', id: 'response-body' }, doc !== undefined ? JSON.stringify(doc, null, 2) : body),
    h('h3', {}, 'Summary'),
    h('dl', { class: 'props', id: 'report-summary' },
      h('dt', {}, 'Request ID'), h('dd', {}, h('code', {}, requestId || '—')),
      report ? [...metric('Duration', report.duration), ...metric('Billed duration', report.billedDuration),
        ...metric('Memory size', report.memorySize), ...metric('Max memory used', report.maxMemoryUsed),
        ...metric('Init duration', report.initDuration)] : [h('dt', {}, 'Report'), h('dd', {}, 'No REPORT line in the log tail')]),
    h('h3', {}, 'Log output'), h('pre', { class: 'output log', id: 'log-output' }, log || '(no log output)'));
}
