// Package openapi embeds the generated OpenAPI 3 document so the server can publish it. This file is the only
// hand-written one here: everything else in this folder comes from `make spec`.
package openapi

import _ "embed"

// JSON is docs/openapi/openapi.json.
//
//go:embed openapi.json
var JSON []byte
