package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"maillage/bench/gen"
	"maillage/pkg/auth"
)

// account is a generated user the benchmark signs in as (with a token minted with the server's secret).
type account struct {
	ID, Email string
	Role      auth.Role
}

// fixture is what the scenarios need from the data set, read once before the runs.
type fixture struct {
	opts   options
	client *http.Client
	issuer *auth.Tokens
	runID  string

	admin, forty, big account // national admin; prefectures of the 40-structure and of the largest département
	BigDepartement    string
	ids               []string // S1: structures all over the country
	fortyIDs          []string // S4: structures of the 40-structure département
	firstPage, next   string   // S2: URL of the first page and of the second (from next_cursor)
	replays           []request
	tokens            atomic.Pointer[map[string]string] // by user id, minted again before each run

	created atomic.Int64 // visits created (201, not a replay) by any request of the run
}

func loadFixture(ctx context.Context, conn *pgx.Conn, f *fixture) error {
	var err error
	if f.admin, err = accountByEmail(ctx, conn, "admin1@bench.maillage.test"); err != nil {
		return err
	}
	if f.forty, err = accountByEmail(ctx, conn, "prefecture."+gen.FortyDepartement+"@bench.maillage.test"); err != nil {
		return err
	}
	if err = conn.QueryRow(ctx, `SELECT departement_code FROM structures GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`).
		Scan(&f.BigDepartement); err != nil {
		return err
	}
	if f.big, err = accountByEmail(ctx, conn, "prefecture."+f.BigDepartement+"@bench.maillage.test"); err != nil {
		f.big = f.admin // a small data set may lack that account: the national admin lists the same page
	}
	if f.ids, err = ids(ctx, conn, `SELECT id::text FROM structures ORDER BY md5(id::text) LIMIT 1000`); err != nil {
		return err
	}
	f.fortyIDs, err = ids(ctx, conn, `SELECT id::text FROM structures WHERE departement_code = $1 ORDER BY id`, gen.FortyDepartement)
	if err == nil && len(f.fortyIDs) != gen.FortyCount {
		err = fmt.Errorf("le %s compte %d structures au lieu de %d : données de « maillage seed bench » attendues",
			gen.FortyDepartement, len(f.fortyIDs), gen.FortyCount)
	}
	return err
}

func accountByEmail(ctx context.Context, conn *pgx.Conn, email string) (account, error) {
	a := account{Email: email}
	err := conn.QueryRow(ctx, `SELECT id::text, role FROM users WHERE email = $1`, email).Scan(&a.ID, &a.Role)
	if err != nil {
		return a, fmt.Errorf("compte %s : %w", email, err)
	}
	return a, nil
}

func ids(ctx context.Context, conn *pgx.Conn, query string, args ...any) ([]string, error) {
	rows, err := conn.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// mint issues fresh access tokens (15 min of validity) for the accounts, outside any measured window.
func (f *fixture) mint() error {
	out := map[string]string{}
	for _, a := range []account{f.admin, f.forty, f.big} {
		t, err := f.issuer.Issue(a.ID, auth.ActorUser, a.Role)
		if err != nil {
			return err
		}
		out[a.ID] = t.Value
	}
	f.tokens.Store(&out)
	return nil
}

func (f *fixture) token(a account) string { return (*f.tokens.Load())[a.ID] }

func (f *fixture) api(path string) string { return f.opts.Server + "/api/v1" + path }

// prepare reads the second page's cursor and creates the visits whose creation S4r replays.
func (f *fixture) prepare() error {
	f.firstPage = f.api("/structures?departement=" + f.BigDepartement + "&limit=50")
	res, err := f.get(f.firstPage, f.token(f.big))
	if err != nil {
		return err
	}
	var page struct {
		Items      []json.RawMessage `json:"items"`
		NextCursor *string           `json:"next_cursor"`
	}
	if err := json.Unmarshal(res, &page); err != nil {
		return err
	}
	if page.NextCursor == nil || len(page.Items) != 50 {
		return fmt.Errorf("S2 : le %s n’a pas de deuxième page de 50 structures", f.BigDepartement)
	}
	f.next = f.firstPage + "&cursor=" + *page.NextCursor
	for i := range 100 {
		rq := f.createVisit(fmt.Sprintf("replay-%d", i), uint64(i))
		if status, _ := do(f.client, rq); status != http.StatusCreated {
			return fmt.Errorf("S4 : création préalable des rejeux : %d", status)
		}
		rq.replay, rq.token = true, "" // the token is minted again for each run
		f.replays = append(f.replays, rq)
	}
	return nil
}

func (f *fixture) get(url, token string) ([]byte, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := f.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	var body json.RawMessage
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s : %d", url, res.StatusCode)
	}
	err = json.NewDecoder(res.Body).Decode(&body)
	return body, err
}

// createVisit is the S4 request with its Idempotency-Key; the key is also the visit's report, so the visits a
// key created can be counted afterwards.
func (f *fixture) createVisit(suffix string, n uint64) request {
	key := "bench-" + f.runID + "-" + suffix
	body, _ := json.Marshal(map[string]string{"structure_id": f.fortyIDs[n%uint64(len(f.fortyIDs))], "type": "prefectorale",
		"status": "planifiee", "planned_date": time.Now().AddDate(0, 0, 30).Format(time.DateOnly), "report": key})
	return request{method: http.MethodPost, url: f.api("/visits"), body: body, token: f.token(f.forty), key: key,
		want: http.StatusCreated, tag: "S4", created: &f.created}
}
