package rest

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/visit"
	"maillage/pkg/visiting"
)

// visitFilter reads the filters of the visit list.
func visitFilter(c echo.Context) (visit.Filter, error) {
	var v apperr.Validation
	f := visit.Filter{StructureID: strings.ToLower(c.QueryParam("structure_id")), Departement: c.QueryParam("departement"),
		Type: visit.Type(c.QueryParam("type")), Status: visit.Status(c.QueryParam("status"))}
	v.Check(f.StructureID == "" || visit.IsUUID(f.StructureID), "structure_id", "Identifiant de structure invalide.")
	v.Check(f.Type == "" || f.Type.Valid(), "type", "Type inconnu : prefectorale, animateur, audit_qualite ou autre.")
	v.Check(f.Status == "" || f.Status.Valid(), "status", "Statut inconnu : planifiee, realisee ou annulee.")
	f.From = queryDate(c, "from", &v)
	f.To = queryDate(c, "to", &v)
	return f, v.Err()
}

func queryDate(c echo.Context, name string, v *apperr.Validation) *time.Time {
	raw := c.QueryParam(name)
	if raw == "" {
		return nil
	}
	d, err := time.Parse(time.DateOnly, raw)
	if err != nil {
		v.Add(name, "Date invalide : AAAA-MM-JJ attendu.")
		return nil
	}
	return &d
}

// listVisits godoc
// @Summary      Liste des visites
// @Description  Limitée au territoire de l’appelant (une structure voit les visites de ses structures) ; la date la plus récente d’abord (date de réalisation, sinon date prévue) ; pagination par curseur.
// @Tags         visites
// @Produce      json
// @Security     BearerAuth
// @Param        structure_id query string false "Structure" format(uuid)
// @Param        departement  query string false "Code du département" example(70)
// @Param        type         query string false "Type de visite" Enums(prefectorale, animateur, audit_qualite, autre)
// @Param        status       query string false "Statut" Enums(planifiee, realisee, annulee)
// @Param        from         query string false "Date de début (incluse), AAAA-MM-JJ" example(2026-01-01)
// @Param        to           query string false "Date de fin (incluse), AAAA-MM-JJ" example(2026-12-31)
// @Param        cursor       query string false "Curseur de la page suivante"
// @Param        limit        query int    false "Taille de page (1–200, 50 par défaut)"
// @Success      200 {object} VisitList
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      422 {object} Problem
// @Router       /visits [get]
func (h *Handlers) listVisits(c echo.Context) error {
	f, err := visitFilter(c)
	if err != nil {
		return err
	}
	page, err := pageOf(c)
	if err != nil {
		return err
	}
	p, err := h.Visiting.List(c.Request().Context(), actorOf(c), f, page.Cursor, page.Limit)
	if err != nil {
		return err
	}
	out := VisitList{Items: make([]VisitSummaryDTO, len(p.Items))}
	for i, v := range p.Items {
		out.Items[i] = visitSummary(v, p.Structures[v.StructureID])
	}
	if p.Next != "" {
		out.NextCursor = &p.Next
	}
	return c.JSON(http.StatusOK, out)
}

// getVisit godoc
// @Summary      Une visite, avec sa grille, les chiffres préremplis et les réponses
// @Tags         visites
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Visite" format(uuid)
// @Success      200 {object} Visit
// @Header       200 {string} ETag "Version de la ressource"
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /visits/{id} [get]
func (h *Handlers) getVisit(c echo.Context) error {
	d, err := h.Visiting.Get(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return writeVisit(c, http.StatusOK, d)
}

func writeVisit(c echo.Context, status int, d visiting.Detail) error {
	setETag(c, d.Visit.Version)
	return c.JSON(status, visitDTO(d))
}

// createVisit godoc
// @Summary      Planifier une visite (ou enregistrer une visite déjà faite)
// @Description  Statut « planifiee » (date prévue obligatoire) ou « realisee » (date de réalisation obligatoire, pas dans le futur ; les réponses obligatoires de la grille sont exigées). La visite reçoit la dernière grille publiée de son type (celle du département, sinon la nationale) et la garde. L’animation départementale planifie ses propres visites (type « animateur »).
// @Tags         visites
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        Idempotency-Key header string           false "Clé d’idempotence"
// @Param        body            body   VisitCreateInput true  "Visite"
// @Success      201 {object} Visit
// @Header       201 {string} ETag "Version de la ressource"
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      422 {object} Problem
// @Router       /visits [post]
func (h *Handlers) createVisit(c echo.Context) error {
	var in VisitCreateInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	d, err := h.Visiting.Create(c.Request().Context(), actorOf(c), in.fields())
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", apiPrefix+"/visits/"+d.Visit.ID)
	return writeVisit(c, http.StatusCreated, d)
}

// updateVisit godoc
// @Summary      Modifier une visite, l’enregistrer comme réalisée ou l’annuler
// @Description  Champs absents inchangés ; les listes données (visiteurs, personnes rencontrées, réponses) remplacent les précédentes. `status: realisee` demande `done_date` (pas dans le futur) et les réponses obligatoires ; `status: annulee` demande `cancel_reason`. Une visite réalisée ne revient pas en arrière ; une visite annulée ne change plus (409). La grille d’une visite ne change plus une fois des réponses saisies.
// @Tags         visites
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string          true "Visite" format(uuid)
// @Param        If-Match header string          true "ETag lu"
// @Param        body     body   VisitPatchInput true "Champs à modifier"
// @Success      200 {object} Visit
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /visits/{id} [patch]
func (h *Handlers) updateVisit(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	version, err := versionToWrite(c, func() error { return h.Visiting.Visible(ctx, actor, id) })
	if err != nil {
		return err
	}
	var in VisitPatchInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	d, err := h.Visiting.Update(ctx, actor, id, version, in.fields())
	if err != nil {
		return err
	}
	return writeVisit(c, http.StatusOK, d)
}

// deleteVisit godoc
// @Summary      Supprimer une visite planifiée
// @Description  Seule une visite planifiée sans constat, action ni pièce jointe se supprime ; sinon 409 : annulez-la avec un motif (PATCH status=annulee).
// @Tags         visites
// @Security     BearerAuth
// @Param        id       path   string true "Visite" format(uuid)
// @Param        If-Match header string true "ETag lu"
// @Success      204
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      412 {object} Problem
// @Failure      428 {object} Problem
// @Router       /visits/{id} [delete]
func (h *Handlers) deleteVisit(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	version, err := versionToWrite(c, func() error { return h.Visiting.Visible(ctx, actor, id) })
	if err != nil {
		return err
	}
	if err := h.Visiting.Delete(ctx, actor, id, version); err != nil {
		return err
	}
	return noContent(c)
}
