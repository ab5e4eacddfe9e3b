package registry

import (
	"maps"
	"time"

	"maillage/pkg/structure"
)

// diff lists the fields that differ between the stored structure and the one the file describes, under the
// API's field names.
func diff(before, after structure.Structure, groupBefore, groupAfter string) map[string]Change {
	changes := map[string]Change{}
	add := func(field string, from, to any) {
		if from != to {
			changes[field] = Change{From: from, To: to}
		}
	}
	add("id_fs", deref(before.IDFS), deref(after.IDFS))
	add("name", before.Name, after.Name)
	add("address", before.Address, after.Address)
	add("address_complement", before.AddressComplement, after.AddressComplement)
	add("postcode", before.Postcode, after.Postcode)
	add("commune_code", deref(before.CommuneCode), deref(after.CommuneCode))
	add("commune_name", before.CommuneLabel, after.CommuneLabel)
	add("latitude", floatOrNil(before.Latitude), floatOrNil(after.Latitude))
	add("longitude", floatOrNil(before.Longitude), floatOrNil(after.Longitude))
	add("coordinates_source", string(before.CoordinatesSource), string(after.CoordinatesSource))
	add("phone", before.Phone, after.Phone)
	add("email", before.Email, after.Email)
	add("format", string(before.Format), string(after.Format))
	add("comment", before.Comment, after.Comment)
	add("label_date", dateOrNil(before.LabelDate), dateOrNil(after.LabelDate))
	add("groupe", groupBefore, groupAfter)
	if !maps.Equal(nonEmpty(before.HoursRaw), nonEmpty(after.HoursRaw)) {
		changes["hours_raw"] = Change{From: before.HoursRaw, To: after.HoursRaw}
	}
	return changes
}

func floatOrNil(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

func dateOrNil(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Format("2006-01-02")
}

func nonEmpty(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if v != "" {
			out[k] = v
		}
	}
	return out
}
