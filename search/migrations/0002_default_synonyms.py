from django.db import migrations

DEFAULT_GROUPS = [
    ("AI, kunstig intelligens", ""),
    ("GenAI, generativ AI, generativ kunstig intelligens", ""),
    ("on-the-job-training, sidemandsoplæring, OJT", ""),
    ("e-læring, elearning, online kursus", ""),
    ("kompetenceudvikling, opkvalificering, efteruddannelse", ""),
    ("tillidsrepræsentant, TR", ""),
    ("HR, personaleafdeling", ""),
]


def add_defaults(apps, schema_editor):
    SynonymGroup = apps.get_model("portal_search", "SynonymGroup")
    for terms, note in DEFAULT_GROUPS:
        SynonymGroup.objects.get_or_create(terms=terms, defaults={"note": note})


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
