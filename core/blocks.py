"""Content blocks shared by every page type's StreamFields."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("billede"))
    caption = blocks.CharBlock(label=_("billedtekst"), required=False)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Billede")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citat"))
    author = blocks.CharBlock(label=_("afsender"), required=False)
    role = blocks.CharBlock(label=_("rolle"), required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Citat")
        preview_value = {
            "text": "Sidemandsoplæring ved linjen gjorde forskellen.",
            "author": "Mette Holm",
            "role": "Produktionschef",
        }


class StepBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("trin"))
    text = blocks.RichTextBlock(label=_("beskrivelse"), features=RICH_TEXT_FEATURES)
    minutes = blocks.IntegerBlock(label=_("minutter"), required=False, min_value=0)


class StepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("overskrift"), required=False)
    steps = blocks.ListBlock(StepBlock(), label=_("trin"))

    class Meta:
        icon = "list-ol"
        template = "blocks/steps_block.html"
        label = _("Trin for trin")


class DownloadListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("overskrift"), required=False)
    documents = blocks.ListBlock(DocumentChooserBlock(), label=_("filer"))

    class Meta:
        icon = "doc-full"
        template = "blocks/download_list_block.html"
        label = _("Downloads")


class StatBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("tal"), help_text=_("fx 314.000 eller 70+"))
    label = blocks.CharBlock(label=_("betegnelse"))
    note = blocks.CharBlock(label=_("note"), required=False)

    class Meta:
        icon = "pick"
        template = "blocks/stat_block.html"
        label = _("Nøgletal")
        preview_value = {"value": "314.000", "label": "AI-opkvalificeringer i 2025"}


class FocusItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("overskrift"))
    text = blocks.TextBlock(label=_("tekst"))
    link = blocks.PageChooserBlock(label=_("link"), required=False)

    class Meta:
        icon = "crosshairs"
        template = "blocks/focus_item_block.html"
        label = _("Fokuspunkt")


class BodyBlock(blocks.StreamBlock):
    """The body stream of tools, cases and standard pages."""

    paragraph = blocks.RichTextBlock(
        label=_("tekst"), features=RICH_TEXT_FEATURES, icon="pilcrow"
    )
    image = ImageBlock()
    embed = EmbedBlock(label=_("indlejret video"), icon="media")
    quote = QuoteBlock()
    steps = StepsBlock()
    downloads = DownloadListBlock()

    class Meta:
        template = "blocks/body_block.html"
