"""Bulk synthetic tools and cases for benchmarks (`load_demo --scale N`).

Wagtail pages are multi-table (wagtailcore_page plus the page type's own
table) and treebeard materialised-path nodes, so Django's bulk_create can't
make them directly. Instead each page is built, unsaved, by its app's
factory (the one the demo and the tests use) with the node's path, depth
and url_path that we compute ourselves; we bulk-insert the base Page rows
(which returns their ids), then the page type's own rows, the many-to-many
and inline rows, and finally correct the parents' numchild. The pages are
live without revisions, like pages created by a data migration; editing one
in the admin creates its first revision.
"""

import datetime
import random
from itertools import islice

from django.db import router, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page

from taggit.models import Tag
from tqdm import tqdm

from cases.models import CasePage, CasePageEffect, CasePageTool
from portal.factories.cases import CasePageFactory
from portal.factories.tools import ToolPageFactory
from toolbox.models import ToolPage

from . import data, text
from .builders import CASE_TERMS, TOOL_TERMS, case_fields, tool_fields

SYNTHETIC_PARTNERS = 8
BATCH_SIZE = 500


def batched(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


class NoTitles(set):
    """Synthetic titles needn't be unique; slugs are made unique by position."""

    def __contains__(self, item):
        return False


def synthetic_partners(builder, rng):
    """A few partners that hold the synthetic content, created (once) the
    normal way so they have revisions and editor groups."""
    specs = text.partner_specs(
        rng,
        {
            "production": SYNTHETIC_PARTNERS,
            "company": 0,
            "education": 0,
            "organisation": 0,
        },
    )
    partners = []
    for number, spec in enumerate(specs, start=1):
        partners.append(
            builder.partner(
                spec,
                f"testdata-{number:02d}",
                f"{spec['short']} (testdata {number:02d})",
            )
        )
        spec["slug"] = partners[-1].slug
    return list(zip(specs, partners, strict=True))


class TreeAppender:
    """Hands out the next free child path under each parent."""

    def __init__(self, parents):
        self.parents = {parent.pk: parent for parent in parents}
        self.next_position = {}
        self.added = dict.fromkeys(self.parents, 0)
        for parent in parents:
            last = (
                Page.objects.filter(
                    path__startswith=parent.path, depth=parent.depth + 1
                )
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.next_position[parent.pk] = (
                Page._str2int(last[-Page.steplen :]) + 1 if last else 1
            )

    def place(self, parent, slug_base):
        """The tree fields of a new last child of parent."""
        position = self.next_position[parent.pk]
        self.next_position[parent.pk] += 1
        self.added[parent.pk] += 1
        slug = f"{slug_base[:70]}-{position}"
        return {
            "path": Page._get_path(parent.path, parent.depth + 1, position),
            "depth": parent.depth + 1,
            "numchild": 0,
            "slug": slug,
            "url_path": f"{parent.url_path}{slug}/",
            "locale_id": parent.locale_id,
        }

    def fix_numchild(self):
        for pk, added in self.added.items():
            if added:
                Page.objects.filter(pk=pk).update(numchild=F("numchild") + added)


def insert_pages(pages, using):
    """Writes pages built (unsaved) by a page factory: the base Page rows
    with bulk_create, which returns their ids, then the page type's own
    rows (the parent link and the model's local fields)."""
    model = type(pages[0])
    base_fields = [field for field in Page._meta.concrete_fields if field.name != "id"]
    nodes = [
        Page(**{field.attname: getattr(page, field.attname) for field in base_fields})
        for page in pages
    ]
    Page.objects.using(using).bulk_create(nodes, batch_size=BATCH_SIZE)
    for page, node in zip(pages, nodes, strict=True):
        page.page_ptr_id = page.id = node.pk
    fields = list(model._meta.local_concrete_fields)
    model._base_manager.using(using)._insert(pages, fields=fields, using=using)


class Synthetic:
    """One --scale run: bulk pages under the synthetic partners, built by the
    same page factories as the demo and the tests."""

    def __init__(self, builder, rng, using):
        self.builder = builder
        self.rng = rng
        self.using = using
        self.partners = synthetic_partners(
            builder,
            random.Random(text.REVIEW_REFERENCE.toordinal()),  # noqa: S311
        )
        self.appender = TreeAppender([partner for _spec, partner in self.partners])
        self.tags = {
            name: Tag.objects.get_or_create(
                name=name, defaults={"slug": text.danish_slug(name)}
            )[0]
            for name in data.TAGS
        }
        self.now = timezone.now()
        self.tool_ids = list(ToolPage.objects.values_list("pk", flat=True))

    def pages(self, factory_class, batch, new_spec, own_fields):
        """Builds and inserts one live page a number in batch, each under a
        random synthetic partner; returns (page, spec) pairs."""
        built = []
        for _number in batch:
            owner, parent = self.rng.choice(self.partners)
            spec = new_spec(self.rng, owner)
            when = published_at(self.rng, self.now)
            page = factory_class.build(
                parent=parent,
                **self.appender.place(parent, spec["slug"]),
                title=spec["title"],
                draft_title=spec["title"],
                live=True,
                has_unpublished_changes=False,
                first_published_at=when,
                last_published_at=when,
                partner=parent,
                **own_fields(spec),
            )
            built.append((page, spec))
        insert_pages([page for page, _spec in built], self.using)
        return built

    def relations(self, model, built, *names):
        """The pages' taxonomies and keywords, in bulk."""
        pairs = {name: [] for name in names}
        tagged = []
        tag_model = model._meta.get_field("tags").through
        for page, spec in built:
            for name, terms in self.builder.terms(spec, *names).items():
                pairs[name] += [(page.pk, term.pk) for term in terms]
            tagged += [
                tag_model(content_object_id=page.pk, tag=self.tags[tag])
                for tag in spec["tags"]
            ]
        for name in names:
            insert_m2m(model, name, pairs[name], self.using)
        tag_model.objects.using(self.using).bulk_create(tagged, batch_size=BATCH_SIZE)

    def add_tools(self, batch):
        built = self.pages(
            ToolPageFactory,
            batch,
            lambda rng, owner: text.tool_spec(rng, owner, NoTitles()),
            tool_fields,
        )
        self.relations(ToolPage, built, *TOOL_TERMS)
        self.tool_ids += [page.pk for page, _spec in built]

    def add_cases(self, batch):
        heroes = self.builder.heroes
        built = self.pages(
            CasePageFactory,
            batch,
            lambda rng, owner: text.case_spec(rng, owner, NoTitles(), [], []),
            lambda spec: {
                "hero_image": heroes[spec["hero"] % len(heroes)],
                **case_fields(spec),
            },
        )
        self.relations(CasePage, built, *CASE_TERMS)
        effects, links = [], []
        for page, spec in built:
            effects += [
                CasePageEffect(
                    page_id=page.pk, label=label, value=value, sort_order=order
                )
                for order, (label, value) in enumerate(spec["effects"])
            ]
            used = self.rng.sample(
                self.tool_ids, min(len(self.tool_ids), self.rng.randint(1, 3))
            )
            links += [
                CasePageTool(page_id=page.pk, tool_id=tool_id, sort_order=order)
                for order, tool_id in enumerate(used)
            ]
        CasePageEffect.objects.using(self.using).bulk_create(
            effects, batch_size=BATCH_SIZE
        )
        CasePageTool.objects.using(self.using).bulk_create(links, batch_size=BATCH_SIZE)


def add_synthetic(count, *, builder, stdout=None, verbosity=1):
    """Adds count synthetic tools and count synthetic cases; returns the counts."""
    using = router.db_for_write(Page)
    existing_tools = ToolPage.objects.count()
    # Each --scale run continues with new text, still deterministic.
    rng = random.Random(text.REVIEW_REFERENCE.toordinal() + existing_tools)  # noqa: S311
    with transaction.atomic(using=using):
        synthetic = Synthetic(builder, rng, using)
        progress = tqdm(
            total=2 * count,
            desc="Syntetisk indhold",
            unit="sider",
            file=getattr(stdout, "_out", stdout),
            disable=verbosity == 0 or stdout is None,
        )
        for add in (synthetic.add_tools, synthetic.add_cases):
            for batch in batched(range(count), BATCH_SIZE):
                add(batch)
                progress.update(len(batch))
        progress.close()
        synthetic.appender.fix_numchild()
    return {"tools": count, "cases": count}


def published_at(rng, now):
    return now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 540))


def insert_m2m(model, field_name, pairs, using):
    """Bulk-inserts (page id, target id) pairs into a many-to-many table."""
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source = field.m2m_field_name() + "_id"
    target = field.m2m_reverse_field_name() + "_id"
    through.objects.using(using).bulk_create(
        [through(**{source: page_id, target: other_id}) for page_id, other_id in pairs],
        batch_size=BATCH_SIZE,
    )
