// Command floor is the reference server of the benchmark (issue 9): plain net/http and a pgx pool answering
// GET /api/v1/structures/{id} with the same SQL work as the real handler (the structure with its ANCT hours, then
// its ANCT number history, two statements), JSON-encoded in the same shape, with no authentication, no middleware
// and no ORM. Maillage's throughput on scenario S1 is reported as a ratio to this floor.
//
//	DATABASE_URL=postgres://… floor -addr 127.0.0.1:8091
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// structureQuery mirrors the structure's columns of pkg/structure.Store.GetWithHistory (oneColumns, filter on the id).
const structureQuery = `SELECT s.id, s.id_fs, s.departement_code, s.name, s.commune_code, s.commune_label, s.address,
	s.address_complement, s.postcode, s.latitude, s.longitude, s.coordinates_source, s.phone, s.email, s.website,
	s.format, s.parent_id, s.group_id, s.carrier_type, s.carrier_name, s.carrier_siret, s.label_status,
	s.label_date, s.timezone, s.holiday_calendar, s.accessibility_notes, s.hours_raw, s.comment, s.created_at,
	s.updated_at, s.version, '' AS sort_key
	FROM structures s WHERE s.id = $1`

// historyQuery mirrors pkg/structure.Store.History.
const historyQuery = `SELECT id_fs, from_at, to_at FROM structure_id_history WHERE structure_id = $1 ORDER BY from_at, id_fs`

type carrier struct {
	Type  string `json:"type"`
	Name  string `json:"name"`
	SIRET string `json:"siret"`
}

type idHistory struct {
	IDFS string     `json:"id_fs"`
	From time.Time  `json:"from"`
	To   *time.Time `json:"to"`
}

// structure has the JSON shape of the API's Structure.
type structure struct {
	ID                 string            `json:"id"`
	IDFS               *string           `json:"id_fs"`
	IDFSHistory        []idHistory       `json:"id_fs_history"`
	DepartementCode    string            `json:"departement_code"`
	Name               string            `json:"name"`
	CommuneCode        *string           `json:"commune_code"`
	CommuneName        string            `json:"commune_name"`
	Address            string            `json:"address"`
	AddressComplement  string            `json:"address_complement"`
	Postcode           string            `json:"postcode"`
	Latitude           *float64          `json:"latitude"`
	Longitude          *float64          `json:"longitude"`
	CoordinatesSource  string            `json:"coordinates_source"`
	Phone              string            `json:"phone"`
	Email              string            `json:"email"`
	Website            string            `json:"website"`
	Format             string            `json:"format"`
	ParentID           *string           `json:"parent_id"`
	GroupID            *string           `json:"group_id"`
	Carrier            carrier           `json:"carrier"`
	LabelStatus        string            `json:"label_status"`
	LabelDate          *string           `json:"label_date"`
	Timezone           string            `json:"timezone"`
	HolidayCalendar    string            `json:"holiday_calendar"`
	AccessibilityNotes string            `json:"accessibility_notes"`
	HoursRaw           map[string]string `json:"hours_raw"`
	Comment            string            `json:"comment"`
	QualityFlags       []string          `json:"quality_flags"`
	CreatedAt          time.Time         `json:"created_at"`
	UpdatedAt          time.Time         `json:"updated_at"`
	Version            int               `json:"version"`
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8091", "adresse d’écoute")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := pgxpool.ParseConfig(os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatalf("floor: DATABASE_URL: %v", err)
	}
	cfg.MaxConns = 20 // as the server's pool (pkg/db.DefaultOptions)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		log.Fatalf("floor: %v", err)
	}
	defer pool.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/structures/{id}", func(w http.ResponseWriter, r *http.Request) { getStructure(pool, w, r) })
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.Printf("floor: listening on %s", *addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("floor: %v", err)
	}
}

func getStructure(pool *pgxpool.Pool, w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if len(id) != 36 || uuid.Validate(id) != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	s, err := load(r.Context(), pool, id)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		http.Error(w, "not found", http.StatusNotFound)
		return
	case err != nil:
		log.Printf("floor: %v", err)
		http.Error(w, "error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("ETag", `"`+strconv.Itoa(s.Version)+`"`)
	_ = json.NewEncoder(w).Encode(s)
}

func load(ctx context.Context, pool *pgxpool.Pool, id string) (structure, error) {
	var s structure
	var hours, sortKey string
	var labelDate *time.Time
	err := pool.QueryRow(ctx, structureQuery, id).Scan(&s.ID, &s.IDFS, &s.DepartementCode, &s.Name, &s.CommuneCode,
		&s.CommuneName, &s.Address, &s.AddressComplement, &s.Postcode, &s.Latitude, &s.Longitude, &s.CoordinatesSource,
		&s.Phone, &s.Email, &s.Website, &s.Format, &s.ParentID, &s.GroupID, &s.Carrier.Type, &s.Carrier.Name,
		&s.Carrier.SIRET, &s.LabelStatus, &labelDate, &s.Timezone, &s.HolidayCalendar, &s.AccessibilityNotes, &hours,
		&s.Comment, &s.CreatedAt, &s.UpdatedAt, &s.Version, &sortKey)
	if err != nil {
		return s, err
	}
	if labelDate != nil {
		d := labelDate.Format(time.DateOnly)
		s.LabelDate = &d
	}
	if err := json.Unmarshal([]byte(hours), &s.HoursRaw); err != nil {
		return s, err
	}
	rows, err := pool.Query(ctx, historyQuery, id)
	if err != nil {
		return s, err
	}
	s.IDFSHistory, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (idHistory, error) {
		var h idHistory
		return h, row.Scan(&h.IDFS, &h.From, &h.To)
	})
	s.QualityFlags = []string{}
	return s, err
}
