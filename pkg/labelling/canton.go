package labelling

import (
	"encoding/json"
	"errors"
)

// Canton is a canton with its outline (GeoJSON Polygon or MultiPolygon, longitude first).
type Canton struct {
	Code, Name string
	Polygons   [][][][2]float64 // polygons → rings (the first one outer, the others holes) → points
}

// ParseGeometry reads a GeoJSON Polygon or MultiPolygon.
func ParseGeometry(raw []byte) ([][][][2]float64, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	var g struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		return nil, err
	}
	switch g.Type {
	case "Polygon":
		var p [][][2]float64
		err := json.Unmarshal(g.Coordinates, &p)
		return [][][][2]float64{p}, err
	case "MultiPolygon":
		var mp [][][][2]float64
		err := json.Unmarshal(g.Coordinates, &mp)
		return mp, err
	}
	return nil, errors.New("geometry: Polygon or MultiPolygon expected, got " + g.Type)
}

// Contains tells whether the point (longitude, latitude) lies inside the canton: inside the outer ring of one of
// its polygons and outside that polygon's holes (even-odd rule).
func (c Canton) Contains(lon, lat float64) bool {
	for _, poly := range c.Polygons {
		if len(poly) == 0 || !inRing(poly[0], lon, lat) {
			continue
		}
		hole := false
		for _, h := range poly[1:] {
			if inRing(h, lon, lat) {
				hole = true
				break
			}
		}
		if !hole {
			return true
		}
	}
	return false
}

// inRing is the ray-casting test of a point against one closed ring.
func inRing(ring [][2]float64, x, y float64) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		xi, yi, xj, yj := ring[i][0], ring[i][1], ring[j][0], ring[j][1]
		if (yi > y) != (yj > y) && x < (xj-xi)*(y-yi)/(yj-yi)+xi {
			in = !in
		}
	}
	return in
}
