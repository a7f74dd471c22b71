// Unit tests of the schedule preview (node --test), against shared/spec/schedule-expressions.md's examples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextRuns, parse } from '../web/schedule.js';

const FROM = new Date('2026-11-25T03:33:20Z'); // a Wednesday
const runs = (expression, count = 5) => nextRuns(parse(expression), FROM, count).map((d) => d.toISOString().slice(0, 16));

test('rate counts whole periods from now', () => {
  assert.deepEqual(runs('rate(1 hour)', 2), ['2026-11-25T04:33', '2026-11-25T05:33']);
  assert.deepEqual(runs('rate(2 days)', 1), ['2026-11-27T03:33']);
});

test('rate wants the singular for 1 and the plural otherwise', () => {
  assert.throws(() => parse('rate(1 minutes)'), /singular unit: rate\(1 minute\)/);
  assert.throws(() => parse('rate(5 minute)'), /plural unit: rate\(5 minutes\)/);
  assert.throws(() => parse('rate(0 minutes)'), /positive integer/);
  assert.throws(() => parse('rate(1 week)'), /minute\(s\), hour\(s\) or day\(s\)/);
});

test('cron lists, ranges, increments and names', () => {
  assert.deepEqual(runs('cron(5,35 14 * * ? *)', 3), ['2026-11-25T14:05', '2026-11-25T14:35', '2026-11-26T14:05']);
  assert.deepEqual(runs('cron(0/15 * * * ? *)', 2), ['2026-11-25T03:45', '2026-11-25T04:00']);
  assert.deepEqual(runs('cron(0 18 ? * MON-FRI *)', 3), ['2026-11-25T18:00', '2026-11-26T18:00', '2026-11-27T18:00']);
  assert.deepEqual(runs('cron(0 8 1 JAN,JUL ? *)', 2), ['2027-01-01T08:00', '2027-07-01T08:00']);
});

test('an hour range wraps past midnight', () => {
  assert.deepEqual(runs('cron(0 23-1 * * ? *)', 3), ['2026-11-25T23:00', '2026-11-26T00:00', '2026-11-26T01:00']);
});

test('L, W and # pick days of the month', () => {
  assert.deepEqual(runs('cron(0 8 L * ? *)', 2), ['2026-11-30T08:00', '2026-12-31T08:00']);
  assert.deepEqual(runs('cron(0 9 ? * 2#1 *)', 2), ['2026-12-07T09:00', '2027-01-04T09:00']);
  assert.deepEqual(runs('cron(15 10 ? * 6L *)', 2), ['2026-11-27T10:15', '2026-12-25T10:15']);
  // 2027-01-03 is a Sunday: 3W is Monday the 4th; 2027-05-01 is a Saturday: 1W is Monday the 3rd.
  assert.deepEqual(runs('cron(0 8 3W 1 ? 2027)', 1), ['2027-01-04T08:00']);
  assert.deepEqual(runs('cron(0 8 1W 5 ? 2027)', 1), ['2027-05-03T08:00']);
});

test('a schedule entirely in the past has no runs', () => {
  assert.deepEqual(runs('cron(15 10 ? * 6L 2019-2022)'), []);
});

test('invalid cron expressions are explained', () => {
  assert.throws(() => parse('cron(0 10 * * *)'), /needs 6 fields/);
  assert.throws(() => parse('cron(0 10 * * MON *)'), /Exactly one of day-of-month and day-of-week must be \?/);
  assert.throws(() => parse('cron(0 10 ? * ? *)'), /Exactly one/);
  assert.throws(() => parse('cron(60 10 * * ? *)'), /minutes: 60 is not in 0–59/);
  assert.throws(() => parse('every day'), /rate\(…\) or cron\(…\)/);
});
