// Monitor tab: invocations, errors and throttles, and duration per minute (uPlot charts from the server's
// /_stratus/metrics), and the function's logs with stream choice, text filter and live tail (/_stratus/logs).
import uPlot from 'uplot';
import { stratus } from '../api.js';
import { errorBox, field, h } from '../ui.js';

const RANGES = [[60, 'Last hour'], [180, 'Last 3 hours'], [1440, 'Last 24 hours']];

export function monitorTab(fn) {
  const charts = chartsPanel(fn);
  const logs = logsPanel(fn);
  return { el: h('div', {}, charts.el, logs.el), cleanup: () => { charts.stop(); logs.stop(); } };
}

function chartsPanel(fn) {
  const range = h('select', { id: 'metrics-range' }, RANGES.map(([m, label]) => h('option', { value: m }, label)));
  const grid = h('div', { class: 'charts', id: 'charts' });
  const totals = h('p', { class: 'muted', id: 'metrics-totals' }, 'Loading metrics…');
  const errors = h('div');
  let plots = [];
  let generation = 0;
  const draw = async () => {
    const mine = ++generation;
    try {
      const minutes = Number(range.value);
      const { Minutes } = await stratus.metrics(fn.FunctionName, minutes);
      if (mine !== generation) return;
      const series = fill(Minutes, minutes);
      const sum = (k) => Minutes.reduce((s, m) => s + m[k], 0);
      totals.textContent = `${sum('Invocations')} invocations, ${sum('Errors')} errors, ${sum('Throttles')} throttles`
        + ' (counted by this server since it started).';
      plots.forEach((p) => p.destroy());
      grid.replaceChildren();
      const width = Math.max(300, (grid.clientWidth || 1200) / 3 - 16);
      plots = [
        chart(grid, 'Invocations', width, series.time, [['Invocations', series.invocations, '#0a6bc2']]),
        chart(grid, 'Errors and throttles', width, series.time,
          [['Errors', series.errors, '#c0262d'], ['Throttles', series.throttles, '#b06f00']]),
        chart(grid, 'Duration (ms)', width, series.time,
          [['Average', series.average, '#1d7f3a'], ['Maximum', series.maximum, '#7a3fb8']], true),
      ];
      errors.replaceChildren();
    } catch (e) {
      errors.replaceChildren(errorBox(e));
    }
  };
  range.addEventListener('change', draw);
  draw();
  const timer = setInterval(draw, 15000);
  return {
    el: h('div', { class: 'panel' }, h('div', { class: 'toolbar' }, h('h2', {}, 'Metrics'), h('span', { class: 'spacer' }),
      range, h('button', { class: 'secondary', onclick: draw, title: 'Refresh', id: 'metrics-refresh' }, '↻')), totals, errors, grid),
    stop: () => { clearInterval(timer); plots.forEach((p) => p.destroy()); },
  };
}

// One point per minute of the range, zero where nothing ran.
function fill(points, minutes) {
  const byMinute = new Map(points.map((p) => [p.Timestamp, p]));
  const last = Math.floor(Date.now() / 60000) * 60000;
  const out = { time: [], invocations: [], errors: [], throttles: [], average: [], maximum: [] };
  for (let t = last - (minutes - 1) * 60000; t <= last; t += 60000) {
    const p = byMinute.get(t);
    out.time.push(t / 1000);
    out.invocations.push(p?.Invocations ?? 0);
    out.errors.push(p?.Errors ?? 0);
    out.throttles.push(p?.Throttles ?? 0);
    out.average.push(p && p.Invocations ? p.DurationAverageMs : null);
    out.maximum.push(p && p.Invocations ? p.DurationMaximumMs : null);
  }
  return out;
}

// A line chart; `dots` marks each point, for series with gaps (minutes without invocations have no duration).
function chart(grid, title, width, time, lines, dots = false) {
  const box = h('div', { class: 'chart', 'data-chart': title }, h('h3', {}, title));
  grid.append(box);
  const axis = { stroke: getComputedStyle(document.body).color, grid: { stroke: 'rgba(128,128,128,.2)' } };
  return new uPlot({
    width, height: 180,
    series: [{}, ...lines.map(([label, , stroke]) => ({ label, stroke, width: 2, spanGaps: false, points: { show: dots, size: 6 } }))],
    axes: [axis, { ...axis, size: 50 }],
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
  }, [time, ...lines.map(([, data]) => data)], box);
}

function logsPanel(fn) {
  const filter = h('input', { type: 'search', id: 'log-filter', placeholder: 'Filter text, e.g. ERROR or a request id' });
  const stream = h('select', { id: 'log-stream' }, h('option', { value: '' }, 'All streams'));
  const live = h('input', { type: 'checkbox', id: 'log-live' });
  const out = h('pre', { class: 'output log', id: 'log-events' }, 'Loading logs…');
  const errors = h('div');
  const streams = new Set();
  let events = [];
  let nextToken;
  let timer;
  let generation = 0;

  const render = () => {
    const shown = events.filter((e) => !stream.value || e.logStreamName === stream.value);
    out.textContent = shown.length ? shown.map((e) => `${new Date(e.timestamp).toISOString()}  ${e.message}`).join('\n')
      : 'No log events in the last 24 hours match.';
    out.scrollTop = out.scrollHeight;
  };
  const addStreams = (page) => {
    for (const e of page.events) {
      if (!streams.has(e.logStreamName)) {
        streams.add(e.logStreamName);
        stream.append(h('option', { value: e.logStreamName }, e.logStreamName));
      }
    }
  };
  const load = async () => {
    const mine = ++generation;
    try {
      // Oldest first, a page at a time: read on to the newest, keeping the last 5000.
      let page = await stratus.logs(fn.FunctionName, { startTime: Date.now() - 86400000, filter: filter.value, limit: 1000 });
      let all = page.events;
      while (page.events.length === 1000 && page.nextToken) {
        page = await stratus.logs(fn.FunctionName, { filter: filter.value, nextToken: page.nextToken, limit: 1000 });
        all = [...all, ...page.events].slice(-5000);
      }
      if (mine !== generation) return;
      events = all;
      nextToken = page.nextToken;
      addStreams({ events: all });
      render();
      errors.replaceChildren();
    } catch (e) {
      errors.replaceChildren(errorBox(e));
    }
  };
  const follow = async () => {
    const mine = generation;
    try {
      const page = await stratus.logs(fn.FunctionName, { filter: filter.value, nextToken });
      if (mine !== generation) return;
      nextToken = page.nextToken ?? nextToken;
      if (page.events.length) {
        events = [...events, ...page.events].slice(-5000);
        addStreams(page);
        render();
      }
    } catch (e) {
      errors.replaceChildren(errorBox(e));
    }
  };
  let debounce;
  filter.addEventListener('input', () => { clearTimeout(debounce); debounce = setTimeout(load, 250); });
  stream.addEventListener('change', render);
  live.addEventListener('change', () => {
    clearInterval(timer);
    if (live.checked) timer = setInterval(follow, 1500);
  });
  load();
  return {
    el: h('div', { class: 'panel' }, h('div', { class: 'toolbar' }, h('h2', {}, 'Logs'), h('span', { class: 'spacer' }),
      h('label', { class: 'radios' }, live, 'Live tail'), h('button', { class: 'secondary', onclick: load, title: 'Refresh' }, '↻')),
    h('div', { class: 'row' }, field('Filter', filter), field('Log stream', stream)), errors, out),
    stop: () => clearInterval(timer),
  };
}
