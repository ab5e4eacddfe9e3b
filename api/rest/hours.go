package rest

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/compliance"
	"maillage/pkg/hours"
)

// Opening hours, agents and compliance (ADR 0006).

// dateParam reads an optional date query parameter.
func dateParam(c echo.Context, name string) (hours.Date, error) {
	var v apperr.Validation
	d := parseDateField(&v, name, c.QueryParam(name))
	return d, v.Err()
}

// weeksParam reads weeks (1–52, 12 by default).
func weeksParam(c echo.Context) (int, error) {
	return weeksParamOr(c, compliance.DefaultWeeks)
}

// weeksParamOr reads the number of real weeks to evaluate, def when absent.
func weeksParamOr(c echo.Context, def int) (int, error) {
	raw := c.QueryParam("weeks")
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > 52 {
		return 0, apperr.Invalid("validation_failed", "weeks", "Le nombre de semaines doit être compris entre 1 et 52.")
	}
	return n, nil
}

// instantParam reads an RFC 3339 instant (now when absent).
func (h *Handlers) instantParam(c echo.Context, name string) (time.Time, error) {
	raw := c.QueryParam(name)
	if raw == "" {
		return h.now(), nil
	}
	// an unencoded "+01:00" arrives as " 01:00": accept it rather than fail on a client's URL encoding
	t, err := time.Parse(time.RFC3339, strings.Replace(raw, " ", "+", 1))
	if err != nil {
		return t, apperr.Invalid("validation_failed", name, "Instant invalide : AAAA-MM-JJTHH:MM:SS+01:00 attendu.")
	}
	return t, nil
}

// getSchedules godoc
// @Summary      Horaires d’une structure
// @Description  Tous les horaires (structure, arrêts, permanences ; réguliers, saisonniers, temporaires ; brouillons compris), la politique des jours fériés et, pour un bus, les horaires publiés de ses arrêts tels qu’importés. L’ETag est la version de l’ensemble.
// @Tags         hours
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Structure" format(uuid)
// @Success      200 {object} ScheduleSet
// @Header       200 {string} ETag "Version des horaires"
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Router       /structures/{id}/schedules [get]
func (h *Handlers) getSchedules(c echo.Context) error {
	set, err := h.Compliance.Schedules(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	setETag(c, set.Version)
	return c.JSON(http.StatusOK, scheduleSetDTO(set))
}

// putSchedules godoc
// @Summary      Remplacer les horaires d’une structure
// @Description  Remplace tous les horaires d’un coup (If-Match : ETag de GET /schedules), et la politique des jours fériés quand « holidays » est donné (absent : inchangée). Les horaires ainsi saisis ne sont plus écrasés par l’import ANCT. Une évaluation de conformité est enregistrée.
// @Tags         hours
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string           true "Structure" format(uuid)
// @Param        If-Match header string           true "ETag lu"
// @Param        body     body   ScheduleSetInput true "Horaires"
// @Success      200 {object} ScheduleSet
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /structures/{id}/schedules [put]
func (h *Handlers) putSchedules(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	version, err := versionToWrite(c, func() error { _, err := h.Structures.Get(ctx, actor, c.Param("id")); return err })
	if err != nil {
		return err
	}
	var in ScheduleSetInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	list, err := in.schedules(c.Param("id"))
	if err != nil {
		return err
	}
	set, err := h.Compliance.ReplaceSchedules(ctx, actor, c.Param("id"), version, list, in.holidays())
	if err != nil {
		return err
	}
	setETag(c, set.Version)
	return c.JSON(http.StatusOK, scheduleSetDTO(set))
}

// listExceptions godoc
// @Summary      Exceptions d’horaires d’une structure
// @Tags         hours
// @Produce      json
// @Security     BearerAuth
// @Param        id   path  string true  "Structure" format(uuid)
// @Param        from query string false "Seulement celles qui finissent ce jour ou après" format(date)
// @Success      200 {object} HoursExceptionList
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /structures/{id}/exceptions [get]
func (h *Handlers) listExceptions(c echo.Context) error {
	from, err := dateParam(c, "from")
	if err != nil {
		return err
	}
	list, err := h.Compliance.Exceptions(c.Request().Context(), actorOf(c), c.Param("id"), from)
	if err != nil {
		return err
	}
	out := ExceptionList{Items: make([]ExceptionDTO, len(list))}
	for i, e := range list {
		out.Items[i] = exceptionDTO(e)
	}
	return c.JSON(http.StatusOK, out)
}

// createException godoc
// @Summary      Ajouter une exception (fermeture, ouverture réduite ou exceptionnelle, horaires de remplacement)
// @Tags         hours
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id   path string              true "Structure" format(uuid)
// @Param        body body HoursExceptionInput true "Exception"
// @Success      201 {object} HoursException
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /structures/{id}/exceptions [post]
func (h *Handlers) createException(c echo.Context) error {
	var in ExceptionInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	var e hours.Exception
	if err := in.apply(&e); err != nil {
		return err
	}
	out, err := h.Compliance.SaveException(c.Request().Context(), actorOf(c), c.Param("id"), e, 0)
	if err != nil {
		return err
	}
	setETag(c, out.Version)
	c.Response().Header().Set("Location", apiPrefix+"/structures/"+c.Param("id")+"/exceptions/"+out.ID)
	return c.JSON(http.StatusCreated, exceptionDTO(out))
}

// updateException godoc
// @Summary      Modifier une exception
// @Tags         hours
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id           path   string              true "Structure" format(uuid)
// @Param        exception_id path   string              true "Exception" format(uuid)
// @Param        If-Match     header string              true "ETag lu"
// @Param        body         body   HoursExceptionInput true "Champs à modifier"
// @Success      200 {object} HoursException
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /structures/{id}/exceptions/{exception_id} [patch]
func (h *Handlers) updateException(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	var current compliance.StoredException
	version, err := versionToWrite(c, func() (err error) {
		current, err = h.Compliance.Exception(ctx, actor, c.Param("id"), c.Param("exception_id"))
		return err
	})
	if err != nil {
		return err
	}
	var in ExceptionInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	e := current.Exception
	if err := in.apply(&e); err != nil {
		return err
	}
	out, err := h.Compliance.SaveException(ctx, actor, c.Param("id"), e, version)
	if err != nil {
		return err
	}
	setETag(c, out.Version)
	return c.JSON(http.StatusOK, exceptionDTO(out))
}

// deleteException godoc
// @Summary      Supprimer une exception
// @Tags         hours
// @Security     BearerAuth
// @Param        id           path   string true "Structure" format(uuid)
// @Param        exception_id path   string true "Exception" format(uuid)
// @Param        If-Match     header string true "ETag lu"
// @Success      204
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      428 {object} Problem
// @Router       /structures/{id}/exceptions/{exception_id} [delete]
func (h *Handlers) deleteException(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	version, err := versionToWrite(c, func() error {
		_, err := h.Compliance.Exception(ctx, actor, c.Param("id"), c.Param("exception_id"))
		return err
	})
	if err != nil {
		return err
	}
	if err := h.Compliance.DeleteException(ctx, actor, c.Param("id"), c.Param("exception_id"), version); err != nil {
		return err
	}
	return noContent(c)
}

// structureCalendar godoc
// @Summary      Ouvertures d’une structure sur une période
// @Description  Horaires publiés résolus (saisons, jours fériés, exceptions, changements d’heure) dans le fuseau de la structure ; une semaine à partir d’aujourd’hui par défaut, un an au plus.
// @Tags         hours
// @Produce      json
// @Security     BearerAuth
// @Param        id   path  string true  "Structure" format(uuid)
// @Param        from query string false "Premier jour" format(date)
// @Param        to   query string false "Dernier jour (inclus)" format(date)
// @Success      200 {object} OpeningCalendar
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /structures/{id}/calendar [get]
func (h *Handlers) structureCalendar(c echo.Context) error {
	from, err := dateParam(c, "from")
	if err != nil {
		return err
	}
	to, err := dateParam(c, "to")
	if err != nil {
		return err
	}
	cal, err := h.Compliance.Calendar(c.Request().Context(), actorOf(c), c.Param("id"), from, to)
	if err != nil {
		return err
	}
	out := CalendarDTO{StructureID: cal.Structure.ID, Timezone: compliance.Location(cal.Structure).String(),
		From: cal.From.String(), To: cal.To.String(), Intervals: make([]IntervalDTO, len(cal.Intervals))}
	for i, iv := range cal.Intervals {
		out.Intervals[i] = intervalDTO(iv)
	}
	return c.JSON(http.StatusOK, out)
}

// structureOpenAt godoc
// @Summary      La structure est-elle ouverte à cet instant ?
// @Tags         hours
// @Produce      json
// @Security     BearerAuth
// @Param        id path  string true  "Structure" format(uuid)
// @Param        at query string false "Instant RFC 3339 (maintenant par défaut)" example(2026-12-01T10:00:00+01:00)
// @Success      200 {object} OpenAt
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /structures/{id}/open-at [get]
func (h *Handlers) structureOpenAt(c echo.Context) error {
	at, err := h.instantParam(c, "at")
	if err != nil {
		return err
	}
	state, err := h.Compliance.OpenAt(c.Request().Context(), actorOf(c), c.Param("id"), at)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, OpenAtDTO{StructureID: c.Param("id"), At: at, Open: state.Open,
		Current: intervalPtr(state.Current), Next: intervalPtr(state.Next)})
}

// structureHoursICS godoc
// @Summary      Ouvertures des prochaines semaines (iCalendar)
// @Tags         hours
// @Produce      text/calendar
// @Security     BearerAuth
// @Param        id    path  string true  "Structure" format(uuid)
// @Param        weeks query int    false "Semaines (1–26, 8 par défaut)"
// @Success      200 {string} string "VCALENDAR"
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Router       /structures/{id}/hours.ics [get]
func (h *Handlers) structureHoursICS(c echo.Context) error {
	weeks, _ := strconv.Atoi(c.QueryParam("weeks"))
	body, err := h.Compliance.ICS(c.Request().Context(), actorOf(c), c.Param("id"), weeks)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="horaires.ics"`)
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", body)
}

// structureHoursFormats godoc
// @Summary      Horaires publiés dans les formats dérivés
// @Description  OSM opening_hours (avec les notes sur ce qu’il ne peut pas dire), les six colonnes du fichier national, schema.org OpeningHoursSpecification.
// @Tags         hours
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Structure" format(uuid)
// @Success      200 {object} HoursFormats
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Router       /structures/{id}/hours/formats [get]
func (h *Handlers) structureHoursFormats(c echo.Context) error {
	f, err := h.Compliance.Formats(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	out := HoursFormatsDTO{OSM: f.OSM, OSMNotes: nonNil(f.OSMNotes), ANCTNotes: nonNil(f.ANCTNotes),
		SchemaOrg: f.SchemaOrg, SchemaOrgNotes: nonNil(f.Notes),
		ANCT: ANCTHoursDTO{f.ANCT[0], f.ANCT[1], f.ANCT[2], f.ANCT[3], f.ANCT[4], f.ANCT[5]}}
	if out.SchemaOrg == nil {
		out.SchemaOrg = []hours.OpeningHoursSpecification{}
	}
	return c.JSON(http.StatusOK, out)
}
