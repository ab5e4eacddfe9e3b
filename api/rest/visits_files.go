package rest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/visit"
)

// attachmentBodyLimit leaves room for the multipart envelope around one file of the maximum size; a larger body
// is refused as the attachment being too large.
const attachmentBodyLimit = visit.MaxAttachmentSize + 256<<10

// uploadAttachment godoc
// @Summary      Joindre une photo ou un PDF à une visite
// @Description  Un fichier par requête (champ « file »), 10 Mio au plus (413 attachment.too_large). Le type est reconnu au contenu, pas au nom : JPEG, PNG, WebP ou PDF, sinon 415 attachment.unsupported_type. Un fichier refusé ne laisse rien en base. 30 pièces jointes au plus par visite.
// @Tags         visites
// @Accept       multipart/form-data
// @Produce      json
// @Security     BearerAuth
// @Param        id   path     string true "Visite" format(uuid)
// @Param        file formData file   true "Photo (JPEG, PNG, WebP) ou document PDF"
// @Success      201 {object} Attachment
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      413 {object} Problem
// @Failure      415 {object} Problem
// @Failure      422 {object} Problem
// @Router       /visits/{id}/attachments [post]
func (h *Handlers) uploadAttachment(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	if err := h.Visiting.MayAttach(ctx, actor, id); err != nil {
		return err
	}
	name, data, err := readUpload(c)
	if err != nil {
		return err
	}
	a, err := h.Visiting.AddAttachment(ctx, actor, id, name, data)
	if err != nil {
		return err
	}
	c.Response().Header().Set("ETag", `"`+a.SHA256+`"`)
	c.Response().Header().Set("Location", attachmentDTO(a).URL)
	return c.JSON(http.StatusCreated, attachmentDTO(a))
}

// readUpload reads the first "file" part of a multipart body, at most one byte over the limit.
func readUpload(c echo.Context) (string, []byte, error) {
	mediaType, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if mediaType != echo.MIMEMultipartForm {
		return "", nil, apperr.New(apperr.KindUnsupportedMedia, "request.unsupported_media_type",
			"Envoyez le fichier en multipart/form-data, dans le champ « file ».")
	}
	mr, err := c.Request().MultipartReader()
	if err != nil {
		return "", nil, apperr.New(apperr.KindInvalid, "request.malformed", "Corps multipart illisible.")
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return "", nil, apperr.Invalid("validation_failed", "file", "Joignez un fichier dans le champ « file ».")
		}
		if err != nil {
			return "", nil, uploadError(err)
		}
		if part.FormName() != "file" {
			if _, err := io.Copy(io.Discard, part); err != nil {
				return "", nil, uploadError(err)
			}
			continue
		}
		data, err := io.ReadAll(io.LimitReader(part, visit.MaxAttachmentSize+1))
		if err != nil {
			return "", nil, uploadError(err)
		}
		if len(data) > visit.MaxAttachmentSize {
			return "", nil, visit.ErrAttachmentTooLarge
		}
		return part.FileName(), data, nil
	}
}

func uploadError(err error) error {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return visit.ErrAttachmentTooLarge
	}
	return apperr.New(apperr.KindInvalid, "request.malformed", "Corps multipart illisible.")
}

// listAttachments godoc
// @Summary      Pièces jointes d’une visite
// @Tags         visites
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Visite" format(uuid)
// @Success      200 {object} AttachmentList
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /visits/{id}/attachments [get]
func (h *Handlers) listAttachments(c echo.Context) error {
	list, err := h.Visiting.Attachments(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	out := AttachmentList{Items: make([]AttachmentDTO, len(list))}
	for i, a := range list {
		out.Items[i] = attachmentDTO(a)
	}
	return c.JSON(http.StatusOK, out)
}

// downloadAttachment godoc
// @Summary      Télécharger une pièce jointe
// @Description  Servie avec son type enregistré (reconnu au dépôt), `X-Content-Type-Options: nosniff` et `Content-Disposition: attachment` (`inline=true` pour un affichage dans le navigateur). L’ETag est l’empreinte SHA-256 du contenu.
// @Tags         visites
// @Produce      image/jpeg
// @Produce      image/png
// @Produce      image/webp
// @Produce      application/pdf
// @Security     BearerAuth
// @Param        id            path  string true  "Visite" format(uuid)
// @Param        attachment_id path  string true  "Pièce jointe" format(uuid)
// @Param        inline        query bool   false "Affichage dans le navigateur plutôt que téléchargement"
// @Success      200 {file} file
// @Success      304
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /visits/{id}/attachments/{attachment_id} [get]
func (h *Handlers) downloadAttachment(c echo.Context) error {
	a, content, err := h.Visiting.Attachment(c.Request().Context(), actorOf(c), c.Param("id"), c.Param("attachment_id"))
	if err != nil {
		return err
	}
	disposition := "attachment"
	if c.QueryParam("inline") == "true" {
		disposition = "inline"
	}
	return serveStoredFile(c, disposition, a.Name, a.ContentType, a.SHA256, content)
}

// serveStoredFile answers a file kept in the database (visit attachments, candidature documents): its SHA-256 is
// the ETag (304 on If-None-Match), the browser must not sniff it nor run it (sandbox CSP), and its name survives
// in both the ASCII and the UTF-8 forms of Content-Disposition.
func serveStoredFile(c echo.Context, disposition, name, contentType, sha256 string, content []byte) error {
	hd := c.Response().Header()
	etag := `"` + sha256 + `"`
	hd.Set("ETag", etag)
	hd.Set("Cache-Control", "private, no-cache")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	if c.Request().Header.Get("If-None-Match") == etag {
		return c.NoContent(http.StatusNotModified)
	}
	hd.Set("Content-Disposition", fmt.Sprintf(`%s; filename="%s"; filename*=UTF-8''%s`, disposition,
		asciiFileName(name), url.PathEscape(name)))
	return c.Blob(http.StatusOK, contentType, content)
}

// asciiFileName is the fallback filename of Content-Disposition: ASCII only, no quotes.
func asciiFileName(name string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
}

// deleteAttachment godoc
// @Summary      Retirer une pièce jointe
// @Tags         visites
// @Security     BearerAuth
// @Param        id            path   string true "Visite" format(uuid)
// @Param        attachment_id path   string true "Pièce jointe" format(uuid)
// @Param        If-Match      header string true "ETag lu (empreinte SHA-256 entre guillemets)"
// @Success      204
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      412 {object} Problem
// @Failure      428 {object} Problem
// @Router       /visits/{id}/attachments/{attachment_id} [delete]
func (h *Handlers) deleteAttachment(c echo.Context) error {
	ctx, actor, visitID, id := c.Request().Context(), actorOf(c), c.Param("id"), c.Param("attachment_id")
	if _, err := h.Visiting.AttachmentMeta(ctx, actor, visitID, id); err != nil {
		return err
	}
	etag := strings.Trim(strings.TrimPrefix(strings.TrimSpace(c.Request().Header.Get("If-Match")), "W/"), `"`)
	if etag == "" {
		_, err := ifMatchVersion(c) // the 428 of every write
		return err
	}
	if err := h.Visiting.DeleteAttachment(ctx, actor, visitID, id, etag); err != nil {
		return err
	}
	return noContent(c)
}

// visitsICS godoc
// @Summary      Agenda des visites (iCalendar)
// @Description  Les visites de l’appelant (celles où il figure parmi les visiteurs ; pour une structure, celles de ses structures), ou `scope=territoire` toutes celles de son territoire : planifiées, réalisées et annulées (STATUS:CANCELLED) depuis 90 jours. Heures en UTC ; une visite sans heure occupe la journée. Ni compte rendu ni constat n’y figurent.
// @Tags         visites
// @Produce      text/calendar
// @Security     BearerAuth
// @Param        scope query string false "Portée" Enums(mine, territoire)
// @Success      200 {file} file
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      422 {object} Problem
// @Router       /visits.ics [get]
func (h *Handlers) visitsICS(c echo.Context) error {
	events, err := h.Visiting.Calendar(c.Request().Context(), actorOf(c), c.QueryParam("scope"))
	if err != nil {
		return err
	}
	return writeICS(c, events)
}

func writeICS(c echo.Context, events []visit.CalendarEvent) error {
	var buf bytes.Buffer
	if err := visit.WriteCalendar(&buf, "Visites France services", events); err != nil {
		return err
	}
	hd := c.Response().Header()
	hd.Set("Cache-Control", "private, max-age=300")
	hd.Set("Content-Disposition", `inline; filename="visites.ics"`)
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", buf.Bytes())
}

// CalendarLinkDTO describes the caller's secret calendar link. url and token are given once, when the link is
// created; afterwards only its dates are shown.
type CalendarLinkDTO struct {
	Active     bool       `json:"active"`
	URL        *string    `json:"url" example:"https://maillage.example.gouv.fr/api/v1/calendar/Qm9uam91ci4uLg.ics"`
	Token      *string    `json:"token"`
	CreatedAt  *time.Time `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
} //@name CalendarLink

// getCalendarLink godoc
// @Summary      Mon lien d’agenda secret
// @Tags         visites
// @Produce      json
// @Security     BearerAuth
// @Success      200 {object} CalendarLink
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Router       /calendar-link [get]
func (h *Handlers) getCalendarLink(c echo.Context) error {
	info, found, err := h.Visiting.CalendarToken(c.Request().Context(), actorOf(c))
	if err != nil {
		return err
	}
	out := CalendarLinkDTO{Active: found}
	if found {
		out.CreatedAt, out.LastUsedAt = &info.CreatedAt, info.LastUsedAt
	}
	return c.JSON(http.StatusOK, out)
}

// createCalendarLink godoc
// @Summary      Créer (ou renouveler) mon lien d’agenda secret
// @Description  Donne une adresse à coller dans un logiciel d’agenda, qui lit les visites de l’appelant sans se connecter. L’adresse n’est montrée qu’une fois (seule son empreinte est gardée) ; en créer une nouvelle révoque la précédente.
// @Tags         visites
// @Produce      json
// @Security     BearerAuth
// @Success      201 {object} CalendarLink
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Router       /calendar-link [post]
func (h *Handlers) createCalendarLink(c echo.Context) error {
	token, info, err := h.Visiting.CreateCalendarToken(c.Request().Context(), actorOf(c))
	if err != nil {
		return err
	}
	path := apiPrefix + "/calendar/" + token + ".ics"
	link := c.Scheme() + "://" + c.Request().Host + path
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusCreated, CalendarLinkDTO{Active: true, URL: &link, Token: &token,
		CreatedAt: &info.CreatedAt, LastUsedAt: info.LastUsedAt})
}

// revokeCalendarLink godoc
// @Summary      Révoquer mon lien d’agenda secret
// @Description  Sans If-Match : la révocation est idempotente et le lien n’a pas de version.
// @Tags         visites
// @Security     BearerAuth
// @Success      204
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Router       /calendar-link [delete]
func (h *Handlers) revokeCalendarLink(c echo.Context) error {
	if err := h.Visiting.RevokeCalendarToken(c.Request().Context(), actorOf(c)); err != nil {
		return err
	}
	return noContent(c)
}

// calendarFeed godoc
// @Summary      Agenda des visites par lien secret (sans connexion)
// @Description  Le lien donné par POST /calendar-link : les visites de son titulaire, comme GET /visits.ics. Un lien révoqué, renouvelé ou d’un compte désactivé répond 404.
// @Tags         visites
// @Produce      text/calendar
// @Param        token path string true "Jeton secret suivi de .ics"
// @Success      200 {file} file
// @Failure      404 {object} Problem
// @Router       /calendar/{token} [get]
func (h *Handlers) calendarFeed(c echo.Context) error {
	events, err := h.Visiting.CalendarByToken(c.Request().Context(), strings.TrimSuffix(c.Param("token"), ".ics"))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Referrer-Policy", "no-referrer")
	return writeICS(c, events)
}
