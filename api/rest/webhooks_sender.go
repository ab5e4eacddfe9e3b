package rest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"syscall"
	"time"

	"maillage/pkg/partnering"
)

// webhookSender posts webhook deliveries (the Sender seam of pkg/partnering). Redirects are not followed (a 3xx
// is a failed try). Unless private destinations are allowed (development and tests), it refuses to connect to
// loopback, private, link-local and other non-public addresses, checked on the address actually dialled, so a
// subscriber's DNS cannot point deliveries at the internal network.
type webhookSender struct {
	client *http.Client
}

var errPrivateDestination = errors.New("adresse de destination non publique refusée")

func newWebhookSender(allowPrivate bool) partnering.Sender {
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	if !allowPrivate {
		dialer.Control = func(_, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			ip := net.ParseIP(host)
			if err != nil || ip == nil || !publicIP(ip) {
				return errPrivateDestination
			}
			return nil
		}
	}
	transport := &http.Transport{DialContext: dialer.DialContext, TLSHandshakeTimeout: 5 * time.Second,
		ResponseHeaderTimeout: 10 * time.Second, MaxIdleConnsPerHost: 2, IdleConnTimeout: 90 * time.Second}
	return &webhookSender{client: &http.Client{Transport: transport,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func publicIP(ip net.IP) bool {
	return !(ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsMulticast() || ip.IsUnspecified() || ip.IsInterfaceLocalMulticast())
}

// Send posts the body with the headers and returns the answer's status (the body is read, at most 4 KiB, and
// dropped, so the connection can be reused).
func (s *webhookSender) Send(ctx context.Context, url string, headers map[string]string, body []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	req.Header.Set("User-Agent", "Maillage-Webhooks/1")
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	return resp.StatusCode, nil
}
