from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .worker import readiness


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@never_cache
@require_GET
def readyz(request):
    """For load balancers and monitoring: 503 while no task worker runs or tasks wait more than
    ten minutes past their time (mails would not go out), 200 otherwise. `/healthz` stays the
    plain database check."""
    try:
        state = readiness()
    except Exception:
        return JsonResponse({"status": "error", "reason": "database unreachable"}, status=503)
    body = {
        "status": "ok" if state.ready else "error",
        "overdue_tasks": state.overdue_tasks,
        "last_worker_heartbeat": state.last_beat.isoformat() if state.last_beat else None,
    }
    if not state.ready:
        body["reason"] = state.reason
    return JsonResponse(body, status=200 if state.ready else 503)
