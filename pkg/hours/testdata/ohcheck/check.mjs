// Reference evaluation for pkg/hours tests (ohcheck_test.go): reads one JSON request on stdin, answers on stdout.
//   {"holidays": [{"id", "state", "from", "to"}],          French public holidays of a state (département name)
//    "osm":      [{"id", "value", "state", "from", "to"}]}  open intervals of an OSM opening_hours value
// Dates are "YYYY-MM-DD", `to` excluded, read in the process's time zone (the Go test sets TZ).
// Answer: {"holidays": {id: [{"date", "name"}]}, "osm": {id: {"error", "warnings", "intervals": [[startMs, endMs]]}}}
import OpeningHours from 'opening_hours';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const localDate = (s) => {
  const [y, m, d] = s.split('-').map(Number);
  return new Date(y, m - 1, d);
};
const ymd = (t) =>
  `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
const place = (state) => ({ lat: '48.85', lon: '2.35', address: { country_code: 'fr', state } });

const answer = { holidays: {}, osm: {} };
for (const q of request.holidays ?? []) {
  const oh = new OpeningHours('PH', place(q.state));
  answer.holidays[q.id] = oh
    .getOpenIntervals(localDate(q.from), localDate(q.to))
    .map(([from, , , name]) => ({ date: ymd(from), name }));
}
for (const q of request.osm ?? []) {
  try {
    const oh = new OpeningHours(q.value, place(q.state), { warnings_severity: 7 });
    answer.osm[q.id] = {
      warnings: oh.getWarnings(),
      intervals: oh
        .getOpenIntervals(localDate(q.from), localDate(q.to))
        .map(([from, to]) => [from.getTime(), to.getTime()]),
    };
  } catch (e) {
    answer.osm[q.id] = { error: String(e) };
  }
}
process.stdout.write(JSON.stringify(answer));
