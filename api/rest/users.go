package rest

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/user"
)

// UserDTO is an account (also the "Me" object).
type UserDTO struct {
	ID           string     `json:"id" validate:"required" format:"uuid"`
	Email        string     `json:"email" validate:"required" example:"prefecture.70@maillage.test"`
	Name         string     `json:"name" validate:"required" example:"Préfecture de la Haute-Saône"`
	Role         string     `json:"role" validate:"required" enums:"admin,region,prefecture,animateur,structure,partner"`
	RegionCode   string     `json:"region_code,omitempty" example:"27"`
	Departements []string   `json:"departements" validate:"required"`
	StructureIDs []string   `json:"structure_ids" validate:"required"`
	PartnerOrg   string     `json:"partner_org,omitempty" example:"CNAF"`
	Active       bool       `json:"active" validate:"required"`
	LastLoginAt  *time.Time `json:"last_login_at,omitempty"`
	CreatedAt    time.Time  `json:"created_at" validate:"required"`
	UpdatedAt    time.Time  `json:"updated_at" validate:"required"`
} //@name User

// UserList is a page of accounts.
type UserList struct {
	Items      []UserDTO `json:"items" validate:"required"`
	NextCursor *string   `json:"next_cursor"`
} //@name UserList

// CreateUserRequest creates an account with its first password. The territory fields depend on the role:
// region → region_code; prefecture, animateur, partner → departements; structure → structure_ids; partner →
// partner_org.
type CreateUserRequest struct {
	Email        string   `json:"email" validate:"required" example:"agent.70@maillage.test"`
	Name         string   `json:"name" validate:"required" example:"Camille Martin"`
	Role         string   `json:"role" validate:"required" enums:"admin,region,prefecture,animateur,structure,partner"`
	RegionCode   string   `json:"region_code,omitempty" example:"27"`
	Departements []string `json:"departements,omitempty"`
	StructureIDs []string `json:"structure_ids,omitempty"`
	PartnerOrg   string   `json:"partner_org,omitempty" example:"CNAF"`
	Password     string   `json:"password" validate:"required" minLength:"12"`
} //@name CreateUserRequest

// UpdateUserRequest changes the fields it contains; an empty string or list clears a field.
type UpdateUserRequest struct {
	Name         *string   `json:"name,omitempty"`
	Role         *string   `json:"role,omitempty" enums:"admin,region,prefecture,animateur,structure,partner"`
	RegionCode   *string   `json:"region_code,omitempty"`
	Departements *[]string `json:"departements,omitempty"`
	StructureIDs *[]string `json:"structure_ids,omitempty"`
	PartnerOrg   *string   `json:"partner_org,omitempty"`
	Active       *bool     `json:"active,omitempty"`
} //@name UpdateUserRequest

// listUsers godoc
// @Summary      Liste des comptes de mon territoire
// @Tags         utilisateurs
// @Produce      json
// @Security     BearerAuth
// @Param        departement query string false "Code du département" example(70)
// @Param        role        query string false "Rôle" Enums(admin,region,prefecture,animateur,structure,partner)
// @Param        active      query bool   false "Comptes actifs (true) ou désactivés (false)"
// @Param        q           query string false "Partie du nom ou de l’adresse e-mail"
// @Param        cursor      query string false "Curseur de la page suivante"
// @Param        limit       query int    false "Taille de la page (1–200, 50 par défaut)"
// @Success      200 {object} UserList
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      422 {object} Problem
// @Router       /users [get]
func (h *Handlers) listUsers(c echo.Context) error {
	page, err := pageOf(c)
	if err != nil {
		return err
	}
	f := user.Filter{Departement: c.QueryParam("departement"), Role: c.QueryParam("role"), Q: c.QueryParam("q"),
		Cursor: page.Cursor, Limit: page.Limit}
	if f.Active, err = boolQuery(c, "active"); err != nil {
		return err
	}
	res, err := h.Users.List(c.Request().Context(), actorOf(c), f)
	if err != nil {
		return err
	}
	out := UserList{Items: make([]UserDTO, len(res.Items))}
	for i, u := range res.Items {
		out.Items[i] = userDTO(u)
	}
	if res.NextCursor != "" {
		out.NextCursor = &res.NextCursor
	}
	return c.JSON(http.StatusOK, out)
}

// getUser godoc
// @Summary      Un compte
// @Tags         utilisateurs
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Identifiant du compte" format(uuid)
// @Success      200 {object} User
// @Header       200 {string} ETag "Version du compte, à renvoyer dans If-Match"
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /users/{id} [get]
func (h *Handlers) getUser(c echo.Context) error {
	u, err := h.Users.Get(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	setETag(c, u.Version)
	return c.JSON(http.StatusOK, userDTO(u))
}

// createUser godoc
// @Summary      Création d’un compte
// @Description  Un administrateur crée tout compte ; une préfecture, des comptes de ses départements, jamais administrateur ni régional.
// @Tags         utilisateurs
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        Idempotency-Key header string false "Clé d’idempotence"
// @Param        body body CreateUserRequest true "Le compte et son premier mot de passe"
// @Success      201 {object} User
// @Header       201 {string} Location "Adresse du compte créé"
// @Header       201 {string} ETag "Version du compte"
// @Failure      400 {object} Problem
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      409 {object} Problem
// @Failure      422 {object} Problem
// @Router       /users [post]
func (h *Handlers) createUser(c echo.Context) error {
	var req CreateUserRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	u, err := h.Users.Create(c.Request().Context(), actorOf(c), user.NewUser{Email: req.Email, Name: req.Name,
		Role: auth.Role(req.Role), RegionCode: req.RegionCode, Departements: req.Departements,
		StructureIDs: req.StructureIDs, PartnerOrg: req.PartnerOrg, Password: req.Password})
	if err != nil {
		return err
	}
	setETag(c, u.Version)
	c.Response().Header().Set(echo.HeaderLocation, apiPrefix+"/users/"+u.ID)
	return c.JSON(http.StatusCreated, userDTO(u))
}

// updateUser godoc
// @Summary      Modification d’un compte
// @Description  Modification partielle : seuls les champs présents changent. « active: false » désactive le compte et ferme ses sessions.
// @Tags         utilisateurs
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string            true "Identifiant du compte" format(uuid)
// @Param        If-Match header string            true "ETag lu avec le compte"
// @Param        body     body   UpdateUserRequest true "Champs à modifier"
// @Success      200 {object} User
// @Header       200 {string} ETag "Nouvelle version du compte"
// @Failure      400 {object} Problem
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /users/{id} [patch]
func (h *Handlers) updateUser(c echo.Context) error {
	version, err := ifMatchVersion(c)
	if err != nil {
		return err
	}
	var req UpdateUserRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ch := user.Changes{Name: req.Name, RegionCode: req.RegionCode, Departements: req.Departements,
		StructureIDs: req.StructureIDs, PartnerOrg: req.PartnerOrg, Active: req.Active}
	if req.Role != nil {
		role := auth.Role(*req.Role)
		ch.Role = &role
	}
	u, err := h.Users.Update(c.Request().Context(), actorOf(c), c.Param("id"), version, ch)
	if err != nil {
		return err
	}
	setETag(c, u.Version)
	return c.JSON(http.StatusOK, userDTO(u))
}

func userDTO(u user.User) UserDTO {
	return UserDTO{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role), RegionCode: u.RegionCode,
		Departements: nonNilStrings(u.Departements), StructureIDs: nonNilStrings(u.StructureIDs),
		PartnerOrg: u.PartnerOrg, Active: u.Active, LastLoginAt: u.LastLoginAt, CreatedAt: u.CreatedAt,
		UpdatedAt: u.UpdatedAt}
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// boolQuery reads an optional true/false query parameter.
func boolQuery(c echo.Context, name string) (*bool, error) {
	switch c.QueryParam(name) {
	case "":
		return nil, nil
	case "true":
		v := true
		return &v, nil
	case "false":
		v := false
		return &v, nil
	}
	return nil, apperr.Invalid("validation_failed", name, "Valeur attendue : true ou false.")
}
