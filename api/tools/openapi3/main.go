// Command openapi3 converts swag's Swagger 2.0 output into the OpenAPI 3 document the server publishes and the
// SPA's TypeScript types are generated from. Used by `make spec`; never by the server at run time.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: openapi3 swagger.json openapi.json")
		os.Exit(2)
	}
	if err := convert(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "openapi3:", err)
		os.Exit(1)
	}
}

func convert(in, out string) error {
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var v2 openapi2.T
	if err := json.Unmarshal(raw, &v2); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	v3, err := openapi2conv.ToV3(&v2)
	if err != nil {
		return err
	}
	v3.Servers = openapi3.Servers{{URL: "/api/v1", Description: "Ce serveur"}}
	v3.Security = nil // each operation declares its own; public ones declare none
	markBearerAsHTTP(v3)
	markProblems(v3)
	if err := v3.Validate(openapi3.NewLoader().Context); err != nil {
		return fmt.Errorf("the converted document is not valid OpenAPI 3: %w", err)
	}
	b, err := json.MarshalIndent(v3, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(out, append(b, '\n'), 0o644)
}

// markBearerAsHTTP turns Swagger 2's "apiKey in header" workaround into a proper OpenAPI 3 bearer scheme.
func markBearerAsHTTP(doc *openapi3.T) {
	if doc.Components == nil || doc.Components.SecuritySchemes == nil {
		return
	}
	if ref, ok := doc.Components.SecuritySchemes["BearerAuth"]; ok && ref.Value != nil {
		ref.Value = openapi3.NewJWTSecurityScheme().WithDescription(ref.Value.Description)
	}
}

// markProblems labels error responses with the one media type the server really sends for them (RFC 9457):
// swag can only repeat the route's success types.
func markProblems(doc *openapi3.T) {
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for status, ref := range op.Responses.Map() {
				if len(status) != 3 || status[0] < '4' || ref.Value == nil {
					continue
				}
				for _, mt := range ref.Value.Content { // swag repeats the route's @Produce types (text/csv…)
					if mt.Schema != nil && mt.Schema.Ref == "#/components/schemas/Problem" {
						ref.Value.Content = openapi3.Content{"application/problem+json": mt}
						break
					}
				}
			}
		}
	}
}
