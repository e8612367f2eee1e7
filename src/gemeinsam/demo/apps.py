from django.apps import AppConfig


class DemoConfig(AppConfig):
    """`gemeinsam demo`: the demo data and the command that loads and serves it. It sits on the
    top floor: it may read every app, none reads it."""

    name = "gemeinsam.demo"
    label = "demo"
