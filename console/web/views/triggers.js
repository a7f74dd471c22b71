// Triggers tab: the function's HTTP APIs, URL and rules, each with its link and a Remove; Add trigger forms.
import { addHttpTrigger, addScheduleTrigger, addUrlTrigger, listTriggers, removeTrigger } from '../triggers.js';
import { nextRuns, parse } from '../schedule.js';
import { busy, confirmDialog, errorBox, field, h, spinner, toast } from '../ui.js';

export function triggersTab(fn) {
  const list = h('div', { class: 'triggers', id: 'triggers' }, spinner('Looking for triggers…'));
  const errors = h('div', { id: 'trigger-errors' });
  const kind = h('select', { id: 'trigger-kind' },
    h('option', { value: 'http' }, 'API Gateway (HTTP API)'), h('option', { value: 'url' }, 'Function URL'),
    h('option', { value: 'schedule' }, 'EventBridge schedule'));
  const forms = { http: httpForm(fn, refresh), url: urlForm(fn, refresh), schedule: scheduleForm(fn, refresh) };
  const formHost = h('div', {}, forms.http);
  kind.addEventListener('change', () => formHost.replaceChildren(forms[kind.value]));

  async function refresh() {
    try {
      const triggers = await listTriggers(fn);
      list.replaceChildren(...(triggers.length ? triggers.map((t) => row(fn, t, refresh))
        : [h('p', { class: 'muted' }, 'No triggers yet. Add one below.')]));
    } catch (e) {
      list.replaceChildren(errorBox(e));
    }
  }
  refresh();
  return { el: h('div', {},
    h('div', { class: 'panel' }, h('div', { class: 'toolbar' }, h('h2', {}, 'Triggers'), h('span', { class: 'spacer' }),
      h('button', { class: 'secondary', onclick: refresh, title: 'Refresh' }, '↻')), list, errors),
    h('div', { class: 'panel', id: 'add-trigger' }, h('h2', {}, 'Add trigger'), field('Source', kind), formHost)) };
}

function row(fn, trigger, refresh) {
  const remove = () => confirmDialog({
    title: `Remove the ${trigger.kind} trigger?`,
    text: `${trigger.title}: ${trigger.detail}. It stops invoking ${fn.FunctionName}; the permission the console added is removed too.`,
    action: 'Remove',
    onConfirm: async () => { await removeTrigger(fn, trigger); toast(`Removed ${trigger.kind} trigger.`); await refresh(); },
  });
  return h('div', { class: 'trigger', 'data-trigger': trigger.kind },
    h('span', { class: 'kind' }, trigger.kind),
    h('div', { class: 'spacer' }, h('div', {}, h('strong', {}, trigger.title), ' ', h('code', {}, trigger.detail),
      trigger.state ? h('span', { class: 'tag' }, trigger.state) : null),
    ...trigger.urls.map((u) => h('div', {}, h('a', { href: u, target: '_blank', rel: 'noopener', class: 'trigger-url' }, u)))),
    h('button', { class: 'ghost danger', onclick: remove }, 'Remove'));
}

function httpForm(fn, refresh) {
  const errors = h('div');
  const result = h('div', { id: 'http-result' });
  const add = h('button', { class: 'primary', id: 'add-http' }, 'Add HTTP trigger');
  add.addEventListener('click', () => busy(add, async () => {
    const url = await addHttpTrigger(fn);
    result.replaceChildren(h('div', { class: 'notice success' }, 'HTTP trigger added: ',
      h('a', { href: url, target: '_blank', rel: 'noopener', id: 'http-url' }, url)));
    await refresh();
  }, errors));
  return h('div', {},
    h('p', { class: 'muted' }, 'Creates an HTTP API ', h('code', {}, `${fn.FunctionName}-API`), ' with route ',
      h('code', {}, `ANY /${fn.FunctionName}`), ' on stage ', h('code', {}, 'default'),
      ', and allows API Gateway to invoke the function.'),
    add, errors, result);
}

function urlForm(fn, refresh) {
  const auth = h('select', { id: 'url-auth' }, h('option', { value: 'NONE' }, 'NONE (public)'), h('option', { value: 'AWS_IAM' }, 'AWS_IAM'));
  const corsOn = h('input', { type: 'checkbox', id: 'url-cors' });
  const origins = h('input', { type: 'text', value: '*', id: 'cors-origins' });
  const methods = h('input', { type: 'text', value: '*', id: 'cors-methods' });
  const headers = h('input', { type: 'text', value: '', placeholder: 'content-type', id: 'cors-headers' });
  const maxAge = h('input', { type: 'number', min: 0, max: 86400, value: 0, id: 'cors-max-age' });
  const corsBox = h('div', { class: 'row hidden' }, field('Allow origins', origins), field('Allow methods', methods),
    field('Allow headers', headers), field('Max age (s)', maxAge));
  corsOn.addEventListener('change', () => corsBox.classList.toggle('hidden', !corsOn.checked));
  const errors = h('div');
  const add = h('button', { class: 'primary', id: 'add-url' }, 'Create function URL');
  const list = (input) => input.value.split(',').map((s) => s.trim()).filter(Boolean);
  add.addEventListener('click', () => busy(add, async () => {
    const cors = corsOn.checked ? { AllowOrigins: list(origins), AllowMethods: list(methods), AllowHeaders: list(headers),
      MaxAge: Number(maxAge.value) } : undefined;
    const url = await addUrlTrigger(fn, { authType: auth.value, cors });
    toast(`Function URL created: ${url}`);
    await refresh();
  }, errors));
  return h('div', {}, h('div', { class: 'row' }, field('Auth type', auth),
    h('label', { class: 'radios' }, corsOn, 'Configure CORS')), corsBox, add, errors);
}

function scheduleForm(fn, refresh) {
  const name = h('input', { type: 'text', id: 'rule-name', value: `${fn.FunctionName}-schedule`.slice(0, 64) });
  const expression = h('input', { type: 'text', id: 'schedule-expression', value: 'rate(5 minutes)', size: 32 });
  const preview = h('div', { id: 'schedule-preview' });
  const errors = h('div');
  const add = h('button', { class: 'primary', id: 'add-schedule' }, 'Add schedule');
  const update = () => {
    try {
      const runs = nextRuns(parse(expression.value));
      add.disabled = false;
      preview.replaceChildren(h('span', { class: 'muted' }, 'Next 5 runs (UTC):'), runs.length
        ? h('ol', { class: 'runs' }, ...runs.map((d) => h('li', {}, d.toISOString().replace('T', ' ').slice(0, 16))))
        : h('p', { class: 'muted' }, 'No runs in the future.'));
    } catch (e) {
      add.disabled = true;
      preview.replaceChildren(h('p', { class: 'error-text' }, e.message));
    }
  };
  expression.addEventListener('input', update);
  update();
  add.addEventListener('click', () => busy(add, async () => {
    await addScheduleTrigger(fn, { ruleName: name.value.trim(), expression: expression.value.trim() });
    toast(`Schedule ${name.value.trim()} added.`);
    await refresh();
  }, errors));
  return h('div', {}, h('div', { class: 'row' }, field('Rule name', name),
    field('Schedule expression', expression, 'rate(5 minutes) or cron(0 9 ? * MON-FRI *), in UTC')),
  preview, add, errors);
}
