import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import type { ApiError } from "../../api/problem";
import type { HolidayPolicy as Policy } from "../../hours/schedules";
import { fieldState } from "../ApiErrorAlert";

type Props = { policy: Policy; editable: boolean; error: ApiError | null; onChange: (patch: Partial<Policy>) => void };

/** The structure's public-holiday policy, saved with the schedules (PUT /schedules, `holidays`). */
export function HolidayPolicy({ policy, editable, error, onChange }: Props) {
  const state = fieldState(error, "holidays");
  return (
    <Checkbox
      legend="Jours fériés"
      hintText="Les jours fériés retenus sont ceux du calendrier de la structure (Alsace-Moselle et outre-mer compris)."
      disabled={!editable}
      {...state}
      options={[
        {
          label: "Fermé les jours fériés",
          nativeInputProps: {
            name: "closed_on_public_holidays", checked: policy.closed_on_public_holidays,
            onChange: (e) => onChange({ closed_on_public_holidays: e.target.checked }),
          },
        },
        {
          label: "Ouvert le lundi de Pentecôte (journée de solidarité)",
          hintText: "Le lundi de Pentecôte suit alors les horaires de la structure, même si elle ferme les autres jours fériés.",
          nativeInputProps: {
            name: "open_on_pentecost_monday", checked: policy.open_on_pentecost_monday,
            onChange: (e) => onChange({ open_on_pentecost_monday: e.target.checked }),
          },
        },
      ]}
    />
  );
}
