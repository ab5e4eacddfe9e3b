-- Simplified outline of each metropolitan département (GeoJSON geometry), for the maps of the SPA.

-- +goose Up
ALTER TABLE departements ADD COLUMN outline jsonb;

-- +goose Down
ALTER TABLE departements DROP COLUMN outline;
