package visiting

import (
	"time"

	"maillage/pkg/visit"
)

// The audit log records objects under the API's field names (as the registry does), so the history a person
// reads matches what the API calls each field; bookkeeping (version, timestamps, counts, prefilled figures) is
// left out of the diff.

func dateView(d *time.Time) any {
	if d == nil {
		return nil
	}
	return d.Format(time.DateOnly)
}

func visitView(v visit.Visit) map[string]any {
	visitors := make([]map[string]any, len(v.Visitors))
	for i, p := range v.Visitors {
		visitors[i] = map[string]any{"user_id": p.UserID, "name": p.Name, "function": p.Function}
	}
	people := make([]map[string]any, len(v.PeopleMet))
	for i, p := range v.PeopleMet {
		people[i] = map[string]any{"name": p.Name, "function": p.Function}
	}
	answers := make([]map[string]any, len(v.Answers))
	for i, a := range v.Answers {
		answers[i] = map[string]any{"item_id": a.ItemID, "value": a.Value, "comment": a.Comment}
	}
	return map[string]any{"id": v.ID, "structure_id": v.StructureID, "departement_code": v.Departement,
		"type": v.Type, "status": v.Status, "planned_date": dateView(v.PlannedDate), "planned_time": v.PlannedTime,
		"duration_minutes": v.DurationMinutes, "done_date": dateView(v.DoneDate), "cancel_reason": v.CancelReason,
		"visitors": visitors, "people_met": people, "report": v.Report, "follow_up": v.FollowUp,
		"checklist_template_id": v.TemplateID, "answers": answers}
}

func findingView(f visit.Finding) map[string]any {
	return map[string]any{"id": f.ID, "visit_id": f.VisitID, "structure_id": f.StructureID,
		"description": f.Description, "severity": f.Severity, "watch_requested": f.WatchRequested}
}

func actionView(a visit.Action) map[string]any {
	return map[string]any{"id": a.ID, "visit_id": a.VisitID, "finding_id": a.FindingID, "structure_id": a.StructureID,
		"description": a.Description, "owner_type": a.OwnerType, "owner_label": a.OwnerLabel,
		"due_date": a.DueDate.Format(time.DateOnly), "status": a.Status}
}

func attachmentView(a visit.Attachment) map[string]any {
	return map[string]any{"id": a.ID, "visit_id": a.VisitID, "name": a.Name, "content_type": a.ContentType,
		"size": a.Size, "sha256": a.SHA256}
}

func templateView(t visit.Template) map[string]any {
	items := make([]map[string]any, len(t.Items))
	for i, it := range t.Items {
		items[i] = map[string]any{"position": it.Position, "section": it.Section, "label": it.Label, "help": it.Help,
			"answer_type": it.AnswerType, "required": it.Required, "prefill": it.Prefill}
	}
	return map[string]any{"id": t.ID, "visit_type": t.VisitType, "departement_code": t.Departement,
		"number": t.Number, "title": t.Title, "description": t.Description, "status": t.Status, "items": items}
}

func calendarLinkView(t visit.CalendarToken) map[string]any {
	return map[string]any{"user_id": t.UserID, "created_at": t.CreatedAt}
}
