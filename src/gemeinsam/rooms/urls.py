"""/rooms/…: the list and each room's week calendar, requests, and the agency's management.

The fixed prefixes (`bookings/`, `manage/`) come before `<agency>/<slug>/`.
"""

from django.urls import path

from . import views

app_name = "rooms"

urlpatterns = [
    path("", views.room_list, name="room-list"),
    path("bookings/", views.my_bookings, name="my-bookings"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking-cancel"),
    path("manage/<slug:agency>/", views.booking_queue, name="booking-queue"),
    path(
        "manage/<slug:agency>/bookings/<int:pk>/decide/",
        views.booking_decide,
        name="booking-decide",
    ),
    path("manage/<slug:agency>/closures/", views.closure_list, name="closure-list"),
    path("manage/<slug:agency>/closures/new/", views.closure_create, name="closure-create"),
    path(
        "manage/<slug:agency>/closures/<int:pk>/delete/",
        views.closure_delete,
        name="closure-delete",
    ),
    path("manage/<slug:agency>/rooms/new/", views.room_form, name="room-create"),
    path("manage/<slug:agency>/rooms/<slug:slug>/", views.room_form, name="room-update"),
    path("manage/<slug:agency>/reserve/", views.event_reserve, name="event-reserve"),
    path("<slug:agency>/<slug:slug>/", views.room_detail, name="room-detail"),
    path("<slug:agency>/<slug:slug>/request/", views.booking_create, name="booking-create"),
]
