// Package auth knows who is calling: actors, roles, territorial scopes, access tokens and password hashing.
// Scoping decisions live here so every data package asks the same question the same way.
package auth

import (
	"context"
	"slices"
)

// Role is what a user may do; the territory says where.
type Role string

const (
	RoleAdmin      Role = "admin"      // national level (ANCT): everything, everywhere
	RoleRegion     Role = "region"     // SGAR: reads the départements of one région
	RolePrefecture Role = "prefecture" // steers the network of its département(s)
	RoleAnimateur  Role = "animateur"  // departmental animator
	RoleStructure  Role = "structure"  // managers and agents of given structures
	RolePartner    Role = "partner"    // a partner organisation in given départements
)

// AllRoles lists every role, in the order the SPA shows them.
var AllRoles = []Role{RoleAdmin, RoleRegion, RolePrefecture, RoleAnimateur, RoleStructure, RolePartner}

// Valid tells whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(AllRoles, r) }

// ActorKind tells a person from a partner's software.
type ActorKind string

const (
	ActorUser   ActorKind = "user"
	ActorClient ActorKind = "client"
	ActorSystem ActorKind = "system"
)

// Actor is the authenticated caller with its territory, loaded fresh on every request.
type Actor struct {
	Kind         ActorKind
	ID           string // user or client id
	Label        string // e-mail or client name, for the audit log
	Role         Role
	RegionCode   string   // for RoleRegion
	Departements []string // for prefecture, animateur, partner; for region: the région's départements
	StructureIDs []string // for RoleStructure
	PartnerOrg   string   // for RolePartner
	Scopes       []string // for ActorClient: what its token grants (ADR 0008); routes declare the scope they need
}

// System is the actor of command-line and background work.
var System = Actor{Kind: ActorSystem, ID: "system", Label: "système", Role: RoleAdmin}

// IsNational tells whether the actor sees every département.
func (a Actor) IsNational() bool { return a.Role == RoleAdmin }

// CanSeeDepartement tells whether the département is inside the actor's territory.
func (a Actor) CanSeeDepartement(code string) bool {
	return a.IsNational() || slices.Contains(a.Departements, code)
}

// CanSeeAnyOf tells whether one of the départements is inside the actor's territory.
func (a Actor) CanSeeAnyOf(codes []string) bool {
	if a.IsNational() {
		return true
	}
	for _, c := range codes {
		if slices.Contains(a.Departements, c) {
			return true
		}
	}
	return false
}

// DepartementFilter returns the départements a query must be limited to, and false when it needs no limit.
func (a Actor) DepartementFilter() ([]string, bool) {
	if a.IsNational() {
		return nil, false
	}
	if a.Departements == nil {
		return []string{}, true
	}
	return a.Departements, true
}

// HasRole tells whether the actor has one of the roles.
func (a Actor) HasRole(roles ...Role) bool { return slices.Contains(roles, a.Role) }

type actorKey struct{}

// WithActor carries the actor in the context, for the data layer and the audit log.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor carried by ctx.
func ActorFrom(ctx context.Context) (Actor, bool) {
	a, ok := ctx.Value(actorKey{}).(Actor)
	return a, ok
}

type requestIDKey struct{}

// WithRequestID carries the request id (for the audit log and error logs).
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request id carried by ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
