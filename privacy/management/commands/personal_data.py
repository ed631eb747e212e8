import json

from django.core.management.base import BaseCommand

from privacy.subject import erase, export


class Command(BaseCommand):
    help = (
        "Finder alt, der hører til en e-mailadresse eller en konto med den: "
        "'export' skriver det som JSON, 'erase' sletter eller anonymiserer det."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")

    def handle(self, *args, action, email, **options):
        if action == "export":
            data = export(email)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        counts = erase(email)
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(self.style.SUCCESS("Slettet eller anonymiseret"))
