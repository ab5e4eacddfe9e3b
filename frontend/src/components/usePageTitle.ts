import { useEffect } from "react";

/** Sets the document title ("Page – Maillage"), one per page for screen readers and history. */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} – Maillage` : "Maillage";
  }, [title]);
}
