"""Bulk synthetic tools and cases for benchmarks (`load_demo --scale N`).

Wagtail pages are multi-table (wagtailcore_page plus the page type's own
table) and treebeard materialised-path nodes, so Django's bulk_create can't
make them directly. Instead we compute each node's path, depth and url_path
ourselves, bulk-insert the base Page rows (which returns their ids), then
insert the page type's own rows, the many-to-many and inline rows, and
finally correct the parents' numchild. The pages are live without revisions,
like pages created by a data migration; editing one in the admin creates its
first revision.
"""

import datetime
import random
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page

from taggit.models import Tag
from tqdm import tqdm

from cases.models import CasePage, CasePageEffect, CasePageTag, CasePageTool
from portal.models import PartnerPage
from toolbox.models import ToolPage, ToolPageTag

from . import data, text
from .builders import case_fields, tool_fields

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
            builder.page(
                builder.partner_index,
                PartnerPage,
                f"testdata-{number:02d}",
                title=f"{spec['short']} (testdata {number:02d})",
                partner_type=spec["partner_type"],
                size_band=spec["size_band"],
                website=spec["website"],
                description=spec["description"],
                contact_name=spec["contact_name"],
                contact_email=spec["contact_email"],
                m2m={"sectors": [builder.sectors[s] for s in spec["sectors"]]},
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

    def node(self, parent, slug_base, **fields):
        position = self.next_position[parent.pk]
        self.next_position[parent.pk] += 1
        self.added[parent.pk] += 1
        slug = f"{slug_base[:70]}-{position}"
        return Page(
            path=Page._get_path(parent.path, parent.depth + 1, position),
            depth=parent.depth + 1,
            numchild=0,
            slug=slug,
            url_path=f"{parent.url_path}{slug}/",
            locale_id=parent.locale_id,
            live=True,
            has_unpublished_changes=False,
            **fields,
        )

    def fix_numchild(self):
        for pk, added in self.added.items():
            if added:
                Page.objects.filter(pk=pk).update(numchild=F("numchild") + added)


def insert_specific(model, objects, using):
    """Inserts only the page type's own table rows (the parent link and the
    model's local fields); the base Page rows already exist."""
    fields = list(model._meta.local_concrete_fields)
    model._base_manager.using(using)._insert(objects, fields=fields, using=using)


def add_synthetic(count, *, builder, stdout=None, verbosity=1):
    """Adds count synthetic tools and count synthetic cases; returns the counts."""
    using = router.db_for_write(Page)
    existing_tools = ToolPage.objects.count()
    # Each --scale run continues with new text, still deterministic.
    rng = random.Random(text.REVIEW_REFERENCE.toordinal() + existing_tools)  # noqa: S311
    with transaction.atomic(using=using):
        partners = synthetic_partners(
            builder,
            random.Random(text.REVIEW_REFERENCE.toordinal()),  # noqa: S311
        )
        appender = TreeAppender([partner for _spec, partner in partners])
        tags = {
            name: Tag.objects.get_or_create(
                name=name, defaults={"slug": text.danish_slug(name)}
            )[0]
            for name in data.TAGS
        }
        content_types = ContentType.objects.get_for_models(ToolPage, CasePage)
        progress = tqdm(
            total=2 * count,
            desc="Syntetisk indhold",
            unit="sider",
            file=getattr(stdout, "_out", stdout),
            disable=verbosity == 0 or stdout is None,
        )
        now = timezone.now()
        tool_ids = list(ToolPage.objects.values_list("pk", flat=True))
        for batch in batched(range(count), BATCH_SIZE):
            tool_ids += add_tools(
                batch,
                rng,
                partners,
                appender,
                tags,
                content_types[ToolPage],
                now,
                builder,
                using,
            )
            progress.update(len(batch))
        for batch in batched(range(count), BATCH_SIZE):
            add_cases(
                batch,
                rng,
                partners,
                appender,
                tags,
                content_types[CasePage],
                now,
                builder,
                tool_ids,
                using,
            )
            progress.update(len(batch))
        progress.close()
        appender.fix_numchild()
    return {"tools": count, "cases": count}


def published_at(rng, now):
    return now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 540))


def add_tools(batch, rng, partners, appender, tags, content_type, now, builder, using):
    specs, nodes = [], []
    for _number in batch:
        owner, parent = rng.choice(partners)
        spec = text.tool_spec(rng, owner, NoTitles())
        when = published_at(rng, now)
        nodes.append(
            appender.node(
                parent,
                spec["slug"],
                title=spec["title"],
                draft_title=spec["title"],
                content_type=content_type,
                first_published_at=when,
                last_published_at=when,
            )
        )
        specs.append((spec, parent))
    Page.objects.using(using).bulk_create(nodes, batch_size=BATCH_SIZE)
    tools = []
    sectors, themes, audiences, tagged = [], [], [], []
    for node, (spec, parent) in zip(nodes, specs, strict=True):
        tools.append(
            ToolPage(page_ptr_id=node.pk, partner_id=parent.pk, **tool_fields(spec))
        )
        sectors += [(node.pk, builder.sectors[s].pk) for s in spec["sectors"]]
        themes += [(node.pk, builder.themes[s].pk) for s in spec["themes"]]
        audiences += [(node.pk, builder.audiences[s].pk) for s in spec["audiences"]]
        tagged += [
            ToolPageTag(content_object_id=node.pk, tag=tags[t]) for t in spec["tags"]
        ]
    insert_specific(ToolPage, tools, using)
    insert_m2m(ToolPage, "sectors", sectors, using)
    insert_m2m(ToolPage, "themes", themes, using)
    insert_m2m(ToolPage, "audiences", audiences, using)
    ToolPageTag.objects.using(using).bulk_create(tagged, batch_size=BATCH_SIZE)
    return [node.pk for node in nodes]


def add_cases(
    batch, rng, partners, appender, tags, content_type, now, builder, tool_ids, using
):
    specs, nodes = [], []
    for _number in batch:
        owner, parent = rng.choice(partners)
        spec = text.case_spec(rng, owner, NoTitles(), [], [])
        when = published_at(rng, now)
        nodes.append(
            appender.node(
                parent,
                spec["slug"],
                title=spec["title"],
                draft_title=spec["title"],
                content_type=content_type,
                first_published_at=when,
                last_published_at=when,
            )
        )
        specs.append((spec, parent))
    Page.objects.using(using).bulk_create(nodes, batch_size=BATCH_SIZE)
    cases, sectors, themes, tagged, effects, links = [], [], [], [], [], []
    heroes = builder.heroes
    for node, (spec, parent) in zip(nodes, specs, strict=True):
        cases.append(
            CasePage(
                page_ptr_id=node.pk,
                partner_id=parent.pk,
                hero_image_id=heroes[spec["hero"] % len(heroes)].pk,
                **case_fields(spec),
            )
        )
        sectors += [(node.pk, builder.sectors[s].pk) for s in spec["sectors"]]
        themes += [(node.pk, builder.themes[s].pk) for s in spec["themes"]]
        tagged += [
            CasePageTag(content_object_id=node.pk, tag=tags[t]) for t in spec["tags"]
        ]
        effects += [
            CasePageEffect(page_id=node.pk, label=label, value=value, sort_order=order)
            for order, (label, value) in enumerate(spec["effects"])
        ]
        used = rng.sample(tool_ids, min(len(tool_ids), rng.randint(1, 3)))
        links += [
            CasePageTool(page_id=node.pk, tool_id=tool_id, sort_order=order)
            for order, tool_id in enumerate(used)
        ]
    insert_specific(CasePage, cases, using)
    insert_m2m(CasePage, "sectors", sectors, using)
    insert_m2m(CasePage, "themes", themes, using)
    CasePageTag.objects.using(using).bulk_create(tagged, batch_size=BATCH_SIZE)
    CasePageEffect.objects.using(using).bulk_create(effects, batch_size=BATCH_SIZE)
    CasePageTool.objects.using(using).bulk_create(links, batch_size=BATCH_SIZE)


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
