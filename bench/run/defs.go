package main

import (
	"fmt"
	"net/http"
	"slices"

	"maillage/bench/gen"
)

// The scenarios of issue 9. Tokens are read at each request from the set minted before the run.

// s1: GET /structures/{id} (with its ANCT hours and number history) all over the country, as the admin.
func (f *fixture) s1(i uint64) request {
	return request{method: http.MethodGet, url: f.api("/structures/" + f.ids[i%uint64(len(f.ids))]), token: f.token(f.admin),
		want: http.StatusOK, tag: "S1"}
}

// floor: the same structures from the reference server.
func (f *fixture) floorRequest(i uint64) request {
	return request{method: http.MethodGet, url: f.opts.Floor + "/api/v1/structures/" + f.ids[i%uint64(len(f.ids))],
		want: http.StatusOK}
}

// s2: the largest département's list, 50 items, first and second page in turn (the prefecture's view).
func (f *fixture) s2(i uint64) request {
	rq := request{method: http.MethodGet, url: f.firstPage, token: f.token(f.big), want: http.StatusOK, tag: "first"}
	if i%2 == 1 {
		rq.url, rq.tag = f.next, "second"
	}
	return rq
}

// s3: the compliance report of the département of exactly 40 structures, by its prefecture.
func (f *fixture) s3(uint64) request {
	return request{method: http.MethodGet, url: f.api("/departements/" + gen.FortyDepartement + "/compliance"),
		token: f.token(f.forty), want: http.StatusOK, tag: "S3"}
}

// s4: a visit planned with a new Idempotency-Key each time.
func (f *fixture) s4(i uint64) request {
	return f.createVisit(fmt.Sprint(i), i)
}

// s4r: the same keys again: the stored answers are replayed.
func (f *fixture) s4r(i uint64) request {
	rq := f.replays[i%uint64(len(f.replays))]
	rq.token = f.token(f.forty)
	return rq
}

// s5: the mix 70 / 20 / 5 / 5 of S1, S2, S3 and S4.
func (f *fixture) s5(i uint64) request {
	switch k := i % 20; {
	case k < 14:
		return f.s1(i)
	case k < 18:
		rq := f.s2(k)
		rq.tag = "S2"
		return rq
	case k == 18:
		return f.s3(i)
	default:
		return f.s4(i)
	}
}

// closedScenarios are measured at saturation, in this order in every round.
func (f *fixture) closedScenarios() []scenario {
	all := []scenario{
		{name: "floor", target: "floor", next: f.floorRequest},
		{name: "S1", target: "maillage", next: f.s1},
		{name: "S2", target: "maillage", next: f.s2},
		{name: "S3", target: "maillage", next: f.s3},
		{name: "S4", target: "maillage", next: f.s4},
		{name: "S4r", target: "maillage", next: f.s4r},
		{name: "S5", target: "maillage", next: f.s5},
	}
	only := splitList(f.opts.Only)
	if len(only) == 0 {
		return all
	}
	var out []scenario
	for _, sc := range all {
		if slices.Contains(only, sc.name) {
			out = append(out, sc)
		}
	}
	return out
}

// runsOpenLoop reports whether --only leaves S1's open loop in the rounds ("S1open").
func (f *fixture) runsOpenLoop() bool {
	only := splitList(f.opts.Only)
	return len(only) == 0 || slices.Contains(only, "S1open")
}
