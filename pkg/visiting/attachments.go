package visiting

import (
	"context"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/visit"
)

// MayAttach checks, before an upload is read, that the actor may attach files to the visit (404 outside the
// territory, 403 for a role or visit type it does not manage, 409 for a cancelled visit).
func (s *Service) MayAttach(ctx context.Context, a auth.Actor, visitID string) error {
	_, err := s.writable(ctx, a, visitID)
	return err
}

// AddAttachment stores a photo or a PDF on a visit. The limits (size, type by content) are checked before
// anything is written: a refused file leaves nothing behind.
func (s *Service) AddAttachment(ctx context.Context, a auth.Actor, visitID, name string, content []byte) (visit.Attachment, error) {
	contentType, err := visit.CheckAttachment(content)
	if err != nil {
		return visit.Attachment{}, err
	}
	var out visit.Attachment
	err = db.WithTx(auth.WithActor(ctx, a), s.DB, func(ctx context.Context) error {
		v, err := s.writable(ctx, a, visitID)
		if err != nil {
			return err
		}
		if err := s.Visits.Lock(ctx, v.ID); err != nil {
			return err
		}
		n, err := s.Visits.CountAttachments(ctx, v.ID)
		if err != nil {
			return err
		}
		if n >= visit.MaxAttachmentsPerVisit {
			return apperr.Conflict("attachment.too_many", "Une visite compte au plus 30 pièces jointes.")
		}
		created, err := s.Visits.InsertAttachment(ctx, visit.Attachment{VisitID: v.ID,
			Name: visit.CleanFileName(name, contentType), ContentType: contentType, UploadedBy: a.Label}, content)
		if err != nil {
			return err
		}
		out = created
		return audit.Record(ctx, s.DB, audit.Entry{Action: "attachment.create", ObjectType: "attachment",
			ObjectID: created.ID, Departements: []string{v.Departement}, After: attachmentView(created)})
	})
	return out, err
}

// Attachments lists the attachments of a visit of the actor's territory.
func (s *Service) Attachments(ctx context.Context, a auth.Actor, visitID string) ([]visit.Attachment, error) {
	if err := s.Visible(ctx, a, visitID); err != nil {
		return nil, err
	}
	return s.Visits.Attachments(ctx, visitID)
}

// Attachment returns an attachment of a visit of the actor's territory, with its content.
func (s *Service) Attachment(ctx context.Context, a auth.Actor, visitID, id string) (visit.Attachment, []byte, error) {
	if err := s.Visible(ctx, a, visitID); err != nil {
		return visit.Attachment{}, nil, err
	}
	meta, err := s.Visits.Attachment(ctx, visitID, id)
	if err != nil {
		return visit.Attachment{}, nil, err
	}
	content, err := s.Visits.AttachmentContent(ctx, visitID, id)
	return meta, content, err
}

// AttachmentMeta returns an attachment's description (for If-Match checks before a removal).
func (s *Service) AttachmentMeta(ctx context.Context, a auth.Actor, visitID, id string) (visit.Attachment, error) {
	if err := s.Visible(ctx, a, visitID); err != nil {
		return visit.Attachment{}, err
	}
	return s.Visits.Attachment(ctx, visitID, id)
}

// DeleteAttachment removes an attachment whose content hash is still the one the caller read (its ETag).
func (s *Service) DeleteAttachment(ctx context.Context, a auth.Actor, visitID, id, sha256 string) error {
	return db.WithTx(auth.WithActor(ctx, a), s.DB, func(ctx context.Context) error {
		v, err := s.writable(ctx, a, visitID)
		if err != nil {
			return err
		}
		before, err := s.Visits.Attachment(ctx, v.ID, id)
		if err != nil {
			return err
		}
		if before.SHA256 != sha256 {
			return apperr.New(apperr.KindPreconditionFailed, "request.if_match_mismatch",
				"Cette pièce jointe n’est pas celle que vous avez lue : rechargez la visite puis recommencez.")
		}
		if err := s.Visits.DeleteAttachment(ctx, v.ID, id); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "attachment.delete", ObjectType: "attachment",
			ObjectID: id, Departements: []string{v.Departement}, Before: attachmentView(before)})
	})
}
