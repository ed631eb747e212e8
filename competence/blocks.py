"""The answers of a Kompetencetjek question: each answer gives points to one
or more competence areas."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

MAX_POINTS = 4


class AreaScoreBlock(blocks.StructBlock):
    area = SnippetChooserBlock("portal.CompetenceArea", label=_("område"))
    points = blocks.IntegerBlock(
        label=_("point"),
        min_value=0,
        max_value=MAX_POINTS,
        help_text=_("0 = intet på plads, %(max)d = helt på plads.")
        % {"max": MAX_POINTS},
    )

    class Meta:
        icon = "crosshairs"
        label = _("Point til et område")
        template = "competence/blocks/area_score_block.html"
        preview_value = {"points": 2}


class AnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("svar"), max_length=200)
    scores = blocks.ListBlock(
        AreaScoreBlock(),
        label=_("point"),
        min_num=1,
        help_text=_("De områder, svaret giver point til."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Svar")
        template = "competence/blocks/answer_block.html"
        preview_value = {"text": "Ja, og vi følger op på det"}


class AnswersBlock(blocks.StreamBlock):
    answer = AnswerBlock()

    class Meta:
        min_num = 2
        max_num = 6
