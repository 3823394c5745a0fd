"""The analyst's web app: `kirok serve` on localhost, server-rendered pages over the store."""
