package rest

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"maillage/pkg/labelflow"
)

// getLabel godoc
// @Summary      Label d’une structure : état, date, vague, historique et décisions possibles
// @Description  `allowed` liste les transitions que le rôle de l’appelant peut faire depuis l’état courant, avec les conditions qui échouent aujourd’hui (`blocked`). Une structure labellisée avant Maillage (liste ANCT) n’a pas d’historique : son état et sa date viennent du registre. `watch_requests` : constats de visite demandant la mise sous surveillance, postérieurs à la dernière décision. ETag = version du label.
// @Tags         labellisation
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Structure" format(uuid)
// @Success      200 {object} LabelState
// @Header       200 {string} ETag "Version du label"
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Router       /structures/{id}/label [get]
func (h *Handlers) getLabel(c echo.Context) error {
	ls, err := h.Labelling.State(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return writeLabel(c, ls)
}

func writeLabel(c echo.Context, ls labelflow.LabelState) error {
	setETag(c, ls.Version)
	return c.JSON(http.StatusOK, labelStateDTO(ls))
}

// postTransition godoc
// @Summary      Prendre une décision de labellisation
// @Description  Transition de l’état courant vers `to`, selon la table de l’ADR 0007. 403 label.transition_forbidden (rôle), 409 label.transition_invalid (impossible depuis l’état courant), 422 validation_failed (motif obligatoire pour une décision négative, vague pour une labellisation, dérogation incomplète), 422 label.guard_failed (une erreur par condition non remplie : dossier incomplet, audit, conformité). Les dérogations (préfecture, national) ne s’accordent qu’à la labellisation. La décision garde l’évaluation de conformité du moment ; la labellisation donne la date de la vague et publie les horaires en brouillon.
// @Tags         labellisation
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string               true "Structure" format(uuid)
// @Param        If-Match header string               true "Version du label lue"
// @Param        body     body   LabelTransitionInput true "Décision"
// @Success      200 {object} LabelState
// @Header       200 {string} ETag "Version du label"
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /structures/{id}/label/transitions [post]
func (h *Handlers) postTransition(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	version, err := versionToWrite(c, func() error { _, err := h.Structures.Get(ctx, actor, c.Param("id")); return err })
	if err != nil {
		return err
	}
	var in TransitionInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	ls, err := h.Labelling.Transition(ctx, actor, c.Param("id"), version, in.input())
	if err != nil {
		return err
	}
	return writeLabel(c, ls)
}

// listWaves godoc
// @Summary      Vagues de labellisation d’un département
// @Tags         labellisation
// @Produce      json
// @Security     BearerAuth
// @Param        code path string true "Code du département" example(70)
// @Success      200 {object} LabelWaveList
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /departements/{code}/waves [get]
func (h *Handlers) listWaves(c echo.Context) error {
	list, err := h.Labelling.Waves(c.Request().Context(), actorOf(c), c.Param("code"))
	if err != nil {
		return err
	}
	out := WaveList{Items: make([]WaveDTO, len(list))}
	for i, w := range list {
		out.Items[i] = *waveDTO(&w.Wave, w.LabelledCount)
	}
	return c.JSON(http.StatusOK, out)
}

// createWave godoc
// @Summary      Créer une vague de labellisation
// @Description  Une vague par date dans un département (409 wave.date_taken) ; sa date devient la date de label des structures labellisées avec elle.
// @Tags         labellisation
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        code path string         true "Code du département" example(70)
// @Param        body body LabelWaveInput true "Vague"
// @Success      201 {object} LabelWave
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      422 {object} Problem
// @Router       /departements/{code}/waves [post]
func (h *Handlers) createWave(c echo.Context) error {
	var in WaveInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	w, err := h.Labelling.CreateWave(c.Request().Context(), actorOf(c), c.Param("code"), in.Name, in.Date)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, waveDTO(&w.Wave, 0))
}
