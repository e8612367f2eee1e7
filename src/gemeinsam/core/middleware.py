from csp.middleware import CSPMiddleware


class NoStoreForPrivatePagesMiddleware:
    """Pages shown to a logged-in person must not linger in any cache (ASVS 14.3.2)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store, private"
        return response


def _is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's header (settings.CONTENT_SECURITY_POLICY), on HTML pages only.

    The policy governs what a document may load and run. Downloads (PDF, .ics, CSV, XLSX, JSON)
    are not documents of ours, and a policy on a PDF can keep the browser's own viewer from
    showing it.
    """

    def process_response(self, request, response):
        if not _is_html(response):
            return response
        return super().process_response(request, response)


# Nothing on the platform needs a camera, a microphone, the location or a payment: a page that
# was injected into still cannot ask for them. (The door check-in reads QR codes with the phone's
# own camera app, which opens the link; no page of ours touches the camera.)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
)


class PermissionsPolicyMiddleware:
    """Sends the Permissions-Policy header with every HTML page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _is_html(response) and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = PERMISSIONS_POLICY
        return response
