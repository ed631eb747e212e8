"""The before/after chart on a case page in chromium at phone width: axe-core
finds nothing, the SVG's accessible name is its visible caption, its labels
stay inside the figure, and it still shows on paper and without the style
sheet."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 375, "height": 800}
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def case(site_tree):
    from tests.factories import case_index, make_case, make_partner

    case_index()
    return make_case(
        make_partner("Vestjysk Emballage A/S"),
        title="Færre fejl med AI ved pakkelinjen",
        employees_upskilled=48,
        effects=[("Øget tryghed i jobbet", "55 %")],
        measurements=[
            {
                "label": "Timer pr. opgave",
                "unit": "timer",
                "before": "4.5",
                "after": "2.8",
                "period": "efter 6 måneder",
                "lower_is_better": True,
            },
            {
                "label": "Medarbejdere, der bruger AI ugentligt",
                "unit": "procent",
                "before": "12",
                "after": "64",
                "lower_is_better": False,
            },
            {
                "label": "Omkostning pr. reklamation",
                "unit": "kr",
                "before": "1250",
                "after": "937.5",
                "lower_is_better": True,
            },
        ],
    )


def axe_report(page, axe_path, context="document"):
    page.evaluate(axe_path.read_text())
    results = page.evaluate(
        f"async () => await axe.run({context}, {{resultTypes: ['violations']}})"
    )
    return results["violations"]


def describe(violations):
    return "\n".join(
        f"[{v['impact']}] {v['id']}: {v['help']}\n"
        + "\n".join(f"    {n['target']}: {n['html'][:160]}" for n in v["nodes"])
        for v in violations
    )


def image_names(page):
    """The accessible names chromium gives the role="img" nodes, as a
    screen reader gets them."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    return [
        node.get("name", {}).get("value", "")
        for node in nodes
        if node.get("role", {}).get("value") == "image"
    ]


def test_chart_passes_axe_at_phone_width(
    page, live_server, case, axe_path, artifacts_dir
):
    page.set_viewport_size(PHONE)
    response = page.goto(live_server.url + case.url)
    assert response.status == 200

    blocking = [
        v for v in axe_report(page, axe_path) if v["impact"] in BLOCKING_IMPACTS
    ]
    assert not blocking, describe(blocking)
    # The chart itself is held to every rule, minor ones included.
    own = axe_report(page, axe_path, "document.querySelector('.before-after')")
    assert not own, describe(own)

    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the case page scrolls sideways by {overflow}px"
    page.locator(".before-after").screenshot(
        path=artifacts_dir / "case-before-after-375.png"
    )


def test_svg_is_named_by_its_visible_caption(page, live_server, case):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + case.url)
    captions = page.locator(".before-after figcaption").all_inner_texts()
    assert captions[0] == (
        "Timer pr. opgave, efter 6 måneder: "
        "fra 4,5 til 2,8\u00a0timer, \u221238\u00a0%. "
        "En forbedring, da lavere er bedre."
    )
    names = [" ".join(name.split()) for name in image_names(page)]
    for caption in captions:
        assert " ".join(caption.split()) in names


def test_value_labels_stay_inside_their_figure(page, live_server, case):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + case.url)
    outside = page.evaluate(
        """() => [...document.querySelectorAll('.before-after__figure')]
            .flatMap(figure => {
              const box = figure.getBoundingClientRect();
              return [...figure.querySelectorAll('svg text')]
                .filter(text => {
                  const r = text.getBoundingClientRect();
                  return r.right > box.right || r.left < box.left;
                })
                .map(text => text.textContent);
            })"""
    )
    assert not outside, outside


@pytest.mark.parametrize("mode", ["print", "unstyled"])
def test_bars_show_in_print_and_without_css(page, live_server, case, mode):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + case.url)
    if mode == "print":
        page.emulate_media(media="print")
    else:
        page.evaluate(
            "document.querySelectorAll('link[rel=stylesheet], style')"
            ".forEach(sheet => sheet.remove())"
        )
    bars = page.locator(".before-after__chart rect")
    assert bars.count() == 6
    for index in range(bars.count()):
        bar = bars.nth(index)
        box = bar.bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0
        fill = bar.evaluate("rect => getComputedStyle(rect).fill")
        assert fill not in ("none", "rgb(255, 255, 255)"), fill
    # Before 4,5, after 2,8: the drawn after bar is 2,8/4,5 of the before bar.
    before, after = (bars.nth(i).bounding_box()["width"] for i in (0, 1))
    assert after / before == pytest.approx(2.8 / 4.5, rel=0.01)
