/** A polite loading notice (the DSFR has no spinner component). */
export function Loading({ label = "Chargement en cours…" }: { label?: string }) {
  return (
    <p className="fr-my-4w" role="status" aria-live="polite">
      {label}
    </p>
  );
}
