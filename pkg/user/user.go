// Package user manages accounts (who they are, their role and territory) and sessions (login, refresh-token
// rotation, logout, login throttling), and turns an access token into the actor behind it.
//
// Territorial scoping of accounts lives in one place, store.go: every query takes the actor.
package user

import (
	"context"
	"slices"
	"time"

	"maillage/pkg/auth"
)

// User is an account.
type User struct {
	ID           string
	Email        string
	Name         string
	Role         auth.Role
	RegionCode   string   // role region only
	Departements []string // prefecture, animateur, partner (and structure, to tie it to a prefecture)
	StructureIDs []string // role structure only
	PartnerOrg   string   // role partner only
	Active       bool
	LastLoginAt  *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int
}

// NewUser is what a creator gives for a new account.
type NewUser struct {
	Email        string
	Name         string
	Role         auth.Role
	RegionCode   string
	Departements []string
	StructureIDs []string
	PartnerOrg   string
	Password     string
}

// Changes is a partial update: nil fields stay as they are; an empty string or list clears the field.
type Changes struct {
	Name         *string
	Role         *auth.Role
	RegionCode   *string
	Departements *[]string
	StructureIDs *[]string
	PartnerOrg   *string
	Active       *bool
}

// Filter narrows a list of accounts; Limit is already bounded by the caller (1–200).
type Filter struct {
	Departement string
	Role        string
	Active      *bool
	Q           string // part of the name or e-mail
	Cursor      string
	Limit       int
}

// Page is a page of accounts in e-mail order, and the cursor of the next one ("" at the end).
type Page struct {
	Items      []User
	NextCursor string
}

// Territory is what account validation needs from the reference geography (authentication reads a région's
// départements in its own statement, loadActor).
type Territory interface {
	MissingDepartements(ctx context.Context, codes []string) ([]string, error)
	RegionExists(ctx context.Context, code string) (bool, error)
}

// apply returns the user with the changes made, normalised.
func (u User) apply(c Changes) User {
	next := u
	next.Departements = slices.Clone(u.Departements)
	next.StructureIDs = slices.Clone(u.StructureIDs)
	if c.Name != nil {
		next.Name = *c.Name
	}
	if c.Role != nil {
		next.Role = *c.Role
	}
	if c.RegionCode != nil {
		next.RegionCode = *c.RegionCode
	}
	if c.Departements != nil {
		next.Departements = *c.Departements
	}
	if c.StructureIDs != nil {
		next.StructureIDs = *c.StructureIDs
	}
	if c.PartnerOrg != nil {
		next.PartnerOrg = *c.PartnerOrg
	}
	if c.Active != nil {
		next.Active = *c.Active
	}
	return normalized(next)
}

// sameState tells whether nothing an update can change differs.
func sameState(a, b User) bool {
	return a.Name == b.Name && a.Role == b.Role && a.RegionCode == b.RegionCode && a.PartnerOrg == b.PartnerOrg &&
		a.Active == b.Active && slices.Equal(a.Departements, b.Departements) && slices.Equal(a.StructureIDs, b.StructureIDs)
}

// auditView is the account as the audit log shows it: no secrets, no bookkeeping fields.
func auditView(u User) map[string]any {
	return map[string]any{
		"email": u.Email, "name": u.Name, "role": string(u.Role), "region_code": u.RegionCode,
		"departements": nonNil(u.Departements), "structure_ids": nonNil(u.StructureIDs),
		"partner_org": u.PartnerOrg, "active": u.Active,
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// union of two sorted or unsorted code lists, sorted and without duplicates.
func union(a, b []string) []string {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}
