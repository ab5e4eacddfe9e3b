// The candidature form without React: the API's candidature ⇄ the form's values, and the PUT body.
import type { Candidature, CandidatureInput, Premises } from "../api/labelling";

/** A yes/no question left unanswered is "" (null on the wire). */
export type YesNo = "oui" | "non" | "";
export type SiteRow = { key: string; name: string; commune_code: string; commune_name: string; address: string };
export type CandidatureFormValues = {
  carrier_name: string;
  carrier_siret: string;
  sites: SiteRow[];
  /** One partner per line. */
  partners: string;
  confidential_office: YesNo;
  it_equipment: YesNo;
  accessibility: YesNo;
  premises_notes: string;
  notes: string;
};

export const PREMISES_QUESTIONS: { key: "confidential_office" | "it_equipment" | "accessibility"; label: string; hint: string }[] = [
  { key: "confidential_office", label: "Un bureau confidentiel est-il prévu ?", hint: "Pour recevoir le public à l’abri des regards et des oreilles." },
  { key: "it_equipment", label: "Le poste informatique en libre accès est-il prévu ?", hint: "Ordinateur, imprimante, scanner à disposition du public." },
  { key: "accessibility", label: "Les locaux sont-ils accessibles aux personnes à mobilité réduite ?", hint: "" },
];

let nextKey = 0;
/** A local key for a new site row (React lists). */
export function newSiteRow(partial: Partial<Omit<SiteRow, "key">> = {}): SiteRow {
  nextKey += 1;
  return { key: `site-${nextKey}`, name: "", commune_code: "", commune_name: "", address: "", ...partial };
}

const yesNo = (v: boolean | null): YesNo => (v === true ? "oui" : v === false ? "non" : "");
const fromYesNo = (v: YesNo): boolean | null => (v === "oui" ? true : v === "non" ? false : null);

/** The form's values for a candidature, or an empty form (carrier prefilled from the structure) when none exists. */
export function candidatureForm(c: Candidature | null, defaults: { carrier_name?: string; carrier_siret?: string } = {}): CandidatureFormValues {
  if (!c) {
    return {
      carrier_name: defaults.carrier_name ?? "", carrier_siret: defaults.carrier_siret ?? "", sites: [newSiteRow()], partners: "",
      confidential_office: "", it_equipment: "", accessibility: "", premises_notes: "", notes: "",
    };
  }
  return {
    carrier_name: c.carrier_name,
    carrier_siret: c.carrier_siret,
    sites: c.planned_sites.map((s) => newSiteRow({ name: s.name, commune_code: s.commune_code, commune_name: s.commune_name, address: s.address })),
    partners: c.partners_planned.join("\n"),
    confidential_office: yesNo(c.premises.confidential_office),
    it_equipment: yesNo(c.premises.it_equipment),
    accessibility: yesNo(c.premises.accessibility),
    premises_notes: c.premises.notes,
    notes: c.notes,
  };
}

/** Partners from the textarea: one per line, trimmed, blank lines and duplicates dropped. */
export function partnersOf(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const name = line.trim();
    const key = name.toLocaleLowerCase("fr");
    if (!name || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/** The PUT /structures/{id}/candidature body; rows left entirely blank are not sent. */
export function candidatureBody(v: CandidatureFormValues): CandidatureInput {
  const premises: Premises = {
    confidential_office: fromYesNo(v.confidential_office),
    it_equipment: fromYesNo(v.it_equipment),
    accessibility: fromYesNo(v.accessibility),
    notes: v.premises_notes.trim(),
  };
  return {
    carrier_name: v.carrier_name.trim(),
    carrier_siret: v.carrier_siret.replace(/\s+/g, ""),
    planned_sites: v.sites
      .filter((s) => s.name.trim() || s.commune_code || s.address.trim())
      .map((s) => ({ name: s.name.trim(), commune_code: s.commune_code, address: s.address.trim() })),
    partners_planned: partnersOf(v.partners),
    premises,
    notes: v.notes.trim(),
  };
}

/**
 * The server's field error for a body field, with the site rows renumbered: a blank row is not sent, so the
 * server's planned_sites[i] is the i-th non-blank row of the form.
 */
export function siteRowIndexes(v: CandidatureFormValues): number[] {
  const out: number[] = [];
  v.sites.forEach((s, i) => {
    if (s.name.trim() || s.commune_code || s.address.trim()) out.push(i);
  });
  return out;
}
