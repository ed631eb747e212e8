"""The demo's "Start her" learning paths: one per role group, built from the
demo's public tools and cases by competence area. Idempotent: a path that
exists (by slug) is left as the editors have it."""

from cases.models import CasePage
from competence.models import LearningPath, LearningPathStep
from toolbox.models import ToolPage

# (slug, title, role group, intro, [area slugs of the tool steps], case area)
PATHS = [
    (
        "ledere",
        "For ledere: fra retning til opfølgning",
        "ledere",
        "Sæt retning for AI-kompetencerne, gå forrest og følg op.",
        ["strategi", "ledelsesforankring", "ansvarlig-brug"],
        "ledelsesforankring",
    ),
    (
        "produktionen",
        "For produktionen: AI ved linjen",
        "produktionen",
        "Korte forløb, der passer ind i hverdagen på gulvet.",
        ["forstaaelse", "on-the-job", "anvendelse", "tryghed"],
        "on-the-job",
    ),
    (
        "hr-og-undervisere",
        "For HR og undervisere: læring, der bliver brugt",
        "hr",
        "Byg en læringskultur og sidemandsoplæring, der holder.",
        ["laeringskultur", "on-the-job", "tryghed", "ansvarlig-brug"],
        "laeringskultur",
    ),
    (
        "tillidsrepraesentanter",
        "For tillidsrepræsentanter: tryghed og medindflydelse",
        "tillidsrepraesentanter",
        "Hvad AI betyder for jobbene, og hvordan kollegerne får kompetencerne "
        "skrevet på CV'et.",
        ["tryghed", "ansvarlig-brug", "styring", "laeringskultur"],
        "tryghed",
    ),
]


def build_learning_paths():
    """Creates the paths that do not exist yet; returns how many."""
    created = 0
    tools = ToolPage.objects.live().public().filter(access="public")
    cases = CasePage.objects.live().public()
    for order, (slug, title, role, intro, areas, case_area) in enumerate(PATHS):
        path, new = LearningPath.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "role_group": role,
                "intro": intro,
                "sort_order": order * 10,
            },
        )
        if not new:
            continue
        created += 1
        used = set()
        steps = []
        for area in areas:
            tool = (
                tools.filter(competence_areas__slug=area)
                .exclude(pk__in=used)
                .order_by("title")
                .prefetch_related("competence_areas")
                .first()
            )
            if tool is None:
                continue
            used.add(tool.pk)
            area_name = next(
                a.name for a in tool.competence_areas.all() if a.slug == area
            )
            steps.append(
                (tool, f"Et første skridt inden for {area_name.lower()}.", tool.effort)
            )
        case = cases.filter(competence_areas__slug=case_area).order_by("title").first()
        if case is not None:
            steps.insert(
                1, (case, "Se, hvordan en anden virksomhed gjorde.", "15 min.")
            )
        LearningPathStep.objects.bulk_create(
            LearningPathStep(
                path=path,
                page=page,
                why=why,
                duration=duration or "30 min.",
                sort_order=number,
            )
            for number, (page, why, duration) in enumerate(steps)
        )
    return created
