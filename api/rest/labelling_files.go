package rest

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/labelling"
)

// documentBodyLimit leaves room for the multipart envelope around one document of the maximum size.
const documentBodyLimit = labelling.MaxDocumentSize + 256<<10

// getCandidature godoc
// @Summary      Dossier de candidature d’une structure
// @Description  Avec ses pièces et sa complétude (les contrôles de la demande d’audit : porteur, sites, locaux, pièces, horaires prévus — brouillons compris — et agents). 404 candidature.not_found quand la structure n’en a pas encore.
// @Tags         labellisation
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Structure" format(uuid)
// @Success      200 {object} Candidature
// @Header       200 {string} ETag "Version du dossier"
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /structures/{id}/candidature [get]
func (h *Handlers) getCandidature(c echo.Context) error {
	v, err := h.Labelling.Candidature(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	setETag(c, v.Candidature.Version)
	return c.JSON(http.StatusOK, candidatureDTO(v))
}

// optionalIfMatch reads If-Match for a resource the request may create: 0 when absent.
func optionalIfMatch(c echo.Context) (int, error) {
	if strings.TrimSpace(c.Request().Header.Get("If-Match")) == "" {
		return 0, nil
	}
	return ifMatchVersion(c)
}

// putCandidature godoc
// @Summary      Créer ou remplacer le dossier de candidature
// @Description  Sans If-Match pour le créer (201) ; If-Match obligatoire ensuite (428 sans, 412 périmé). Modifiable jusqu’à la demande d’audit (409 candidature.locked ensuite).
// @Tags         labellisation
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string           true  "Structure" format(uuid)
// @Param        If-Match header string           false "Version du dossier lue (s’il existe)"
// @Param        body     body   CandidatureInput true  "Dossier"
// @Success      200 {object} Candidature
// @Success      201 {object} Candidature
// @Header       200 {string} ETag "Version du dossier"
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /structures/{id}/candidature [put]
func (h *Handlers) putCandidature(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	if _, err := h.Structures.Get(ctx, actor, c.Param("id")); err != nil {
		return err
	}
	version, err := optionalIfMatch(c)
	if err != nil {
		return err
	}
	var in CandidatureInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	v, created, err := h.Labelling.SaveCandidature(ctx, actor, c.Param("id"), version, in.input())
	if err != nil {
		return err
	}
	setETag(c, v.Candidature.Version)
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	return c.JSON(status, candidatureDTO(v))
}

// uploadDocument godoc
// @Summary      Joindre un document au dossier de candidature
// @Description  Multipart : `file` (10 Mio au plus, 413 document.too_large) et `kind` (dossier, deliberation, convention, autre). Le type est reconnu au contenu : PDF, ODT, DOCX, PNG ou JPEG, sinon 415 document.unsupported_type. La version du dossier avance.
// @Tags         labellisation
// @Accept       multipart/form-data
// @Produce      json
// @Security     BearerAuth
// @Param        id   path     string true "Structure" format(uuid)
// @Param        kind formData string true "Nature" Enums(dossier, deliberation, convention, autre)
// @Param        file formData file   true "Document"
// @Success      201 {object} CandidatureDocument
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      413 {object} Problem
// @Failure      415 {object} Problem
// @Failure      422 {object} Problem
// @Router       /structures/{id}/candidature/documents [post]
func (h *Handlers) uploadDocument(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	if err := h.Labelling.MayAddDocument(ctx, actor, id); err != nil {
		return err
	}
	kind, name, data, err := readDocument(c)
	if err != nil {
		return err
	}
	d, err := h.Labelling.AddDocument(ctx, actor, id, kind, name, data)
	if err != nil {
		return err
	}
	out := documentDTO(d)
	c.Response().Header().Set("Location", apiPrefix+"/structures/"+id+"/candidature/documents/"+d.ID)
	return c.JSON(http.StatusCreated, out)
}

// readDocument reads the "kind" and "file" parts of a multipart body, the file at most one byte over the limit.
func readDocument(c echo.Context) (kind, name string, data []byte, err error) {
	mediaType, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if mediaType != echo.MIMEMultipartForm {
		return "", "", nil, apperr.New(apperr.KindUnsupportedMedia, "request.unsupported_media_type",
			"Envoyez le document en multipart/form-data, dans le champ « file » avec sa nature dans « kind ».")
	}
	mr, err := c.Request().MultipartReader()
	if err != nil {
		return "", "", nil, apperr.New(apperr.KindInvalid, "request.malformed", "Corps multipart illisible.")
	}
	seenFile := false
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", "", nil, documentUploadError(err)
		}
		switch part.FormName() {
		case "kind":
			raw, err := io.ReadAll(io.LimitReader(part, 64))
			if err != nil {
				return "", "", nil, documentUploadError(err)
			}
			kind = strings.TrimSpace(string(raw))
		case "file":
			if data, err = io.ReadAll(io.LimitReader(part, labelling.MaxDocumentSize+1)); err != nil {
				return "", "", nil, documentUploadError(err)
			}
			if len(data) > labelling.MaxDocumentSize {
				return "", "", nil, labelling.ErrDocumentTooLarge
			}
			name, seenFile = part.FileName(), true
		}
		if _, err := io.Copy(io.Discard, part); err != nil {
			return "", "", nil, documentUploadError(err)
		}
	}
	if !seenFile {
		return "", "", nil, apperr.Invalid("validation_failed", "file", "Joignez un fichier dans le champ « file ».")
	}
	return kind, name, data, nil
}

func documentUploadError(err error) error {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return labelling.ErrDocumentTooLarge
	}
	return apperr.New(apperr.KindInvalid, "request.malformed", "Corps multipart illisible.")
}

// downloadDocument godoc
// @Summary      Télécharger un document du dossier
// @Description  Servi avec son type enregistré (reconnu au dépôt), `X-Content-Type-Options: nosniff` et `Content-Disposition: attachment`. L’ETag est l’empreinte SHA-256 du contenu.
// @Tags         labellisation
// @Produce      application/pdf
// @Produce      image/png
// @Produce      image/jpeg
// @Produce      application/vnd.oasis.opendocument.text
// @Produce      application/vnd.openxmlformats-officedocument.wordprocessingml.document
// @Security     BearerAuth
// @Param        id     path string true "Structure" format(uuid)
// @Param        doc_id path string true "Document" format(uuid)
// @Success      200 {file} file
// @Success      304
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /structures/{id}/candidature/documents/{doc_id} [get]
func (h *Handlers) downloadDocument(c echo.Context) error {
	d, content, err := h.Labelling.Document(c.Request().Context(), actorOf(c), c.Param("id"), c.Param("doc_id"))
	if err != nil {
		return err
	}
	return serveStoredFile(c, "attachment", d.Name, d.ContentType, d.SHA256, content)
}

// deleteDocument godoc
// @Summary      Retirer un document du dossier
// @Description  If-Match : la version du dossier (un document en fait partie ; la version avance). 409 document.referenced pour un document sur lequel une décision s’appuie, 409 candidature.locked après la demande d’audit.
// @Tags         labellisation
// @Security     BearerAuth
// @Param        id       path   string true "Structure" format(uuid)
// @Param        doc_id   path   string true "Document" format(uuid)
// @Param        If-Match header string true "Version du dossier lue"
// @Success      204
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      412 {object} Problem
// @Failure      428 {object} Problem
// @Router       /structures/{id}/candidature/documents/{doc_id} [delete]
func (h *Handlers) deleteDocument(c echo.Context) error {
	ctx, actor, id, docID := c.Request().Context(), actorOf(c), c.Param("id"), c.Param("doc_id")
	version, err := versionToWrite(c, func() error { _, err := h.Labelling.DocumentMeta(ctx, actor, id, docID); return err })
	if err != nil {
		return err
	}
	if err := h.Labelling.DeleteDocument(ctx, actor, id, docID, version); err != nil {
		return err
	}
	return noContent(c)
}
