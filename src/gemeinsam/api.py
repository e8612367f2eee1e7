"""The API at /api/v1/, its OpenAPI document at /api/v1/openapi.json. Each app adds a router."""

from ninja import NinjaAPI

from gemeinsam.organizations.api import router as organizations_router

api = NinjaAPI(
    title="gemeinsam API",
    version="1",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
api.add_router("/organizations", organizations_router)
