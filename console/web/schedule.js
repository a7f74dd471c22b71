// EventBridge schedule expressions (shared/spec/schedule-expressions.md), computed in the browser: rate() and
// six-field cron() in UTC, for the "next 5 runs" preview. parse() throws an Error naming what is wrong.

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const UNITS = { minute: 60e3, hour: 3600e3, day: 86400e3 };

export function parse(expression) {
  const text = expression.trim();
  let m = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(text);
  if (m) {
    const value = Number(m[1]);
    const singular = m[2].endsWith('s') ? m[2].slice(0, -1) : m[2];
    if (value < 1) throw new Error('The rate value must be a positive integer.');
    if ((value === 1) !== (m[2] === singular)) {
      throw new Error(value === 1 ? `Use the singular unit: rate(1 ${singular}).` : `Use the plural unit: rate(${value} ${singular}s).`);
    }
    return { kind: 'rate', periodMs: value * UNITS[singular] };
  }
  if (/^rate\(/.test(text)) throw new Error('A rate is rate(value unit) with unit minute(s), hour(s) or day(s).');
  m = /^cron\((.*)\)$/.exec(text);
  if (!m) throw new Error('A schedule is rate(…) or cron(…).');
  return cron(m[1].trim().split(/\s+/));
}

function cron(fields) {
  if (fields.length !== 6) throw new Error(`cron() needs 6 fields (minutes hours day-of-month month day-of-week year), not ${fields.length}.`);
  const [min, hour, dom, month, dow, year] = fields.map((f) => f.toUpperCase());
  if ((dom === '?') === (dow === '?')) throw new Error('Exactly one of day-of-month and day-of-week must be ?.');
  return {
    kind: 'cron',
    minutes: set(min, 0, 59, 'minutes'),
    hours: set(hour, 0, 23, 'hours'),
    months: set(month, 1, 12, 'month', MONTHS, 1),
    years: set(year, 1970, 2199, 'year'),
    day: dom === '?' ? weekdayRule(dow) : monthDayRule(dom),
  };
}

// A field of numbers as a Set: *, a, a-b (wrapping), a/b, a-b/c, lists; names where given.
function set(field, lo, hi, label, names, base = 0) {
  const values = new Set();
  const num = (s) => {
    const i = names ? names.indexOf(s) : -1;
    const n = i >= 0 ? i + base : Number(s);
    if (!/^\d+$/.test(String(n)) || n < lo || n > hi) throw new Error(`${label}: ${s} is not in ${lo}–${hi}.`);
    return n;
  };
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`${label}: bad increment in ${part}.`);
    let from = lo;
    let to = hi;
    if (range !== '*') {
      const [a, b] = range.split('-');
      from = num(a);
      to = b === undefined ? (stepText === undefined ? from : hi) : num(b);
    }
    const span = to >= from ? to - from : to + (hi - lo + 1) - from;
    for (let k = 0; k <= span; k += step) values.add(lo + ((from - lo + k) % (hi - lo + 1)));
  }
  return values;
}

const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function monthDayRule(dom) {
  if (dom === 'L') return (y, m, d) => d === lastDay(y, m);
  if (dom === 'LW') {
    return (y, m, d) => d === nearestWeekday(y, m, lastDay(y, m));
  }
  const w = /^(\d+)W$/.exec(dom);
  if (w) {
    const target = Number(w[1]);
    if (target < 1 || target > 31) throw new Error(`day-of-month: ${dom} is not in 1–31.`);
    return (y, m, d) => target <= lastDay(y, m) && d === nearestWeekday(y, m, target);
  }
  const days = set(dom, 1, 31, 'day-of-month');
  return (y, m, d) => days.has(d);
}

function nearestWeekday(y, m, d) {
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (wd === 6) return d === 1 ? 3 : d - 1;
  if (wd === 0) return d === lastDay(y, m) ? d - 2 : d + 1;
  return d;
}

function weekdayRule(dow) {
  const hash = /^(\w+)#([1-5])$/.exec(dow);
  if (hash) {
    const wd = set(hash[1], 1, 7, 'day-of-week', DAYS, 1).values().next().value;
    const nth = Number(hash[2]);
    return (y, m, d) => new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 1 === wd && Math.ceil(d / 7) === nth;
  }
  if (dow === 'L') return (y, m, d) => new Date(Date.UTC(y, m - 1, d)).getUTCDay() === 6;
  const last = /^(\w+)L$/.exec(dow);
  if (last) {
    const wd = set(last[1], 1, 7, 'day-of-week', DAYS, 1).values().next().value;
    return (y, m, d) => new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 1 === wd && d + 7 > lastDay(y, m);
  }
  const days = set(dow, 1, 7, 'day-of-week', DAYS, 1);
  return (y, m, d) => days.has(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 1);
}

// The next `count` times (Date, UTC minutes) after `from` when the schedule fires. A rate counts from `from`.
export function nextRuns(schedule, from = new Date(), count = 5) {
  if (schedule.kind === 'rate') {
    return Array.from({ length: count }, (_, i) => new Date(from.getTime() + (i + 1) * schedule.periodMs));
  }
  const runs = [];
  const start = new Date(Math.floor(from.getTime() / 60e3) * 60e3 + 60e3);
  const day = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  const hours = [...schedule.hours].sort((a, b) => a - b);
  const minutes = [...schedule.minutes].sort((a, b) => a - b);
  for (let i = 0; i < 366 * 30 && runs.length < count; i++, day.setUTCDate(day.getUTCDate() + 1)) {
    const y = day.getUTCFullYear();
    const m = day.getUTCMonth() + 1;
    const d = day.getUTCDate();
    if (!schedule.years.has(y) || !schedule.months.has(m) || !schedule.day(y, m, d)) continue;
    for (const hh of hours) {
      for (const mm of minutes) {
        const t = new Date(Date.UTC(y, m - 1, d, hh, mm));
        if (t >= start && runs.length < count) runs.push(t);
      }
    }
  }
  return runs;
}
