package auth_test

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"maillage/pkg/auth"
)

func TestHashAndVerify(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	h := auth.NewHasher(auth.DefaultPasswordParams, 2)
	encoded, err := h.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(encoded, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("PHC string %q", encoded)
	}
	again, _ := h.Hash(ctx, "correct horse battery")
	if again == encoded {
		t.Fatal("two hashes of the same password must differ (random salt)")
	}
	cases := []struct {
		name     string
		password string
		want     bool
	}{
		{"right password", "correct horse battery", true},
		{"wrong password", "correct horse batterY", false},
		{"empty", "", false},
		{"prefix", "correct horse", false},
		{"huge", strings.Repeat("a", 5000), false},
	}
	for _, tc := range cases {
		ok, err := h.Verify(ctx, tc.password, encoded)
		if err != nil || ok != tc.want {
			t.Errorf("%s: got %v, %v; want %v", tc.name, ok, err, tc.want)
		}
	}
}

func TestVerifyReadsParametersFromTheHash(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	weak := auth.NewHasher(auth.PasswordParams{Memory: 8 * 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}, 1)
	encoded, err := weak.Hash(ctx, "an older password hash")
	if err != nil {
		t.Fatal(err)
	}
	current := auth.NewHasher(auth.DefaultPasswordParams, 1)
	if ok, err := current.Verify(ctx, "an older password hash", encoded); !ok || err != nil {
		t.Fatalf("hash made with other parameters must still verify: %v %v", ok, err)
	}
}

func TestVerifyRefusesMalformedHashes(t *testing.T) {
	t.Parallel()
	h := auth.NewHasher(auth.DefaultPasswordParams, 1)
	for _, encoded := range []string{
		"",
		"plain",
		"$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
		"$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
		"$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
		"$argon2id$v=19$m=19456,t=2,p=1$!!!$aGFzaA",
	} {
		if ok, err := h.Verify(context.Background(), "whatever password", encoded); ok || err == nil {
			t.Errorf("%q: got %v, %v; want an error", encoded, ok, err)
		}
	}
}

func TestHashingIsBounded(t *testing.T) {
	t.Parallel()
	h := auth.NewHasher(auth.PasswordParams{Memory: 8 * 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}, 1)
	// A cancelled request gives up waiting for a slot instead of queueing forever.
	var wg sync.WaitGroup
	var failures atomic.Int32
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	for range 20 {
		wg.Go(func() {
			if _, err := h.Hash(ctx, "some long password"); err != nil {
				failures.Add(1)
			}
		})
	}
	wg.Wait()
	if failures.Load() == 0 {
		t.Fatal("expected some hashes to give up when the context expired while queued")
	}
}

func TestDummyVerifyTakesTime(t *testing.T) {
	t.Parallel()
	h := auth.NewHasher(auth.DefaultPasswordParams, 1)
	h.DummyVerify(context.Background(), "warm-up") // first call also builds the dummy hash
	start := time.Now()
	h.DummyVerify(context.Background(), "someone@example.fr")
	if time.Since(start) < 2*time.Millisecond {
		t.Fatal("DummyVerify must cost about as much as a real verification")
	}
}

func TestPasswordPolicy(t *testing.T) {
	t.Parallel()
	cases := []struct {
		password string
		ok       bool
	}{
		{"short", false},
		{"elevenchars", false},
		{"twelve chars", true},
		{"éléphant-àé", false}, // 11 characters even though more bytes
		{"éléphant-àéç", true},
		{"            ", false},
		{strings.Repeat("x", 2000), false},
	}
	for _, tc := range cases {
		msg := auth.PasswordPolicy(tc.password)
		if (msg == "") != tc.ok {
			t.Errorf("%q: message %q, want ok=%v", tc.password, msg, tc.ok)
		}
	}
}
