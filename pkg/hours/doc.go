// Package hours is the pure core of opening hours and compliance (DESIGN.md §4): schedules, slots, exceptions,
// public holidays, the resolver that expands them into concrete intervals, the formats derived from them, the
// imports that read them back, and the evaluation of the label's rules. No SQL, no HTTP, no clock: the caller
// passes the data, the time zone and the date. Structure is stored, strings are derived.
//
// # Model
//
//   - Date (civil day, no zone), Clock (wall-clock minutes 0–1440), Weekday (ISO 1–7), ISOWeek ("2026-W49").
//   - WeekRule: every, odd or even ISO week, or every n weeks from an anchor date (WeekRule.Matches). Odd/even
//     are ISO week parities: 2026 has 53 weeks, so an odd-week slot occurs on 2026-W53 and 2027-W01 in a row.
//   - Slot: weekday, Start < End on the same day, week rule, stop, planned agents (0 = unknown) and named
//     agents, access sans_rdv | sur_rdv | mixte.
//   - Schedule: owner (structure | stop | permanence, by id), channel accueil | telephone | rdv, kind regular |
//     seasonal | temporary, ValidFrom/ValidTo (inclusive, zero = open), priority, status draft | published.
//   - Exception: owner, From–To (inclusive), type closed | reduced | extra | replace, slots, reason, public message.
//   - Interval: a concrete opening, Start/End as time.Time in the structure's zone, with its civil date, owner,
//     stop, agents, access and source layer.
//
// Schedule.Validate and Exception.Validate return an *apperr.Error (KindInvalid) whose Fields are keyed by JSON
// path ("valid_to", "slots[2].end", "slots[0].week_rule.anchor") with French messages: the API maps it to 422.
//
// # Holidays
//
// Holidays(calendar, year, options) lists the public holidays of a calendar code as pkg/territory names them
// (FR, FR-ALSACE-MOSELLE, FR-971 …): rickar/cal's French list (Code du travail, art. L3133-1) plus the local
// days (see localDays in holidays.go for each decision and its legal text: art. L3134-13 for Alsace-Moselle,
// art. L3422-2 for the abolition of slavery, usage days in Guadeloupe and Martinique, the collectivities' own
// codes). HolidayOptions.OpenOnPentecostMonday drops Pentecost Monday for a structure that opens on the journée
// de solidarité; LegalOnly drops the usage days. Every département and collectivity is checked for 2024–2030
// against the reference parser opening_hours (npm), with the two documented differences (holidays_test.go).
//
// # Resolver
//
// Resolve(ResolveInput) expands the layers of one structure (its schedules, its stops', its permanences') over a
// date range in its IANA zone (Europe/Paris by default; time/tzdata is embedded so overseas zones always
// load): per owner and day the strongest valid schedule (temporary > seasonal > regular, then priority) gives
// the slots, public holidays close the day when the site's policy says so, then exceptions apply (replace,
// reduced, extra, closed). Overlapping slots count once. Wall-clock times that do not exist (spring forward)
// move to the instant of the change; times that exist twice (fall back) take their first occurrence, so
// 01:00–04:00 lasts 2 h on the last Sunday of March and 4 h on the last Sunday of October.
//
// # Formats and imports
//
//   - FormatOSM(options, schedules...) writes the OSM opening_hours subset documented on the function ("Mo-Fr
//     09:00-12:00,14:00-17:00; week 01-53/2 Tu 14:00-17:00; PH off"), with French notes on what it cannot say.
//     Every string it emits for the test samples parses with opening_hours (npm, pinned in
//     testdata/ohcheck) and opens exactly when Resolve says (osm_test.go).
//   - ParseOSM reads the subset back (rules of days, odd/even weeks and times; "PH off"); anything else is an
//     error with a French reason and the caller keeps the value raw. WeekRuleFromFrench and WithWeekRule apply
//     a "Semaine paire/impaire" column (the bus stops file).
//   - ANCTColumns / FromANCT write and read the six day columns of the national file with anct.FormatDay and
//     anct.ParseDay; unreadable cells are kept raw in ANCTImport.Unparsed, merged duplicates are listed.
//   - SchemaOrg writes OpeningHoursSpecification values for JSON-LD (json tags: an output format).
//
// # Compliance
//
// RuleSet values are dated data (CurrentRuleSets, RuleSetAt): min weekly minutes, min open days, min agents
// present, trained agents required, and the partner socle and premises hooks. Prepare builds an
// EvaluationInput from stored data: the typical week (TypicalWeek: the published regular schedule in force,
// expanded over a neutral week without holidays, exceptions or DST, the weakest week of its odd/even or every-n
// cycle) and the real weeks from the week of Today (12 by default). Evaluate(ruleSet, input) returns a Report:
//
//	{"structure_id": "…", "status": "ok|warning|failure|unknown", "rule_set": "fs-2025-06",
//	 "typical_week": {"criteria": [...]},
//	 "weeks": [{"week": "2026-W49", "criteria": [...]}]}
//
// each criterion {"code", "measured", "threshold", "unit", "status", "explanation", "slots": [{"date",
// "weekday", "start", "end", "stop_id", "structure_id", "reason"}]} with codes weekly_hours, open_days,
// agents_present, agents_trained (every week) and partner_socle, premises (typical week only: they do not
// depend on the week). The report types carry json tags because they are this documented wire shape.
//
//   - A criterion whose data is missing is unknown, never a silent pass: planned agents not given, no agent
//     data, partner socle and premises until their capabilities provide External results.
//   - A real week below the hours or days threshold is a warning when public holidays closed it and the
//     typical week passes; otherwise a failure.
//   - Per failing slot, a French reason: "mardi 14:00–17:00 : 1 agent prévu, 2 requis".
//   - Itinerant structures sum their stops (their intervals are added; a time two stops share counts once).
//   - An antenna is judged with its main site: set EvaluationInput.MainSite to the main site's prepared
//     intervals; they are added to the antenna's for every time criterion, and the main site's failing slots
//     carry its structure_id.
//   - Overall status: failure > unknown > warning > ok over all criteria.
//
// # Cost
//
// The national report prepares and evaluates every structure in one request (BenchmarkPrepareAndEvaluateNational:
// 2,800 structures, typical week and 12 weeks each). The holidays of a calendar, options and year are computed
// once and shared (holidayYearOf); the resolver steps through day numbers, indexes the slots of each schedule by
// weekday and reuses its working slices (resolvePool); Prepare hands out windows on one array of intervals per
// structure; Evaluate reads each week once and writes an explanation once per report when the weeks repeat it.
// Most of what remains is the output itself (an Interval is 216 bytes) and the garbage collection it causes.
// equivalence_test.go checks all of it against the straightforward algorithm kept in refresolve_test.go and
// refevaluate_test.go, on generated structures (DST and holiday weeks, every week rule and exception type).
package hours
