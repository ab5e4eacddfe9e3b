package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"maillage/pkg/apperr"
)

// PasswordParams are the argon2id cost parameters. They are written into every hash, so raising them later
// only affects new hashes while the old ones keep verifying.
type PasswordParams struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
	SaltLen uint32
	KeyLen  uint32
}

// DefaultPasswordParams follow the OWASP minimum for argon2id (19 MiB, 2 passes, 1 lane).
var DefaultPasswordParams = PasswordParams{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// MinPasswordLength is the policy's minimum, in characters.
const MinPasswordLength = 12

// maxPasswordBytes bounds the work an attacker can ask for with a huge password.
const maxPasswordBytes = 1024

// Upper bounds accepted when parsing a stored hash, so a corrupted row cannot make us allocate gigabytes.
const (
	maxMemoryKiB = 1 << 20 // 1 GiB
	maxTime      = 16
	maxKeyLen    = 128
)

var errMalformedHash = errors.New("argon2id: malformed hash")

// Hasher hashes and verifies passwords. Every hash holds Memory KiB for its duration, so a semaphore bounds how
// many run at once: a login flood queues instead of exhausting the server's memory.
type Hasher struct {
	params PasswordParams
	sem    chan struct{}

	dummyOnce sync.Once
	dummy     string
}

// NewHasher builds a hasher running at most concurrency hashes at a time (at least one).
func NewHasher(params PasswordParams, concurrency int) *Hasher {
	return &Hasher{params: params, sem: make(chan struct{}, max(1, concurrency))}
}

// PasswordPolicy returns the French reason why the password is refused, or "" when it is acceptable.
func PasswordPolicy(password string) string {
	switch {
	case utf8.RuneCountInString(password) < MinPasswordLength:
		return fmt.Sprintf("Le mot de passe doit contenir au moins %d caractères.", MinPasswordLength)
	case len(password) > maxPasswordBytes:
		return "Le mot de passe est trop long."
	case strings.TrimSpace(password) == "":
		return "Le mot de passe ne peut pas être composé uniquement d’espaces."
	}
	return ""
}

// Hash returns the PHC string of the password: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, h.params.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	p := h.params
	key, err := h.derive(ctx, []byte(password), salt, p)
	if err != nil {
		return "", err
	}
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// Verify tells whether password matches the stored PHC string, comparing in constant time with the parameters
// read from the string itself.
func (h *Hasher) Verify(ctx context.Context, password, encoded string) (bool, error) {
	p, salt, want, err := parsePHC(encoded)
	if err != nil {
		return false, err
	}
	// An oversized password never matches (Hash refuses none, but the policy does), yet costs the same time.
	tooLong := len(password) > maxPasswordBytes
	if tooLong {
		password = password[:maxPasswordBytes]
	}
	got, err := h.derive(ctx, []byte(password), salt, p)
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(got, want) == 1 && !tooLong, nil
}

// DummyVerify spends the time of a real verification; login calls it when the e-mail is unknown or the account
// inactive, so response time does not tell which accounts exist.
func (h *Hasher) DummyVerify(ctx context.Context, password string) {
	h.dummyOnce.Do(func() {
		h.dummy, _ = h.Hash(context.Background(), "maillage-dummy-password")
	})
	if h.dummy != "" {
		_, _ = h.Verify(ctx, password, h.dummy)
	}
}

// derive runs argon2id once a semaphore slot is free, or gives up when the request is cancelled.
func (h *Hasher) derive(ctx context.Context, password, salt []byte, p PasswordParams) ([]byte, error) {
	select {
	case h.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, apperr.Wrap(ctx.Err(), apperr.KindUnavailable, "service.busy",
			"Le service est très sollicité : réessayez dans quelques instants.")
	}
	defer func() { <-h.sem }()
	return argon2.IDKey(password, salt, p.Time, p.Memory, p.Threads, p.KeyLen), nil
}

// parsePHC reads $argon2id$v=19$m=…,t=…,p=…$salt$key, refusing other algorithms, versions and absurd costs.
func parsePHC(encoded string) (PasswordParams, []byte, []byte, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return PasswordParams{}, nil, nil, errMalformedHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return PasswordParams{}, nil, nil, errMalformedHash
	}
	var p PasswordParams
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return PasswordParams{}, nil, nil, errMalformedHash
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	key, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(key) < 16 || len(key) > maxKeyLen {
		return PasswordParams{}, nil, nil, errMalformedHash
	}
	if p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemoryKiB || p.Time < 1 || p.Time > maxTime || p.Threads < 1 {
		return PasswordParams{}, nil, nil, errMalformedHash
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}
