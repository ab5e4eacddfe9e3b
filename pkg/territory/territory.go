// Package territory holds the reference geography: régions, départements (with their time zone and holiday
// calendar), communes (population, centre, postcodes) and cantons. The data ships inside the binary (see
// data/PROVENANCE.md) and is loaded by Load.
package territory

// Region is a French région.
type Region struct {
	Code string
	Name string
}

// Departement is a département, the tenancy boundary of Maillage.
type Departement struct {
	Code            string
	Name            string
	RegionCode      string
	RegionName      string
	ChefLieu        string // INSEE code of the prefecture's commune
	Timezone        string // IANA zone the département's structures keep their hours in
	HolidayCalendar string // FR, FR-ALSACE-MOSELLE, or FR-<overseas code>
}

// Commune is a current commune with its centre.
type Commune struct {
	CodeINSEE       string
	Name            string
	DepartementCode string
	RegionCode      string
	Population      int
	Latitude        *float64
	Longitude       *float64
	Postcodes       []string
}

// timezones of the overseas départements and collectivities; every other département is Europe/Paris.
var timezones = map[string]string{
	"971": "America/Guadeloupe", "972": "America/Martinique", "973": "America/Cayenne",
	"974": "Indian/Reunion", "975": "America/Miquelon", "976": "Indian/Mayotte",
	"977": "America/St_Barthelemy", "978": "America/Marigot", "984": "Indian/Kerguelen",
	"986": "Pacific/Wallis", "987": "Pacific/Tahiti", "988": "Pacific/Noumea", "989": "Pacific/Pitcairn",
}

// TimezoneOf returns the IANA time zone of a département.
func TimezoneOf(dep string) string {
	if tz, ok := timezones[dep]; ok {
		return tz
	}
	return "Europe/Paris"
}

// HolidayCalendarOf names the public-holiday calendar of a département: Alsace-Moselle keeps the local law's two
// extra days (Good Friday, 26 December); overseas territories have their own abolition-of-slavery day.
func HolidayCalendarOf(dep string) string {
	switch dep {
	case "57", "67", "68":
		return "FR-ALSACE-MOSELLE"
	}
	if len(dep) == 3 {
		return "FR-" + dep
	}
	return "FR"
}
