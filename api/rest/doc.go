package rest

// General API information for swag (make spec). Handlers and DTOs carry the rest of the annotations.

// @title                       Maillage API
// @version                     1.0
// @description                 API du back-office des préfectures pour le réseau France services : structures, labellisation, horaires et conformité, partenaires, visites.
// @description                 Erreurs au format RFC 9457 (application/problem+json) avec un `code` stable et des messages en français.
// @description                 Les écritures exigent If-Match (ETag) sur les ressources existantes ; Idempotency-Key est honoré sur POST.
// @contact.name                Équipe Maillage
// @license.name                Licence Ouverte 2.0 (données) / EUPL-1.2 (code)
// @BasePath                    /api/v1
// @securityDefinitions.apikey  BearerAuth
// @in                          header
// @name                        Authorization
// @description                 Jeton d’accès : « Bearer <jwt> » obtenu par /auth/login ou /oauth/token.
