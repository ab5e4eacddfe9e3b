package labelling

import (
	"archive/zip"
	"bytes"
	"io"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"maillage/pkg/apperr"
)

// Documents of a candidature file.
const (
	MaxDocumentSize         = 10 << 20 // 10 MiB per file
	MaxDocumentsPerFile     = 20
	TypePDF                 = "application/pdf"
	TypePNG                 = "image/png"
	TypeJPEG                = "image/jpeg"
	TypeODT                 = "application/vnd.oasis.opendocument.text"
	TypeDOCX                = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	detectedZIP             = "application/zip"
	detectedPDF             = "application/pdf"
	odtMimetypeEntryContent = TypeODT
)

// DocumentKinds are the kinds of documents of a file.
var DocumentKinds = []string{"dossier", "deliberation", "convention", "autre"}

// ErrDocumentTooLarge is the 413 of a file over MaxDocumentSize.
var ErrDocumentTooLarge = apperr.New(apperr.KindTooLarge, "document.too_large",
	"Le document dépasse la taille autorisée (10 Mio par fichier).")

// ErrDocumentType is the 415 of a file that is not a PDF, PNG, JPEG, ODT or DOCX document.
var ErrDocumentType = apperr.New(apperr.KindUnsupportedMedia, "document.unsupported_type",
	"Type de fichier refusé : seuls les documents PDF, ODT, DOCX et les images PNG ou JPEG sont acceptés.")

// DocumentType decides the type of an uploaded document from its content: detected is what the WHATWG sniffing
// algorithm (net/http.DetectContentType, run by the caller) recognised; ZIP containers are opened to tell an
// OpenDocument text (its first entry "mimetype" names it) and a Word document ([Content_Types].xml and
// word/document.xml) from any other archive. "" means refused.
func DocumentType(data []byte, detected string) string {
	base, _, _ := strings.Cut(detected, ";")
	switch strings.TrimSpace(base) {
	case detectedPDF:
		return TypePDF
	case TypePNG:
		return TypePNG
	case TypeJPEG:
		return TypeJPEG
	case detectedZIP:
		return officeType(data)
	}
	return ""
}

func officeType(data []byte) string {
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || len(r.File) == 0 {
		return ""
	}
	if first := r.File[0]; first.Name == "mimetype" && first.Method == zip.Store {
		rc, err := first.Open()
		if err != nil {
			return ""
		}
		head, err := io.ReadAll(io.LimitReader(rc, 128))
		_ = rc.Close()
		if err == nil && strings.TrimSpace(string(head)) == odtMimetypeEntryContent {
			return TypeODT
		}
		return ""
	}
	var contentTypes, document bool
	for _, f := range r.File {
		switch f.Name {
		case "[Content_Types].xml":
			contentTypes = true
		case "word/document.xml":
			document = true
		}
	}
	if contentTypes && document {
		return TypeDOCX
	}
	return ""
}

// CheckDocument applies the limits to a file and returns its content type.
func CheckDocument(data []byte, detected string) (string, error) {
	if len(data) > MaxDocumentSize {
		return "", ErrDocumentTooLarge
	}
	ct := ""
	if len(data) > 0 {
		ct = DocumentType(data, detected)
	}
	if ct == "" {
		return "", ErrDocumentType
	}
	return ct, nil
}

// ValidKind tells whether kind is a document kind.
func ValidKind(kind string) bool { return slices.Contains(DocumentKinds, kind) }

var extensions = map[string]string{TypePDF: ".pdf", TypePNG: ".png", TypeJPEG: ".jpg", TypeODT: ".odt", TypeDOCX: ".docx"}

// CleanFileName keeps the base name of an uploaded file without control or path characters, at most 150
// characters, ending with the extension of its content type (a download opens with the right application
// whatever the name claimed).
func CleanFileName(name, contentType string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' || r == '/' || r == utf8.RuneError {
			return -1
		}
		return r
	}, name))
	if name == "." {
		name = ""
	}
	ext := extensions[contentType]
	base := name
	if e := strings.ToLower(path.Ext(name)); e == ext || ext == ".jpg" && e == ".jpeg" {
		base, ext = strings.TrimSuffix(name, path.Ext(name)), path.Ext(name)
	}
	if base == "" {
		base = "document"
	}
	if r := []rune(base); len(r) > 150 {
		base = string(r[:150])
	}
	return base + ext
}
