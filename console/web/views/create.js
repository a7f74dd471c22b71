// Create function: name, runtime (grouped, deprecated marked), architecture, from scratch or hello-world blueprint.
import { lambda } from '../api.js';
import { DEPRECATED, RUNTIMES, starter } from '../runtimes.js';
import { buildZip } from '../zipfiles.js';
import { base64, busy, field, h } from '../ui.js';

const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';

export function createView() {
  const name = h('input', { type: 'text', id: 'function-name', autocomplete: 'off', required: true,
    placeholder: 'my-function', autofocus: true });
  const runtime = h('select', { id: 'runtime' }, RUNTIMES.map((g) => h('optgroup', { label: g.language },
    g.ids.map((id) => h('option', { value: id }, DEPRECATED.has(id) ? `${id} (deprecated)` : id)))));
  const arch = h('div', { class: 'radios', role: 'radiogroup' },
    ['x86_64', 'arm64'].map((a, i) => h('label', {}, h('input', { type: 'radio', name: 'arch', value: a, checked: i === 0 }), a)));
  const start = h('div', { class: 'cards' },
    [['blueprint', 'Hello world blueprint', 'A handler that returns a greeting, ready to test and call over HTTP.'],
      ['scratch', 'Author from scratch', 'An empty handler that returns its event.']]
      .map(([v, title, text], i) => h('label', { class: 'card' },
        h('input', { type: 'radio', name: 'start', value: v, checked: i === 0, id: `start-${v}` }),
        h('strong', {}, title), h('span', { class: 'muted' }, text))));
  const description = h('input', { type: 'text', id: 'description', placeholder: 'optional' });
  const errors = h('div', { id: 'create-errors' });
  const javaNote = h('p', { class: 'notice info hidden' },
    'Compiled functions are not edited in the console: create them from your built jar or zip, and upload new builds on the Code tab.');
  const jar = h('input', { type: 'file', accept: '.jar,.zip', id: 'java-package' });
  const handlerInput = h('input', { type: 'text', id: 'handler', value: 'example.Hello::handleRequest' });
  const javaBox = h('div', { class: 'hidden' }, javaNote, field('Package (.jar or .zip)', jar),
    field('Handler', handlerInput, 'package.Class::method for Java'));
  const submit = h('button', { class: 'primary', type: 'submit', id: 'create' }, 'Create function');

  const sync = () => {
    const java = !starter(runtime.value, true).files;
    javaBox.classList.toggle('hidden', !java);
    javaNote.classList.toggle('hidden', !java);
    start.classList.toggle('hidden', java);
  };
  runtime.addEventListener('change', sync);
  runtime.value = 'nodejs22.x';
  sync();

  const form = h('form', { class: 'page narrow', id: 'create-form', novalidate: true },
    h('h1', {}, 'Create function'),
    h('div', { class: 'panel' },
      h('h2', {}, 'Basic information'),
      field('Function name', name, 'Letters, numbers, hyphens and underscores, up to 64 characters.'),
      field('Runtime', runtime),
      field('Architecture', arch),
      field('Description', description)),
    h('div', { class: 'panel' }, h('h2', {}, 'Code'), start, javaBox),
    errors,
    h('div', { class: 'actions' }, h('a', { class: 'button secondary', href: '#/functions' }, 'Cancel'), submit));

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(submit, async () => {
      const rt = runtime.value;
      const chosen = form.querySelector('input[name=start]:checked').value;
      const { files, handler: starterHandler } = starter(rt, chosen === 'blueprint');
      const handler = files ? starterHandler : handlerInput.value.trim();
      let zip;
      if (files) zip = buildZip(files);
      else if (jar.files[0]) zip = new Uint8Array(await jar.files[0].arrayBuffer());
      else throw Object.assign(new Error('Choose the jar or zip of your Java function.'), { type: 'Package required' });
      const created = await lambda.create({
        FunctionName: name.value.trim(), Runtime: rt, Role: ROLE, Handler: handler,
        Architectures: [form.querySelector('input[name=arch]:checked').value],
        Description: description.value, Code: { ZipFile: base64(zip) },
      });
      location.hash = `#/functions/${encodeURIComponent(created.FunctionName)}/code`;
    }, errors);
  });
  return form;
}
