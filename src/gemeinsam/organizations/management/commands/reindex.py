from django.core.management.base import BaseCommand

from gemeinsam.organizations import search


class Command(BaseCommand):
    help = "Rebuild the directory's search index from the organizations."

    def handle(self, *args, **options):
        count = search.reindex()
        self.stdout.write(f"Indexed {count} organization(s).")
