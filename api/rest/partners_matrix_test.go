package rest_test

import "testing"

// Cross-tenant matrix fixtures of the partner routes (ADR 0008), registered next to the routes they serve. Rows
// are at version 7, so the matrix's If-Match "1" stops writes at 412 and the rows stay for the next callers; the
// referent and the permanence are the CAF's, the organisation of the demo partner account, so that account
// reaches the version check in its own territory.
func init() {
	matrixFixtures["operator"] = func(*testing.T, *testServer, bool) map[string]string {
		return map[string]string{"id": "cnaf"} // reference data: the same for every territory
	}
	matrixFixtures["local_partner"] = func(t *testing.T, s *testServer, own bool) map[string]string {
		return map[string]string{"id": matrixLocalPartner(t, s, own)}
	}
	matrixFixtures["partner"] = func(t *testing.T, s *testServer, own bool) map[string]string {
		return map[string]string{"kind": "local", "id": matrixLocalPartner(t, s, own)}
	}
	matrixFixtures["referent"] = func(t *testing.T, s *testServer, own bool) map[string]string {
		dep := pick(own, ownDepartement, otherDepartement)
		return map[string]string{"id": matrixRow(t, s,
			`SELECT id FROM referents WHERE departement_code = ? AND name = 'Référent de la matrice'`,
			`INSERT INTO referents (partner_kind, operator_code, departement_code, name, version)
				VALUES ('operator', 'cnaf', ?, 'Référent de la matrice', 7) RETURNING id`, dep)}
	}
	matrixFixtures["permanence"] = func(t *testing.T, s *testServer, own bool) map[string]string {
		return map[string]string{"id": matrixRow(t, s,
			`SELECT id FROM permanences WHERE structure_id = ? AND internal_note = 'matrice'`,
			`INSERT INTO permanences (structure_id, departement_code, partner_kind, operator_code, modality, internal_note, version)
				SELECT id, departement_code, 'operator', 'cnaf', 'physique', 'matrice', 7 FROM structures WHERE id = ? RETURNING id`,
			matrixStructure(t, s, own))}
	}
}

// matrixLocalPartner is a local partner of the own or the other département.
func matrixLocalPartner(t *testing.T, s *testServer, own bool) string {
	return matrixRow(t, s, `SELECT id FROM local_partners WHERE departement_code = ? AND name = 'Partenaire de la matrice'`,
		`INSERT INTO local_partners (departement_code, type, name, version) VALUES (?, 'pij', 'Partenaire de la matrice', 7)
			RETURNING id`, pick(own, ownDepartement, otherDepartement))
}

func init() {
	matrixFixtures["api_client"] = func(t *testing.T, s *testServer, own bool) map[string]string {
		dep := pick(own, ownDepartement, otherDepartement)
		return map[string]string{"id": matrixRow(t, s,
			`SELECT id FROM api_clients WHERE departements = ARRAY[?]::text[] AND name = 'Client de la matrice'`,
			`INSERT INTO api_clients (client_id, name, organisation_kind, operator_code, departements, scopes, version)
				VALUES ('mc_matrice_' || ?, 'Client de la matrice', 'operator', 'cnaf', ARRAY[?]::text[],
				'{structures:read}', 7) RETURNING id`, dep)}
	}
}

func init() {
	matrixFixtures["webhook"] = func(t *testing.T, s *testServer, own bool) map[string]string {
		return map[string]string{"id": matrixWebhook(t, s, own)}
	}
	matrixFixtures["webhook_delivery"] = func(t *testing.T, s *testServer, own bool) map[string]string {
		return map[string]string{"id": matrixRow(t, s, `SELECT id FROM webhook_deliveries WHERE subscription_id = ?`,
			`INSERT INTO webhook_deliveries (subscription_id, event_id, event, object_type, object_id, payload, status,
				next_attempt_at, created_at) VALUES (?, gen_random_uuid(), 'hours.changed', 'structure', 'x', '{}', 'dead',
				now(), now()) RETURNING id`, matrixWebhook(t, s, own))}
	}
}

// matrixWebhook is a webhook of the matrix API client of the own or the other département.
func matrixWebhook(t *testing.T, s *testServer, own bool) string {
	client := matrixFixtures["api_client"](t, s, own)["id"]
	return matrixRow(t, s, `SELECT id FROM webhook_subscriptions WHERE api_client_id = ?`,
		`INSERT INTO webhook_subscriptions (api_client_id, url, events, signing_secret, version)
			VALUES (?, 'https://partenaire.example/hook', '{hours.changed}', 'whsec_matrice', 7) RETURNING id`, client)
}
