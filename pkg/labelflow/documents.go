package labelflow

import (
	"context"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/label"
	"maillage/pkg/labelling"
)

// ErrNoCandidature is the 409 of a document sent before the candidature file exists.
var ErrNoCandidature = apperr.Conflict("candidature.missing", "Enregistrez d’abord le dossier de candidature, puis joignez-y les documents.")

// MayAddDocument checks, before an upload is read, that the actor may add a document to the structure's file
// (404 outside the territory, 403 for the role, 409 when the file is locked or missing).
func (s *Service) MayAddDocument(ctx context.Context, actor auth.Actor, id string) error {
	return db.WithTx(ctx, s.DB, func(ctx context.Context) error {
		st, err := s.editableFile(ctx, actor, id)
		if err != nil {
			return err
		}
		c, err := s.candidatureOf(ctx, st.ID)
		if err == nil && c == nil {
			return ErrNoCandidature
		}
		return err
	})
}

// AddDocument stores a document in the candidature file. Size and type (by content) are checked before anything
// is written: a refused file leaves nothing behind.
func (s *Service) AddDocument(ctx context.Context, actor auth.Actor, id, kind, name string, content []byte) (label.Document, error) {
	if !labelling.ValidKind(kind) {
		return label.Document{}, apperr.Invalid("validation_failed", "kind", "Nature du document : dossier, deliberation, convention ou autre.")
	}
	contentType, err := labelling.CheckDocument(content, s.DetectContentType(content))
	if err != nil {
		return label.Document{}, err
	}
	var out label.Document
	err = db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		st, err := s.editableFile(ctx, actor, id)
		if err != nil {
			return err
		}
		c, err := s.candidatureOf(ctx, st.ID)
		if err != nil {
			return err
		}
		if c == nil {
			return ErrNoCandidature
		}
		if err := s.Labels.LockCandidature(ctx, c.ID); err != nil {
			return err
		}
		docs, err := s.Labels.Documents(ctx, c.ID)
		if err != nil {
			return err
		}
		if len(docs) >= labelling.MaxDocumentsPerFile {
			return apperr.Conflict("document.too_many", "Un dossier compte au plus 20 documents.")
		}
		if out, err = s.Labels.InsertDocument(ctx, label.Document{CandidatureID: c.ID, StructureID: st.ID, Kind: kind,
			Name: labelling.CleanFileName(name, contentType), ContentType: contentType, UploadedBy: actor.Label}, content); err != nil {
			return err
		}
		if err := s.Labels.TouchCandidature(ctx, c.ID, 0); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "document.create", ObjectType: "structure", ObjectID: st.ID,
			Departements: []string{st.Departement}, After: documentView(out)})
	})
	return out, err
}

// Document returns a document of a structure's file, with its content.
func (s *Service) Document(ctx context.Context, actor auth.Actor, id, docID string) (label.Document, []byte, error) {
	st, err := s.structureFor(ctx, actor, id, fileReaders, "de consulter un dossier de candidature")
	if err != nil {
		return label.Document{}, nil, err
	}
	meta, err := s.Labels.Document(ctx, st.ID, docID)
	if err != nil {
		return label.Document{}, nil, err
	}
	content, err := s.Labels.DocumentContent(ctx, st.ID, docID)
	return meta, content, err
}

// DocumentMeta returns a document's description (for the If-Match check before a removal).
func (s *Service) DocumentMeta(ctx context.Context, actor auth.Actor, id, docID string) (label.Document, error) {
	st, err := s.structureFor(ctx, actor, id, fileReaders, "de consulter un dossier de candidature")
	if err != nil {
		return label.Document{}, err
	}
	return s.Labels.Document(ctx, st.ID, docID)
}

// DeleteDocument removes a document of the file at the file's expected version (a document belongs to the file:
// adding or removing one moves the candidature's version on). A document a decision was taken on stays (409
// document.referenced).
func (s *Service) DeleteDocument(ctx context.Context, actor auth.Actor, id, docID string, version int) error {
	return db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		st, err := s.editableFile(ctx, actor, id)
		if err != nil {
			return err
		}
		before, err := s.Labels.Document(ctx, st.ID, docID)
		if err != nil {
			return err
		}
		if err := s.Labels.TouchCandidature(ctx, before.CandidatureID, version); err != nil {
			return err
		}
		referenced, err := s.Labels.DocumentReferenced(ctx, docID)
		if err != nil {
			return err
		}
		if referenced {
			return apperr.Conflict("document.referenced", "Une décision de labellisation s’appuie sur ce document : il reste au dossier.")
		}
		if err := s.Labels.DeleteDocument(ctx, st.ID, docID); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "document.delete", ObjectType: "structure", ObjectID: st.ID,
			Departements: []string{st.Departement}, Before: documentView(before)})
	})
}

func documentView(d label.Document) map[string]any {
	return map[string]any{"id": d.ID, "kind": d.Kind, "name": d.Name, "content_type": d.ContentType, "size": d.Size,
		"sha256": d.SHA256}
}
