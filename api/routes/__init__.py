"""The routers the app includes, in order: each module exposes `router` (and may expose
`mount(app)` for static files). Add a resource by adding its module here — one line."""

API_PREFIX = "/api/v1"

ROUTER_MODULES: tuple[str, ...] = (
    "api.routes.health",
    "api.routes.actors",
    "api.routes.meetings",
    "api.routes.relations",
    "api.routes.paths",
    "api.routes.articles",
    "api.routes.analytics",
    "api.routes.cypher",
    "api.routes.stats",
    "api.routes.viz",
    "api.routes.docs",
    "api.routes.home",
)
