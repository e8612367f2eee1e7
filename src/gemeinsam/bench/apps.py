from django.apps import AppConfig


class BenchConfig(AppConfig):
    """`gemeinsam bench`: benchmarks in throwaway databases, each against a baseline measured
    in the same run. It sits on the top floor: it may read every app, none reads it."""

    name = "gemeinsam.bench"
    label = "bench"
