package visit

import (
	"bytes"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"maillage/pkg/apperr"
)

// Attachment limits (ADR 0005).
const (
	MaxAttachmentSize      = 10 << 20 // 10 MiB per file
	MaxAttachmentsPerVisit = 30
)

// AttachmentTypes are the accepted content types, recognised by their first bytes (never by the name or the
// declared type).
var AttachmentTypes = []string{"image/jpeg", "image/png", "image/webp", "application/pdf"}

// ErrAttachmentTooLarge is the 413 of a file over MaxAttachmentSize.
var ErrAttachmentTooLarge = apperr.New(apperr.KindTooLarge, "attachment.too_large",
	"La pièce jointe dépasse la taille autorisée (10 Mio par fichier).")

// ErrAttachmentType is the 415 of a file that is not a JPEG, PNG or WebP photo or a PDF document.
var ErrAttachmentType = apperr.New(apperr.KindUnsupportedMedia, "attachment.unsupported_type",
	"Type de fichier refusé : seules les photos JPEG, PNG, WebP et les documents PDF sont acceptés.")

// SniffContentType recognises an accepted file by its magic number; "" when it is none of them.
func SniffContentType(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "image/jpeg"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case len(data) >= 16 && bytes.HasPrefix(data, []byte("RIFF")) && string(data[8:12]) == "WEBP" &&
		string(data[12:15]) == "VP8":
		return "image/webp"
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "application/pdf"
	}
	return ""
}

// CheckAttachment applies the limits to a file's content and returns its content type.
func CheckAttachment(data []byte) (string, error) {
	if len(data) > MaxAttachmentSize {
		return "", ErrAttachmentTooLarge
	}
	ct := SniffContentType(data)
	if ct == "" || len(data) == 0 {
		return "", ErrAttachmentType
	}
	return ct, nil
}

// extensions give a file without a usable name one that matches its content.
var extensions = map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "application/pdf": ".pdf"}

// CleanFileName keeps the base name of an uploaded file, without control or path characters, at most 150
// characters, ending with an extension that matches the content type (so a download opens with the right
// application whatever the name claimed).
func CleanFileName(name, contentType string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' || r == '/' || r == utf8.RuneError {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "." || name == "/" {
		name = ""
	}
	ext := extensions[contentType]
	base := strings.TrimSuffix(name, path.Ext(name))
	if !strings.EqualFold(path.Ext(name), ext) && !(ext == ".jpg" && strings.EqualFold(path.Ext(name), ".jpeg")) {
		base = name
	} else {
		ext = path.Ext(name)
	}
	if base == "" {
		base = "piece-jointe"
	}
	if r := []rune(base); len(r) > 150 {
		base = string(r[:150])
	}
	return base + ext
}
