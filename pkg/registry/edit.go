package registry

import (
	"context"
	"net/mail"
	"net/url"
	"slices"
	"strings"

	"maillage/pkg/anct"
	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/structure"
	"maillage/pkg/territory"
)

// Fields are the editable fields of a structure; nil means "not given" (kept on update).
type Fields struct {
	IDFS               *string
	Departement        *string
	Name               *string
	CommuneCode        *string
	Address            *string
	AddressComplement  *string
	Postcode           *string
	Latitude           *float64
	Longitude          *float64
	ResetCoordinates   bool // forget given coordinates: back to the commune's centre
	Phone              *string
	Email              *string
	Website            *string
	Format             *string
	ParentID           *string
	GroupID            *string
	CarrierType        *string
	CarrierName        *string
	CarrierSIRET       *string
	AccessibilityNotes *string
	Comment            *string
}

var (
	canCreate = []auth.Role{auth.RoleAdmin, auth.RolePrefecture}
	canEdit   = []auth.Role{auth.RoleAdmin, auth.RolePrefecture, auth.RoleAnimateur, auth.RoleStructure}
)

// Create adds a structure (a project until the labelling capability labels it).
func (s *Service) Create(ctx context.Context, actor auth.Actor, f Fields) (structure.Structure, error) {
	if !actor.HasRole(canCreate...) {
		return structure.Structure{}, apperr.Forbidden("auth.forbidden", "Votre rôle ne permet pas de créer une structure.")
	}
	dep := strings.TrimSpace(deref(f.Departement))
	if dep == "" {
		return structure.Structure{}, apperr.Invalid("validation_failed", "departement_code", "Le département est obligatoire.")
	}
	if !actor.CanSeeDepartement(dep) {
		return structure.Structure{}, apperr.Forbidden("auth.out_of_territory", "Ce département n’est pas dans votre territoire.")
	}
	st := structure.Structure{Departement: dep, LabelStatus: "projet", Format: structure.FormatSite,
		Timezone: territory.TimezoneOf(dep), HolidayCalendar: territory.HolidayCalendarOf(dep),
		Carrier: structure.Carrier{Type: "autre"}, HoursRaw: map[string]string{}}
	var out structure.Structure
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		if err := s.applyFields(ctx, actor, &st, f, true); err != nil {
			return err
		}
		created, err := s.Structures.Insert(ctx, st)
		if err != nil {
			return err
		}
		out = created
		return audit.Record(ctx, s.DB, audit.Entry{Action: "structure.create", ObjectType: "structure",
			ObjectID: created.ID, Departements: []string{dep}, After: structureView(&created)})
	})
	return out, err
}

// Update changes the given fields of a structure at the expected version.
func (s *Service) Update(ctx context.Context, actor auth.Actor, id string, version int, f Fields) (structure.Structure, error) {
	var out structure.Structure
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		before, err := s.Structures.Get(ctx, actor, id)
		if err != nil {
			return err
		}
		if !actor.HasRole(canEdit...) {
			return apperr.Forbidden("auth.forbidden", "Votre rôle ne permet pas de modifier une structure.")
		}
		if f.Departement != nil && *f.Departement != before.Departement {
			return apperr.Invalid("validation_failed", "departement_code", "Une structure ne change pas de département.")
		}
		st := before
		if err := s.applyFields(ctx, actor, &st, f, false); err != nil {
			return err
		}
		updated, err := s.Structures.Update(ctx, st, version)
		if err != nil {
			return err
		}
		out = updated
		return audit.Record(ctx, s.DB, audit.Entry{Action: "structure.update", ObjectType: "structure",
			ObjectID: id, Departements: []string{before.Departement}, Before: structureView(&before), After: structureView(&updated)})
	})
	return out, err
}

// Delete removes a structure that was never labelled; a labelled one is closed through the labelling lifecycle.
func (s *Service) Delete(ctx context.Context, actor auth.Actor, id string, version int) error {
	return db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		before, err := s.Structures.Get(ctx, actor, id)
		if err != nil {
			return err
		}
		if !actor.HasRole(canCreate...) {
			return apperr.Forbidden("auth.forbidden", "Votre rôle ne permet pas de supprimer une structure.")
		}
		if before.LabelStatus != "projet" || before.LabelDate != nil {
			return apperr.Conflict("structure.not_deletable",
				"Seul un projet jamais labellisé peut être supprimé ; une structure labellisée se ferme par une décision de labellisation.")
		}
		if err := s.Structures.Delete(ctx, id, version); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "structure.delete", ObjectType: "structure",
			ObjectID: id, Departements: []string{before.Departement}, Before: structureView(&before)})
	})
}

// applyFields validates the given fields and writes them onto st; every bad field is reported at once.
func (s *Service) applyFields(ctx context.Context, actor auth.Actor, st *structure.Structure, f Fields, creating bool) error {
	var v apperr.Validation
	setText := func(dst *string, src *string, field string, max int) {
		if src == nil {
			return
		}
		t := strings.TrimSpace(*src)
		v.Check(len([]rune(t)) <= max, field, "Texte trop long.")
		*dst = t
	}
	setText(&st.Name, f.Name, "name", 200)
	v.Check(strings.TrimSpace(st.Name) != "", "name", "Le nom est obligatoire.")
	setText(&st.Address, f.Address, "address", 300)
	setText(&st.AddressComplement, f.AddressComplement, "address_complement", 300)
	setText(&st.Postcode, f.Postcode, "postcode", 5)
	setText(&st.AccessibilityNotes, f.AccessibilityNotes, "accessibility_notes", 4000)
	setText(&st.Comment, f.Comment, "comment", 4000)
	setText(&st.Carrier.Name, f.CarrierName, "carrier.name", 300)
	if f.IDFS != nil {
		if id := strings.ToLower(strings.TrimSpace(*f.IDFS)); id == "" {
			st.IDFS = nil
		} else {
			v.Check(anct.ValidIDFS(id), "id_fs", "Identifiant ANCT invalide : un nombre ou temp_N.")
			st.IDFS = &id
		}
	}
	if st.Postcode != "" {
		v.Check(len(st.Postcode) == 5 && strings.Trim(st.Postcode, "0123456789") == "", "postcode", "Code postal invalide (5 chiffres).")
	}
	s.applyContact(st, f, &v)
	s.applyCarrier(st, f, &v)
	if err := s.applyPlace(ctx, st, f, &v, creating); err != nil {
		return err
	}
	if err := s.applyFormat(ctx, actor, st, f, &v); err != nil {
		return err
	}
	return v.Err()
}

func (s *Service) applyContact(st *structure.Structure, f Fields, v *apperr.Validation) {
	if f.Phone != nil {
		st.Phone = anct.NormalisePhone(*f.Phone)
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, st.Phone)
		v.Check(st.Phone == "" || len(digits) >= 4 && len(digits) <= 15, "phone", "Numéro de téléphone invalide.")
	}
	if f.Email != nil {
		st.Email = strings.ToLower(strings.TrimSpace(*f.Email))
		if st.Email != "" {
			a, err := mail.ParseAddress(st.Email)
			v.Check(err == nil && a.Address == st.Email, "email", "Adresse e-mail invalide.")
		}
	}
	if f.Website != nil {
		st.Website = strings.TrimSpace(*f.Website)
		if st.Website != "" {
			u, err := url.Parse(st.Website)
			v.Check(err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "", "website",
				"Adresse de site invalide (https://…).")
		}
	}
}

func (s *Service) applyCarrier(st *structure.Structure, f Fields, v *apperr.Validation) {
	if f.CarrierType != nil {
		st.Carrier.Type = structure.CarrierType(*f.CarrierType)
		v.Check(slices.Contains(structure.CarrierTypes, st.Carrier.Type), "carrier.type", "Type de porteur inconnu.")
	}
	if f.CarrierSIRET != nil {
		st.Carrier.SIRET = strings.ReplaceAll(strings.TrimSpace(*f.CarrierSIRET), " ", "")
		v.Check(st.Carrier.SIRET == "" || structure.ValidSIRET(st.Carrier.SIRET), "carrier.siret",
			"SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle.")
	}
}

// applyPlace resolves the commune and the coordinates: given coordinates are "manual"; without them the
// commune's centre stands in.
func (s *Service) applyPlace(ctx context.Context, st *structure.Structure, f Fields, v *apperr.Validation, creating bool) error {
	if f.CommuneCode != nil || creating {
		code := strings.TrimSpace(deref(f.CommuneCode))
		c, ok, err := s.communeIn(ctx, code, st.Departement, v)
		if err != nil {
			return err
		}
		v.Check(code != "", "commune_code", "La commune est obligatoire.")
		if ok {
			st.CommuneCode, st.CommuneLabel = &c.CodeINSEE, c.Name
			if st.CoordinatesSource != structure.CoordsManual && st.CoordinatesSource != structure.CoordsData {
				st.Latitude, st.Longitude, st.CoordinatesSource = c.Latitude, c.Longitude, structure.CoordsCommune
				if c.Latitude == nil {
					st.CoordinatesSource = structure.CoordsNone
				}
			}
		}
	}
	if f.ResetCoordinates {
		v.Check(f.Latitude == nil && f.Longitude == nil, "latitude", "Coordonnées données et remises au centre de la commune à la fois.")
		st.Latitude, st.Longitude, st.CoordinatesSource = nil, nil, structure.CoordsNone
		if st.CommuneCode != nil {
			if c, err := s.Territory.Commune(ctx, *st.CommuneCode); err == nil && c.Latitude != nil {
				st.Latitude, st.Longitude, st.CoordinatesSource = c.Latitude, c.Longitude, structure.CoordsCommune
			} else if err != nil && !apperr.IsKind(err, apperr.KindNotFound) {
				return err
			}
		}
		return nil
	}
	if (f.Latitude == nil) != (f.Longitude == nil) {
		v.Add("latitude", "Latitude et longitude vont ensemble.")
		return nil
	}
	if f.Latitude != nil {
		lat, lon := *f.Latitude, *f.Longitude
		ok := lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180
		if len(st.Departement) == 2 { // metropolitan France, Corsica included
			ok = lat >= 41 && lat <= 51.2 && lon >= -5.3 && lon <= 9.7
		}
		v.Check(ok, "latitude", "Coordonnées hors du territoire de la structure.")
		st.Latitude, st.Longitude, st.CoordinatesSource = &lat, &lon, structure.CoordsManual
	}
	return nil
}

func (s *Service) applyFormat(ctx context.Context, actor auth.Actor, st *structure.Structure, f Fields, v *apperr.Validation) error {
	if f.Format != nil {
		st.Format = structure.Format(*f.Format)
		v.Check(slices.Contains(structure.Formats, st.Format), "format", "Format inconnu : site, antenne ou itinerant.")
	}
	if f.ParentID != nil {
		st.ParentID = nil
		if p := strings.TrimSpace(*f.ParentID); p != "" {
			st.ParentID = &p
		}
	}
	if f.GroupID != nil {
		st.GroupID = nil
		if g := strings.TrimSpace(*f.GroupID); g != "" {
			st.GroupID = &g
		}
	}
	switch {
	case st.Format == structure.FormatAntenne && st.ParentID == nil:
		v.Add("parent_id", "Une antenne doit être rattachée à son site principal.")
	case st.Format != structure.FormatAntenne && st.ParentID != nil:
		v.Add("parent_id", "Seule une antenne se rattache à un site principal.")
	case st.ParentID != nil:
		parent, err := s.Structures.Get(ctx, actor, *st.ParentID)
		switch {
		case apperr.IsKind(err, apperr.KindNotFound):
			v.Add("parent_id", "Site principal introuvable.")
		case err != nil:
			return err
		case parent.Format != structure.FormatSite || parent.Departement != st.Departement || parent.ID == st.ID:
			v.Add("parent_id", "Le rattachement doit viser un site principal du même département.")
		}
	}
	if st.GroupID != nil {
		dep, err := s.Structures.GroupDepartement(ctx, *st.GroupID)
		if err != nil {
			return err
		}
		v.Check(dep == st.Departement, "group_id", "Groupe multi-site introuvable dans ce département.")
	}
	return nil
}

// communeIn finds a commune of the département by INSEE code; a wrong code is a field error on commune_code.
// An empty code is no commune and no error (callers decide whether it is required).
func (s *Service) communeIn(ctx context.Context, code, dep string, v *apperr.Validation) (territory.Commune, bool, error) {
	if code == "" {
		return territory.Commune{}, false, nil
	}
	c, err := s.Territory.Commune(ctx, code)
	switch {
	case apperr.IsKind(err, apperr.KindNotFound):
		v.Add("commune_code", "Commune inconnue du référentiel INSEE.")
	case err != nil:
		return territory.Commune{}, false, err
	case c.DepartementCode != dep:
		v.Add("commune_code", "Cette commune n’est pas dans le département de la structure.")
	default:
		return c, true, nil
	}
	return territory.Commune{}, false, nil
}
