package registry

import "maillage/pkg/structure"

// The audit log records objects under the API's field names, so the history a person reads ("téléphone : from →
// to") matches what the API calls the field. The carrier is flattened so each of its fields diffs on its own;
// bookkeeping fields (version, timestamps) are left out of the diff.

func structureView(s *structure.Structure) map[string]any {
	if s == nil {
		return nil
	}
	var labelDate any
	if s.LabelDate != nil {
		labelDate = s.LabelDate.Format("2006-01-02")
	}
	return map[string]any{
		"id": s.ID, "id_fs": s.IDFS, "departement_code": s.Departement, "name": s.Name, "commune_code": s.CommuneCode,
		"commune_name": s.CommuneLabel, "address": s.Address, "address_complement": s.AddressComplement,
		"postcode": s.Postcode, "latitude": s.Latitude, "longitude": s.Longitude,
		"coordinates_source": s.CoordinatesSource, "phone": s.Phone, "email": s.Email, "website": s.Website,
		"format": s.Format, "parent_id": s.ParentID, "group_id": s.GroupID, "carrier.type": s.Carrier.Type,
		"carrier.name": s.Carrier.Name, "carrier.siret": s.Carrier.SIRET, "label_status": s.LabelStatus,
		"label_date": labelDate, "accessibility_notes": s.AccessibilityNotes, "hours_raw": s.HoursRaw,
		"comment": s.Comment,
	}
}

func stopView(s *structure.Stop) map[string]any {
	if s == nil {
		return nil
	}
	return map[string]any{"id": s.ID, "position": s.Position, "label": s.Label, "address": s.Address,
		"commune_code": s.CommuneCode, "latitude": s.Latitude, "longitude": s.Longitude}
}

func groupView(g *structure.Group) map[string]any {
	if g == nil {
		return nil
	}
	return map[string]any{"id": g.ID, "departement_code": g.Departement, "name": g.Name, "lead_id": g.LeadID,
		"member_ids": g.MemberIDs}
}
