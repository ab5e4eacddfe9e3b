// Renders /api/v1/openapi.json as a readable page: operations grouped by tag, parameters, bodies, responses and
// schemas. Plain DOM, no dependency, so the page works offline and under the server's strict CSP.
"use strict";

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? "")));
  return node;
};

const refName = (ref) => ref.split("/").pop();

function schemaText(s) {
  if (!s) return "";
  if (s.$ref) return refName(s.$ref);
  if (s.type === "array") return schemaText(s.items) + "[]";
  if (s.allOf) return s.allOf.map(schemaText).join(" & ");
  return s.type || "objet";
}

function table(headers, rows) {
  return el("table", {}, el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", {}, h)))),
    el("tbody", {}, ...rows.map((r) => el("tr", {}, ...r.map((c) => el("td", {}, c))))));
}

function operation(path, method, op) {
  const body = el("div", { class: "body" });
  if (op.description) body.append(el("p", {}, op.description));
  if (op.parameters?.length) {
    body.append(el("h4", {}, "Paramètres"), table(["Nom", "Où", "Type", "Requis", "Description"],
      op.parameters.map((p) => [p.name, p.in, schemaText(p.schema), p.required ? "oui" : "non", p.description || ""])));
  }
  const reqSchema = op.requestBody?.content?.["application/json"]?.schema;
  if (reqSchema) body.append(el("h4", {}, "Corps de la requête"), el("p", {}, el("code", {}, schemaText(reqSchema))));
  body.append(el("h4", {}, "Réponses"), table(["Statut", "Description", "Contenu"],
    Object.entries(op.responses || {}).map(([status, r]) => {
      const content = r.content ? Object.values(r.content)[0] : null;
      return [status, r.description || "", content ? schemaText(content.schema) : ""];
    })));
  const secured = Array.isArray(op.security) && op.security.length > 0;
  return el("details", {}, el("summary", {}, el("span", { class: "method " + method }, method),
    el("span", { class: "path" }, path), el("span", {}, op.summary || ""),
    el("span", { class: "lock" }, secured ? "🔒 jeton requis" : "public")), body);
}

function schemas(components) {
  const section = el("section", {}, el("h2", {}, "Schémas"));
  for (const [name, s] of Object.entries(components?.schemas || {}).sort()) {
    const rows = Object.entries(s.properties || {}).map(([prop, p]) =>
      [prop, schemaText(p), (s.required || []).includes(prop) ? "oui" : "non", p.description || "", p.example ?? ""]);
    section.append(el("details", {}, el("summary", {}, el("span", { class: "path" }, name)),
      el("div", { class: "body" }, s.description ? el("p", {}, s.description) : "",
        table(["Propriété", "Type", "Requis", "Description", "Exemple"], rows))));
  }
  return section;
}

async function render() {
  const root = document.getElementById("doc");
  const spec = await (await fetch("/api/v1/openapi.json")).json();
  root.replaceChildren(el("p", {}, spec.info?.description || ""), el("p", {}, "Version " + (spec.info?.version || "")));
  const byTag = new Map();
  for (const [path, item] of Object.entries(spec.paths || {})) {
    for (const [method, op] of Object.entries(item)) {
      const tag = op.tags?.[0] || "autres";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push(operation("/api/v1" + path, method, op));
    }
  }
  for (const [tag, ops] of [...byTag.entries()].sort()) root.append(el("h2", {}, tag), ...ops);
  root.append(schemas(spec.components));
}

render().catch((err) => {
  document.getElementById("doc").replaceChildren(el("p", {}, "Impossible de charger la spécification : " + err));
});
