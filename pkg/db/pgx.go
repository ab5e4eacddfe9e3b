package db

import "github.com/jackc/pgx/v5"

type pgxConnConfig = pgx.ConnConfig

func parseConfig(url string) (*pgx.ConnConfig, error) { return pgx.ParseConfig(url) }
