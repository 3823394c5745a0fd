"""One module per page; each exposes a FastAPI `router`."""
